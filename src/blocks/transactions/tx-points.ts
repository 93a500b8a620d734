// TxStartPoint / TxStopPoint (E01, E06; Part 2 E §1.1) as pure functions over what is true at an EVSE.
// A transaction starts when any configured start point holds; it stops when a configured stop point that held
// during the transaction stops holding (e.g. EVConnected: the cable comes out). A stop point that never held in
// this transaction (a cable not plugged in yet) does not end it.
import type { TriggerReasonEnumType, ReasonEnumType } from '../../messages/types.js';

export type TxPoint = 'ParkingBayOccupancy' | 'EVConnected' | 'Authorized' | 'DataSigned' | 'PowerPathClosed' | 'EnergyTransfer';

/** What is true at one EVSE right now. */
export interface EvseConditions {
  readonly parkingBayOccupied: boolean;
  readonly evConnected: boolean;
  /** A driver or the CSMS authorized charging here and it has not been withdrawn. */
  readonly authorized: boolean;
  /** The meter has delivered a signed reading (with SampledDataSignReadings). */
  readonly dataSigned: boolean;
  /** Energy flows (charging state Charging). */
  readonly energyTransfer: boolean;
}

/** PowerPathClosed: an authorized driver with a connected EV: the station may deliver energy (E01.FR.05). */
export function powerPathClosed(conditions: EvseConditions): boolean {
  return conditions.authorized && conditions.evConnected;
}

export function pointHolds(point: TxPoint, conditions: EvseConditions): boolean {
  switch (point) {
    case 'ParkingBayOccupancy':
      return conditions.parkingBayOccupied;
    case 'EVConnected':
      return conditions.evConnected;
    case 'Authorized':
      return conditions.authorized;
    case 'DataSigned':
      return conditions.dataSigned;
    case 'PowerPathClosed':
      return powerPathClosed(conditions);
    case 'EnergyTransfer':
      return conditions.energyTransfer;
  }
}

/** E01.FR.01-06: whether a transaction starts, given the configured start points. */
export function startPointReached(startPoints: readonly TxPoint[], conditions: EvseConditions): boolean {
  return startPoints.some((point) => pointHolds(point, conditions));
}

/**
 * E06.FR.01-07: the stop point that ends the transaction, if one that held before this change holds no more.
 * `before` is what was true just before the event, `after` what is true now.
 */
export function stopPointLost(
  stopPoints: readonly TxPoint[],
  before: EvseConditions,
  after: EvseConditions,
): TxPoint | undefined {
  return stopPoints.find((point) => pointHolds(point, before) && !pointHolds(point, after));
}

/** The stoppedReason (ReasonEnumType) when a stop point is lost for a physical reason. */
export function stoppedReasonFor(point: TxPoint, after: EvseConditions): ReasonEnumType {
  switch (point) {
    case 'ParkingBayOccupancy':
    case 'EVConnected':
      return 'EVDisconnected';
    case 'PowerPathClosed':
      return after.evConnected ? 'DeAuthorized' : 'EVDisconnected';
    case 'Authorized':
      return 'DeAuthorized';
    case 'EnergyTransfer':
      return after.evConnected ? 'StoppedByEV' : 'EVDisconnected';
    case 'DataSigned':
      return 'Other';
  }
}

/** The triggerReason of the event that made a start or stop point change. */
export type ConditionEvent =
  | 'CablePluggedIn'
  | 'CableUnplugged'
  | 'EVDetected'
  | 'EVDeparted'
  | 'Authorized'
  | 'RemoteStart'
  | 'Deauthorized'
  | 'StopAuthorized'
  | 'RemoteStop'
  | 'ChargingStateChanged'
  | 'SignedDataReceived';

/** Maps a physical or authorization event to the TransactionEvent triggerReason that reports it. */
export function triggerReasonOf(event: ConditionEvent): TriggerReasonEnumType {
  switch (event) {
    case 'CableUnplugged':
      return 'EVCommunicationLost';
    default:
      return event;
  }
}
