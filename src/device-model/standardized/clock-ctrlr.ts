// ClockCtrlr (Part 2, Referenced Components §2.1 General): the station's clock, its time sources and the local
// time shown to drivers.
import { controller, optional, required } from '../declare.js';

export const TIME_SOURCES = ['Heartbeat', 'NTP', 'GPS', 'RealTimeClock', 'MobileNetwork', 'RadioTimeTransmitter'] as const;
export type TimeSource = (typeof TIME_SOURCES)[number];

export const NTP_SOURCES = ['DHCP', 'manual'] as const;
export type NtpSource = (typeof NTP_SOURCES)[number];

export const ClockCtrlr = controller('ClockCtrlr', 'Core', {
  // "Every Controller component has an 'Enabled' variable" (Part 2, Referenced Components §1). No default.
  Enabled: optional.boolean({ description: 'Clock management is in use.' }),
  // No default and no storage: the stack answers with the current time.
  DateTime: required.dateTime({
    mutability: 'ReadOnly',
    persistent: false,
    supportsMonitoring: false,
    description: 'Current date and time of the station clock.',
  }),
  NtpSource: optional.optionList(NTP_SOURCES, {
    description: 'Where the NTP client takes its server from: DHCP or NtpServerUri.',
  }),
  // The instance is the server's priority, one digit: 1 is the primary. Two are declared.
  NtpServerUri1: optional.string({
    name: 'NtpServerUri',
    instance: '1',
    description: 'Address of the primary NTP server.',
  }),
  NtpServerUri2: optional.string({
    name: 'NtpServerUri',
    instance: '2',
    description: 'Address of the secondary NTP server.',
  }),
  TimeOffset: optional.string({
    description: 'Local time offset shown to drivers, e.g. +01:00. Use either this or TimeZone.',
  }),
  NextTimeOffsetTransitionDateTime: optional.dateTime({
    description: 'When TimeOffsetNextTransition replaces TimeOffset (e.g. the next daylight saving change).',
  }),
  TimeOffsetNextTransition: optional.string({
    name: 'TimeOffset',
    instance: 'NextTransition',
    description: 'Offset that takes over at NextTimeOffsetTransitionDateTime, e.g. +02:00.',
  }),
  // The spec lists every source it knows; a station should report the ones it implements.
  TimeSource: required.sequenceList(TIME_SOURCES, {
    default: ['Heartbeat'],
    description: 'Time sources to use, in order of preference (e.g. NTP,Heartbeat).',
  }),
  TimeZone: optional.string({
    description: 'Local time zone shown to drivers, e.g. Europe/Oslo. Use either this or TimeOffset.',
  }),
  TimeAdjustmentReportingThreshold: optional.integer({
    unit: 's',
    default: 20,
    description: 'A clock change larger than this many seconds raises the security event SettingSystemTime.',
  }),
});
