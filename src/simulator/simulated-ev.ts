// An electric vehicle at the end of the cable: a battery with a state of charge, an on-board charger with its own
// limits (current per phase, power, phases), and a driver or battery management that can pause charging.
import { JOULES_PER_WH } from './electrical.js';

export interface EvParameters {
  /** Usable battery capacity, Wh. */
  readonly batteryCapacityWh: number;
  /** State of charge when the EV arrives, percent (0 to 100). */
  readonly initialSocPercent: number;
  /** Most current the on-board charger draws per phase, A. */
  readonly maxCurrentA: number;
  /** Most power the on-board charger takes, W. */
  readonly maxPowerW: number;
  /** Phases the on-board charger uses: 1, 2 or 3. */
  readonly phases: number;
  /** Most power the battery takes through the DC inlet (from a DC EVSE), W. */
  readonly maxDcPowerW: number;
}

/** A 60 kWh car arriving at 20 % with a 22 kW three-phase charger (32 A per phase) and a 100 kW DC inlet. */
export const DEFAULT_EV: EvParameters = Object.freeze({
  batteryCapacityWh: 60_000,
  initialSocPercent: 20,
  maxCurrentA: 32,
  maxPowerW: 22_080,
  phases: 3,
  maxDcPowerW: 100_000,
});

/** The EV parameters from defaults and overrides, checked: a RangeError names the first bad one. */
export function evParameters(overrides: Partial<EvParameters> = {}, defaults: EvParameters = DEFAULT_EV): EvParameters {
  const parameters: EvParameters = { ...defaults, ...definedOnly(overrides) };
  const positive: (keyof EvParameters)[] = ['batteryCapacityWh', 'maxCurrentA', 'maxPowerW', 'maxDcPowerW'];
  for (const key of positive) {
    const value = parameters[key];
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`EV ${key} must be a finite number above 0, got ${value}`);
  }
  const soc = parameters.initialSocPercent;
  if (!Number.isFinite(soc) || soc < 0 || soc > 100) throw new RangeError(`EV initialSocPercent must be between 0 and 100, got ${soc}`);
  if (![1, 2, 3].includes(parameters.phases)) throw new RangeError(`EV phases must be 1, 2 or 3, got ${parameters.phases}`);
  return Object.freeze(parameters);
}

/** Energies below this (in J, a millionth of a Wh) count as none: what floating-point sums leave over. */
const NEGLIGIBLE_J = 0.0036;

export class SimulatedEv {
  readonly parameters: EvParameters;
  private readonly capacityJ: number;
  private storedJ: number;
  private paused = false;

  constructor(overrides: Partial<EvParameters> = {}, defaults: EvParameters = DEFAULT_EV) {
    this.parameters = evParameters(overrides, defaults);
    this.capacityJ = this.parameters.batteryCapacityWh * JOULES_PER_WH;
    this.storedJ = (this.capacityJ * this.parameters.initialSocPercent) / 100;
  }

  /** State of charge, percent. */
  get socPercent(): number {
    return (this.storedJ / this.capacityJ) * 100;
  }

  /** Energy the battery can still take, J. */
  get roomJ(): number {
    const room = this.capacityJ - this.storedJ;
    return room < NEGLIGIBLE_J ? 0 : room;
  }

  get full(): boolean {
    return this.roomJ === 0;
  }

  /** Paused by the EV (driver, timer, battery management): it takes no energy though it is offered. */
  get suspended(): boolean {
    return this.paused;
  }

  /** Whether the EV takes energy when the EVSE offers it: not paused, battery not full. */
  get wantsEnergy(): boolean {
    return !this.paused && !this.full;
  }

  suspend(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Stores up to `joules` in the battery; returns what it took (less when it became full). */
  charge(joules: number): number {
    const taken = Math.max(0, Math.min(joules, this.capacityJ - this.storedJ));
    this.storedJ += taken;
    if (this.capacityJ - this.storedJ < NEGLIGIBLE_J) this.storedJ = this.capacityJ;
    return taken;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
