// Preloaded (`node --import`) into every process a test spawns, which gets an IPC channel to its parent (see
// child-process.ts): when the parent dies, however it dies (SIGKILL, or node:test killing a test file that ran
// past its timeout, when no `after` hook runs), the channel closes and this process exits. The channel is
// unref'd, so that it never keeps the process alive by itself: a command that is done still exits as usual.
// Plain JavaScript, so that plain `node` can load it in front of the built CLI.
const PARENT_GONE_EXIT_CODE = 70;
process.on('disconnect', () => process.exit(PARENT_GONE_EXIT_CODE));
// A parent that died while this process was still starting closed the channel before the listener was there.
if (process.send !== undefined && !process.connected) process.exit(PARENT_GONE_EXIT_CODE);
process.channel?.unref();
