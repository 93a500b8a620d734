// AlignedDataCtrlr (Part 2, Referenced Components §2.7 Metering): meter values aligned to the clock (intervals
// counted from midnight), sent in MeterValues or TransactionEvent, and optionally collected for TransactionEvent
// Ended.
import { controller, optional, required } from '../declare.js';
import { MEASURAND_LIST_MAX_LENGTH, MEASURANDS } from './sampled-data-ctrlr.js';

export const AlignedDataCtrlr = controller('AlignedDataCtrlr', 'Metering', {
  Enabled: optional.boolean({
    default: true,
    description: 'Turns clock-aligned meter values on or off.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station can report clock-aligned meter values.',
  }),
  Measurands: required.memberList(MEASURANDS, {
    maxLength: MEASURAND_LIST_MAX_LENGTH,
    default: ['Energy.Active.Import.Register'],
    description: 'Measurands sent at every clock-aligned interval boundary.',
  }),
  Interval: required.integer({
    unit: 's',
    default: 900,
    description: 'Length of the clock-aligned interval in seconds, counted from midnight (900 = quarter hours); 0 sends none.',
  }),
  // The spec allows this per EVSE too (component on an EVSE tier); declared here station-wide.
  SendDuringIdle: optional.boolean({
    default: false,
    description: 'Send clock-aligned values only while no transaction is running (station-wide here).',
  }),
  // No default: a station that cannot sign meter values must not report this variable at all.
  SignReadings: optional.boolean({
    description: 'Sign the clock-aligned values put in TransactionEvent (only stations with a signing meter have this).',
  }),
  TxEndedMeasurands: required.memberList(MEASURANDS, {
    maxLength: MEASURAND_LIST_MAX_LENGTH,
    default: [],
    description: 'Clock-aligned measurands collected during a transaction and sent in TransactionEvent Ended; empty sends none.',
  }),
  // Part 2's table spells this TxEndInterval; Appendix 3 §3.1.1 and libocpp use TxEndedInterval (as for
  // SampledDataCtrlr). We use TxEndedInterval.
  TxEndedInterval: required.integer({
    unit: 's',
    default: 900,
    description: 'Clock-aligned interval in seconds for the values collected for TransactionEvent Ended.',
  }),
});
