// What the demo's options default to, apart from the demo itself: the command line shows it in its usage
// without loading the demo.

/** How many times faster than real time the demo runs unless told otherwise: one simulated minute per half real
 * second, so the whole session takes about ten seconds. */
export const DEFAULT_DEMO_SPEED = 120;
