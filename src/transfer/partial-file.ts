// The file a download is written to: `<destination>.part` while bytes arrive, renamed to the destination only
// once complete and on disk (fsync first, then the folder after the rename). A failed download removes the
// part file and puts nothing at the destination: a file already there stays as it was (a successful download
// replaces it).
import { rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { TransferError, transferErrorFrom } from './transfer-error.js';

/** Where a download to `destinationPath` keeps its bytes until it is complete. */
export function partPathOf(destinationPath: string): string {
  return `${destinationPath}.part`;
}

/**
 * Removes a download's file and what an interrupted download left (a crash leaves the part file): for the
 * owner of a destination that no longer needs it. Missing files are fine.
 */
export function removeDownload(destinationPath: string): void {
  rmSync(destinationPath, { force: true });
  rmSync(partPathOf(destinationPath), { force: true });
}

export class PartialFile {
  private closed = false;

  private constructor(
    readonly destinationPath: string,
    readonly partPath: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates (or truncates) the part file; a local failure is TransferError 'io'. */
  static async create(destinationPath: string): Promise<PartialFile> {
    const partPath = partPathOf(destinationPath);
    try {
      return new PartialFile(destinationPath, partPath, await open(partPath, 'w'));
    } catch (error) {
      throw transferErrorFrom(error, partPath);
    }
  }

  /**
   * A stream that writes into the part file. `accept(size)` is called before each chunk is written: it throws
   * (a TransferError, e.g. 'too-large') to stop the transfer, and the stream fails with that error.
   */
  sink(accept: (size: number) => void): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        try {
          accept(chunk.length);
        } catch (error) {
          callback(error as Error);
          return;
        }
        this.handle.write(chunk).then(
          () => callback(),
          (error: unknown) => callback(transferErrorFrom(error, this.partPath)),
        );
      },
    });
  }

  /** Flushes the part file to disk and renames it to the destination. */
  async commit(): Promise<void> {
    try {
      await this.handle.sync();
      await this.close();
      await rename(this.partPath, this.destinationPath);
    } catch (error) {
      await this.discard();
      throw transferErrorFrom(error, this.destinationPath);
    }
    await syncFolder(dirname(this.destinationPath));
  }

  /** Closes and removes the part file; never throws. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.partPath, { force: true }).catch(() => undefined);
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/** Makes a rename durable where the platform allows it (not on Windows, where folders cannot be opened). */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file itself is already on disk.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Throws TransferError 'too-large' when `bytes` exceeds `maxBytes`: the size a server announced before sending
 * (`announced`), or the bytes that arrived so far.
 */
export function checkSize(what: string, bytes: number, maxBytes: number, announced = false): void {
  if (bytes <= maxBytes) return;
  const found = announced ? `the server announces ${bytes} bytes` : `more than ${maxBytes} bytes arrived`;
  throw new TransferError('too-large', `${what}: ${found}, over the limit of ${maxBytes} bytes`);
}
