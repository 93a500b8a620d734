// How long the station waits before each attempt to reconnect to the CSMS (OCPP-J Part 4 §5.3, clarified in
// the 2025 errata). Pure: the caller supplies the attempt number and the randomness, so tests can pin both.
import type { BackOffSettings } from './transport-settings.js';

export type { BackOffSettings };

/**
 * The wait before reconnection attempt number `attempt` (1 for the first attempt after a loss or a failed
 * connect), in milliseconds.
 *
 * The fixed part starts at RetryBackOffWaitMinimum and doubles after every failed attempt, at most
 * RetryBackOffRepeatTimes times; from then on it stays where it is. Every attempt adds a fresh random part of
 * 0..RetryBackOffRandomRange seconds on top. The random part is never doubled, so one unlucky draw does not
 * inflate every later wait.
 *
 * `random` returns a number in [0, 1), like Math.random.
 */
export function reconnectDelayMs(attempt: number, settings: BackOffSettings, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`reconnect attempt must be an integer >= 1, got ${attempt}`);
  }
  const minimumSeconds = nonNegative(settings.retryBackOffWaitMinimumSeconds);
  const randomRangeSeconds = nonNegative(settings.retryBackOffRandomRangeSeconds);
  const maxDoublings = Math.floor(nonNegative(settings.retryBackOffRepeatTimes));

  const doublings = Math.min(attempt - 1, maxDoublings);
  const fixedSeconds = minimumSeconds * 2 ** doublings;
  const randomSeconds = clampUnit(random()) * randomRangeSeconds;
  return Math.round((fixedSeconds + randomSeconds) * 1000);
}

/** Settings come from the device model; a negative or non-numeric value counts as 0 rather than breaking reconnects. */
function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(value, 1);
}
