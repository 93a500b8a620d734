// DeviceDataCtrlr (Part 2, Referenced Components §2.1 General; ValueSize from Appendix 3 §3.1.7): limits on the
// device-model messages (GetReport, GetVariables, SetVariables) and on value sizes.
import { controller, optional, required } from '../declare.js';

/** Items per GetReport / GetVariables / SetVariables this station handles in one message. */
export const DEVICE_DATA_ITEMS_PER_MESSAGE = 100;
/** Largest GetReport / GetVariables / SetVariables message this station handles, in bytes. */
export const DEVICE_DATA_BYTES_PER_MESSAGE = 65536;

export const DeviceDataCtrlr = controller('DeviceDataCtrlr', 'Core', {
  // "Every Controller component has an 'Enabled' variable" (Part 2, Referenced Components §1). No default.
  Enabled: optional.boolean({ description: 'Device-model data exchange is in use.' }),
  ItemsPerMessageGetReport: required.integer({
    name: 'ItemsPerMessage',
    instance: 'GetReport',
    mutability: 'ReadOnly',
    constant: true,
    default: DEVICE_DATA_ITEMS_PER_MESSAGE,
    description: 'Most component-variables one GetReport or GetMonitoringReport request may name.',
  }),
  ItemsPerMessageGetVariables: required.integer({
    name: 'ItemsPerMessage',
    instance: 'GetVariables',
    mutability: 'ReadOnly',
    constant: true,
    default: DEVICE_DATA_ITEMS_PER_MESSAGE,
    description: 'Most entries one GetVariables request may carry.',
  }),
  ItemsPerMessageSetVariables: required.integer({
    name: 'ItemsPerMessage',
    instance: 'SetVariables',
    mutability: 'ReadOnly',
    constant: true,
    default: DEVICE_DATA_ITEMS_PER_MESSAGE,
    description: 'Most entries one SetVariables request may carry.',
  }),
  BytesPerMessageGetReport: required.integer({
    name: 'BytesPerMessage',
    instance: 'GetReport',
    mutability: 'ReadOnly',
    constant: true,
    default: DEVICE_DATA_BYTES_PER_MESSAGE,
    description: 'Largest GetReport or GetMonitoringReport request accepted, in bytes.',
  }),
  BytesPerMessageGetVariables: required.integer({
    name: 'BytesPerMessage',
    instance: 'GetVariables',
    mutability: 'ReadOnly',
    constant: true,
    default: DEVICE_DATA_BYTES_PER_MESSAGE,
    description: 'Largest GetVariables request accepted, in bytes.',
  }),
  BytesPerMessageSetVariables: required.integer({
    name: 'BytesPerMessage',
    instance: 'SetVariables',
    mutability: 'ReadOnly',
    constant: true,
    default: DEVICE_DATA_BYTES_PER_MESSAGE,
    description: 'Largest SetVariables request accepted, in bytes.',
  }),
  ConfigurationValueSize: optional.integer({
    mutability: 'ReadOnly',
    constant: true,
    max: 1000,
    default: 1000,
    description: 'Longest value accepted in SetVariables (and valuesList), in characters.',
  }),
  ReportingValueSize: optional.integer({
    mutability: 'ReadOnly',
    constant: true,
    max: 2500,
    default: 2500,
    description: 'Longest value the station reports (GetVariables, reports, events), in characters.',
  }),
  // Appendix 3 only: one limit for both directions, superseded by the two above. No default.
  ValueSize: optional.integer({
    mutability: 'ReadOnly',
    constant: true,
    description: 'Longest value accepted or reported, in characters (the older single limit).',
  }),
});
