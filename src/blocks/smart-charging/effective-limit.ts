// The limit an EVSE keeps to, as the station tells its hardware (EvseHost.setChargingLimit).

/** The limit an EVSE must keep to now, in both units, and the phases it may use. */
export interface EffectiveLimit {
  readonly amps: number;
  readonly watts: number;
  readonly numberPhases?: number;
}
