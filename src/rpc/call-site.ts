// Where a CALL was made. An answer that never comes is noticed by a timer, whose stack says nothing about who
// made the call; so the stack is captured when the call is made, and only formatted if the call times out.
// V8 collects the frames at capture and turns them into text on the first read of `stack`. Collecting them is
// the whole cost, a few microseconds per call (measured with bench/rpc-roundtrip, see the README); a process
// that sets Error.stackTraceLimit to 0 wants no stacks at all, and then nothing is captured.

/** The stack of the caller, captured but not formatted yet. */
export interface CallSite {
  readonly stack?: string;
}

const NO_CALL_SITE: CallSite = Object.freeze({});

/** Captures the stack of whoever called `entry` (the frames of `entry` and below it are left out). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what Error.captureStackTrace takes: any function
export function captureCallSite(entry: Function): CallSite {
  if (Error.stackTraceLimit === 0) return NO_CALL_SITE;
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, entry);
  return site;
}

/** The `    at …` lines of a call site (its header line left out). */
export function callSiteFrames(site: CallSite): string {
  const stack = site.stack ?? '';
  const newline = stack.indexOf('\n');
  return newline < 0 ? '' : stack.slice(newline + 1);
}
