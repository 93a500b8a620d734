// The electrical constants and the unit conversions the simulated hardware shares.

/** Nominal AC voltage between each phase and neutral (EU low voltage grid), V. */
export const PHASE_VOLTAGE_V = 230;

/** Nominal battery voltage of a DC charging session, V: what a DC meter reads and divides the power by. */
export const DC_VOLTAGE_V = 400;

/** Joules (watt-seconds) in a watt-hour. */
export const JOULES_PER_WH = 3600;

/** The energy of `powerW` flowing for `durationMs`, in joules. */
export function energyJoules(powerW: number, durationMs: number): number {
  return (powerW * durationMs) / 1000;
}

/** Rounds a reading to a thousandth, so that readings show no floating-point noise. */
export function roundReading(value: number): number {
  return Math.round(value * 1000) / 1000;
}
