// TxCtrlr (Part 2, Referenced Components §2.6 Transaction): when transactions start and stop, and how the station
// reacts to unplugging and to idTokens the CSMS refuses.
import { controller, optional, required } from '../declare.js';

/** Events that can start a transaction (Part 2 §2.6.6.1). */
export const TX_START_POINTS = [
  'ParkingBayOccupancy',
  'EVConnected',
  'Authorized',
  'DataSigned',
  'PowerPathClosed',
  'EnergyTransfer',
] as const;
export type TxStartPoint = (typeof TX_START_POINTS)[number];

/**
 * Events whose end stops a transaction (Part 2 §2.6.6.2): the start points without DataSigned, which means
 * nothing as a stop point (and whose stop rule E06.FR.05 the 2025 errata delete).
 */
export const TX_STOP_POINTS = [
  'ParkingBayOccupancy',
  'EVConnected',
  'Authorized',
  'PowerPathClosed',
  'EnergyTransfer',
] as const satisfies readonly TxStartPoint[];
export type TxStopPoint = (typeof TX_STOP_POINTS)[number];

export const TxCtrlr = controller('TxCtrlr', 'Transactions', {
  // "Every Controller component has an 'Enabled' variable" (Part 2, Referenced Components §1). No default.
  Enabled: optional.boolean({ description: 'Transaction settings are in use.' }),
  EVConnectionTimeOut: required.integer({
    unit: 's',
    default: 120,
    description: 'Seconds a driver has to plug in after authorizing before the started session is cancelled.',
  }),
  // The spec lets the station choose ReadOnly or ReadWrite; the stack decides this in software, so ReadWrite.
  StopTxOnEVSideDisconnect: required.boolean({
    default: true,
    description: 'Deauthorize the transaction when the cable is unplugged at the EV.',
  }),
  TxBeforeAcceptedEnabled: optional.boolean({
    default: false,
    description: 'Allow charging before the CSMS has accepted the BootNotification.',
  }),
  // ReadOnly or ReadWrite by the station's choice: the stack evaluates both lists, so ReadWrite.
  TxStartPoint: required.memberList(TX_START_POINTS, {
    default: ['PowerPathClosed'],
    description: 'Events of which the first to happen starts a transaction.',
  }),
  TxStopPoint: required.memberList(TX_STOP_POINTS, {
    default: ['EVConnected', 'Authorized'],
    description: 'Events of which the first to end stops the transaction.',
  }),
  MaxEnergyOnInvalidId: optional.integer({
    unit: 'Wh',
    default: 0,
    description: 'Energy still delivered after the CSMS refuses the idToken of a running transaction.',
  }),
  StopTxOnInvalidId: required.boolean({
    default: true,
    description: 'Deauthorize a running transaction when a TransactionEvent answer refuses its idToken.',
  }),
});
