// Waits, in real time, for something real I/O (a socket, a child process, a file) will make true. Only for I/O:
// timers in the code under test are driven by a FakeClock, never waited for. The bound is generous, for a loaded
// machine: it says when to give up, not how fast anything is.
export const WAIT_FOR_DEFAULT_MS = 30_000;

export async function waitFor(condition: () => boolean, what: string, timeoutMs = WAIT_FOR_DEFAULT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
