// OCPPCommCtrlr (Part 2, Referenced Components §2.1 General and §2.7.17; Part 4 §8 for the websocket variables;
// 2025 errata §2.57 makes ActiveNetworkProfile required; MinimumStatusDuration from Appendix 3 §3.1.12): how the
// station talks to the CSMS. The defaults match the link's (src/link/link-settings.ts DEFAULT_LINK_SETTINGS).
import { integerCodec, listCodec } from '../codecs.js';
import { controller, declareVariable, optional, required, type VariableOptions, type VariableSpec } from '../declare.js';
import type { OptionalVariable, ValueCodec } from '../types.js';

/**
 * The network connection profile slots this station has. They are NetworkConfigurationPriority's valuesList;
 * SetNetworkProfile for any other slot is rejected (B09.FR.05).
 */
export const NETWORK_CONFIGURATION_SLOTS: readonly number[] = Object.freeze([1, 2, 3, 4]);

export const FILE_TRANSFER_PROTOCOLS = ['FTP', 'FTPS', 'HTTP', 'HTTPS', 'SFTP'] as const;
export type FileTransferProtocol = (typeof FILE_TRANSFER_PROTOCOLS)[number];

export const PUBLIC_KEY_WITH_SIGNED_METER_VALUE = ['Never', 'OncePerTransaction', 'EveryMeterValue'] as const;
export type PublicKeyWithSignedMeterValue = (typeof PUBLIC_KEY_WITH_SIGNED_METER_VALUE)[number];

/**
 * A SequenceList of slot numbers that reports the slots as its valuesList and refuses unknown or repeated
 * slots. The builder's integerSequence carries no valuesList, which NetworkConfigurationPriority must report.
 */
function slotSequence(slots: readonly number[], options: VariableOptions<number[]>): VariableSpec<number[], true> {
  const slot: ValueCodec<number> = {
    parse(text) {
      const value = integerCodec.parse(text);
      if (!slots.includes(value)) throw new RangeError(`${value} is not a configuration slot (${slots.join(', ')})`);
      return value;
    },
    format: (value) => integerCodec.format(value),
  };
  const list = listCodec(slot);
  const codec: ValueCodec<number[]> = {
    parse(text) {
      const values = list.parse(text);
      const repeated = values.find((value, index) => values.indexOf(value) !== index);
      if (repeated !== undefined) throw new RangeError(`configuration slot ${repeated} is listed twice`);
      return values;
    },
    format: (values) => list.format(values),
  };
  return { required: true, dataType: 'SequenceList', codec, valuesList: slots.map(String), options };
}

export const OCPPCommCtrlr = controller('OCPPCommCtrlr', 'Core', {
  // "Every Controller component has an 'Enabled' variable" (Part 2, Referenced Components §1). No default.
  Enabled: optional.boolean({ description: 'OCPP communication settings are in use.' }),
  // Required since the 2025 errata. Kept current by the stack; 1 is the first slot of the default priority.
  ActiveNetworkProfile: required.integer({
    mutability: 'ReadOnly',
    default: 1,
    description: 'Configuration slot of the network profile used for the current connection.',
  }),
  FileTransferProtocols: required.memberList(FILE_TRANSFER_PROTOCOLS, {
    mutability: 'ReadOnly',
    constant: true,
    default: ['HTTP', 'HTTPS'],
    description: 'Protocols the station can upload and download files with (logs, firmware).',
  }),
  HeartbeatInterval: optional.integer({
    unit: 's',
    min: 1,
    default: 1800,
    description: 'Seconds without any OCPP exchange after which the station sends a Heartbeat.',
  }),
  MessageTimeoutDefault: required.integer({
    name: 'MessageTimeout',
    instance: 'Default',
    mutability: 'ReadOnly',
    unit: 's',
    default: 30,
    description: 'Seconds a request waits for its answer before it counts as not delivered.',
  }),
  NetworkConfigurationPriority: slotSequence(NETWORK_CONFIGURATION_SLOTS, {
    default: [1],
    description: 'Network profile slots in the order they are tried; valuesList lists the slots that exist.',
  }),
  NetworkProfileConnectionAttempts: required.integer({
    default: 3,
    description: 'Failed connection attempts on one profile before the next one in the priority list is tried.',
  }),
  OfflineThreshold: required.integer({
    unit: 's',
    default: 60,
    description: 'After an offline period longer than this, send StatusNotification for every connector on reconnect.',
  }),
  QueueAllMessages: optional.boolean({
    default: false,
    description: 'Queue every message while offline, not only transaction-related ones.',
  }),
  MessageAttemptsTransactionEvent: required.integer({
    name: 'MessageAttempts',
    instance: 'TransactionEvent',
    default: 3,
    description: 'Times a TransactionEvent is sent before it is given up when the CSMS fails to process it.',
  }),
  MessageAttemptIntervalTransactionEvent: required.integer({
    name: 'MessageAttemptInterval',
    instance: 'TransactionEvent',
    unit: 's',
    default: 10,
    description: 'Seconds to wait before sending a TransactionEvent the CSMS failed to process again.',
  }),
  // ReadOnly (and false) is the spec's rule for an EVSE with fixed cables only; the builder has one mutability
  // per declaration, so it is ReadWrite here.
  UnlockOnEVSideDisconnect: required.boolean({
    default: true,
    description: 'Unlock the cable at the station when it is unplugged from the EV (sockets only).',
  }),
  ResetRetries: required.integer({
    default: 3,
    description: 'Times a failed reset is retried.',
  }),
  // Part 4 §8: negative values are not allowed for the next four.
  WebSocketPingInterval: required.integer({
    unit: 's',
    min: 0,
    default: 30,
    description: 'Seconds between websocket pings sent by the station; 0 sends none.',
  }),
  RetryBackOffRepeatTimes: required.integer({
    min: 0,
    default: 5,
    description: 'How often the reconnect back-off doubles before it stays the same.',
  }),
  RetryBackOffRandomRange: required.integer({
    unit: 's',
    min: 0,
    default: 10,
    description: 'Largest random number of seconds added to each reconnect back-off.',
  }),
  RetryBackOffWaitMinimum: required.integer({
    unit: 's',
    min: 0,
    default: 3,
    description: 'Seconds before the first reconnect attempt, and the back-off again after a connection succeeds.',
  }),
  // Listed under Metering (§2.7.17). No default: only stations that sign meter values have it.
  PublicKeyWithSignedMeterValue: optional.optionList(PUBLIC_KEY_WITH_SIGNED_METER_VALUE, {
    block: 'Metering',
    description: 'When to send the meter public key with signed meter values.',
  }),
  // Appendix 3 only.
  MinimumStatusDuration: optional.integer({
    unit: 's',
    description: 'Seconds a station or EVSE status must hold before StatusNotification reports it.',
  }),
});

/**
 * OCPPCommCtrlr.FieldLength[<message>.<field>]: reports that the station accepts `field` of `message` longer than
 * the schema allows, e.g. fieldLength('Get15118EVCertificateResponse', 'exiResponse').
 */
export function fieldLength(message: string, field: string): OptionalVariable<number> {
  return declareVariable(
    { name: 'OCPPCommCtrlr' },
    'FieldLength',
    optional.integer({
      instance: `${message}.${field}`,
      mutability: 'ReadOnly',
      constant: true,
      description: `Longest ${message}.${field} accepted, when longer than the schema allows.`,
    }),
    'Core',
  );
}
