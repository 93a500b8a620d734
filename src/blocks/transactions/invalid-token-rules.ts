// What the station does when the CSMS answers a TransactionEvent with an idTokenInfo that is not Accepted while
// the transaction runs (E05, C15.FR.03-07). Pure.
import type { TxPoint } from './tx-points.js';

export type InvalidTokenAction =
  /** E05.FR.10 / C15.FR.04: end now, triggerReason Deauthorized, stoppedReason DeAuthorized. */
  | { readonly kind: 'end' }
  /** E05.FR.09 / C15.FR.03: stop energy, Updated with triggerReason Deauthorized; the transaction ends at its stop point. */
  | { readonly kind: 'deauthorize' }
  /** E05.FR.02 / C15.FR.06: stop energy, Updated with triggerReason ChargingStateChanged and chargingState SuspendedEVSE. */
  | { readonly kind: 'suspend' }
  /** E05.FR.03 / C15.FR.07: keep delivering until MaxEnergyOnInvalidId more Wh have gone in, then suspend. */
  | { readonly kind: 'limitEnergy'; readonly maxWh: number };

const ENDING_STOP_POINTS: readonly TxPoint[] = ['Authorized', 'PowerPathClosed', 'EnergyTransfer'];

export function invalidTokenAction(settings: {
  stopTxOnInvalidId: boolean;
  stopPoints: readonly TxPoint[];
  /** MaxEnergyOnInvalidId (Wh), undefined when the station does not have it. */
  maxEnergyOnInvalidId: number | undefined;
}): InvalidTokenAction {
  const endsAtStopPoint = settings.stopPoints.some((point) => ENDING_STOP_POINTS.includes(point));
  if (settings.stopTxOnInvalidId) return endsAtStopPoint ? { kind: 'end' } : { kind: 'deauthorize' };
  if (settings.maxEnergyOnInvalidId !== undefined && settings.maxEnergyOnInvalidId > 0) {
    return { kind: 'limitEnergy', maxWh: settings.maxEnergyOnInvalidId };
  }
  // Stopping the energy ends a transaction whose stop point is EnergyTransfer (E05.FR.02 excludes that case).
  return settings.stopPoints.includes('EnergyTransfer') ? { kind: 'end' } : { kind: 'suspend' };
}
