// The storage port of the simulator's energy meters: each EVSE's Energy.Active.Import.Register, so that a
// cumulative register never goes back when the simulator restarts on the same database. Synchronous like the
// other ports: stored when the call returns.

export interface MeterRegisterStore {
  /** The last stored register per EVSE id, in Wh. */
  loadAll(): Map<number, number>;
  /** Inserts or replaces the register of an EVSE. */
  save(evseId: number, registerWh: number): void;
}
