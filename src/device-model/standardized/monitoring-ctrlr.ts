// MonitoringCtrlr (Part 2, Referenced Components §2.11 Diagnostics): variable monitoring and the events it
// raises.
import type { MonitoringBaseEnumType } from '../../messages/types.js';
import { controller, optional, required } from '../declare.js';

const MONITORING_BASE_SET: Record<MonitoringBaseEnumType, true> = { All: true, FactoryDefault: true, HardWiredOnly: true };

/** Every MonitoringBaseEnumType value. */
export const MONITORING_BASES: readonly MonitoringBaseEnumType[] = Object.freeze(
  Object.keys(MONITORING_BASE_SET) as MonitoringBaseEnumType[],
);

export const MonitoringCtrlr = controller('MonitoringCtrlr', 'Diagnostics', {
  Enabled: optional.boolean({
    default: true,
    description: 'Variable monitors are evaluated and raise events.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station supports variable monitoring.',
  }),
  ItemsPerMessageClearVariableMonitoring: optional.integer({
    name: 'ItemsPerMessage',
    instance: 'ClearVariableMonitoring',
    mutability: 'ReadOnly',
    constant: true,
    default: 250,
    description: 'Most monitor ids one ClearVariableMonitoring request may carry.',
  }),
  ItemsPerMessageSetVariableMonitoring: required.integer({
    name: 'ItemsPerMessage',
    instance: 'SetVariableMonitoring',
    mutability: 'ReadOnly',
    constant: true,
    default: 250,
    description: 'Most monitors one SetVariableMonitoring request may carry.',
  }),
  BytesPerMessageClearVariableMonitoring: optional.integer({
    name: 'BytesPerMessage',
    instance: 'ClearVariableMonitoring',
    mutability: 'ReadOnly',
    constant: true,
    default: 65536,
    description: 'Largest ClearVariableMonitoring request accepted, in bytes.',
  }),
  BytesPerMessageSetVariableMonitoring: required.integer({
    name: 'BytesPerMessage',
    instance: 'SetVariableMonitoring',
    mutability: 'ReadOnly',
    constant: true,
    default: 65536,
    description: 'Largest SetVariableMonitoring request accepted, in bytes.',
  }),
  // No default: without it the offline queueing of events follows QueueAllMessages alone.
  OfflineQueuingSeverity: optional.integer({
    min: 0,
    max: 9,
    description: 'While offline, queue NotifyEvent messages of monitors with this severity or a more urgent one (0 Emergency .. 9 Debug).',
  }),
  // Set through SetMonitoringBase and SetMonitoringLevel, so they survive a restart although read-only.
  ActiveMonitoringBase: optional.optionList(MONITORING_BASES, {
    mutability: 'ReadOnly',
    persistent: true,
    default: 'All',
    description: 'Monitoring base in force, as last set by SetMonitoringBase.',
  }),
  ActiveMonitoringLevel: optional.integer({
    mutability: 'ReadOnly',
    persistent: true,
    min: 0,
    max: 9,
    default: 9,
    description: 'Monitoring level in force (severities reported up to this one), as last set by SetMonitoringLevel.',
  }),
});
