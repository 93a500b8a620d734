// Time arithmetic of the calculation: whole seconds since the epoch, floored, and the profile's date-time strings
// read the same whatever the host's time zone.
import type { Seconds } from './types.js';

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;

/** floor(date) in whole seconds; a RangeError names `what` when the date is invalid. */
export function floorDate(date: Date, what: string): Seconds {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date`);
  return Math.floor(ms / 1000);
}

// A date-time without "Z" or an offset (the specification's own examples are written so) would be read in the
// host's local time by Date.parse; it is read as UTC here, so results never depend on the machine.
const WITHOUT_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A wire date-time string floored to whole seconds; a RangeError names `what` when it cannot be read. */
export function parseDateTime(value: string, what: string): Seconds {
  const text = WITHOUT_ZONE.test(value) ? `${value}Z` : value;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date-time: ${JSON.stringify(value)}`);
  return Math.floor(ms / 1000);
}

