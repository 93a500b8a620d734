// The console's lines for file transfers (firmware downloads, log uploads): a line each time another tenth of
// the file has moved, so a 200 MB image gives ten lines and not thousands. Without a known size, a line each
// time the count doubles from 1 MiB on. A new attempt (the count going back) starts over.
import type { TransferProgressEvent } from '../blocks/shared/transfer-progress.js';

const MIB = 1024 * 1024;
/** The transfers followed at once: more would mean a leak (each ends at 100 % or is replaced by a new attempt). */
const MAX_FOLLOWED = 16;

export class TransferProgressLines {
  /** The last step shown and the last count seen, by transfer. */
  private readonly followed = new Map<string, { step: number; bytes: number }>();

  /** The line to show for this report, if it is worth one. `what` names the transfer ("firmware download"). */
  lineFor(what: string, progress: TransferProgressEvent): string | undefined {
    const key = `${what}:${progress.requestId}`;
    let state = this.followed.get(key);
    if (state === undefined || progress.bytes < state.bytes) {
      if (state === undefined && this.followed.size >= MAX_FOLLOWED) this.followed.delete(this.followed.keys().next().value!);
      state = { step: -1, bytes: 0 };
      this.followed.set(key, state);
    }
    state.bytes = progress.bytes;
    const { totalBytes } = progress;
    const step = totalBytes !== undefined && totalBytes > 0 ? Math.floor((Math.min(progress.bytes, totalBytes) * 10) / totalBytes) : byteStep(progress.bytes);
    if (step <= state.step) return undefined;
    state.step = step;
    if (totalBytes !== undefined && progress.bytes >= totalBytes) this.followed.delete(key);
    const amount =
      totalBytes !== undefined && totalBytes > 0
        ? `${step * 10}% (${formatBytes(progress.bytes)} of ${formatBytes(totalBytes)})`
        : formatBytes(progress.bytes);
    return `* ${what} ${amount}: ${progress.location} (request ${progress.requestId})`;
  }
}

/** 0 below 1 MiB, then 1, 2, 3… as the count reaches 1, 2, 4… MiB. */
function byteStep(bytes: number): number {
  return bytes < MIB ? 0 : Math.floor(Math.log2(bytes / MIB)) + 1;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  return `${(bytes / (1024 * MIB)).toFixed(2)} GiB`;
}
