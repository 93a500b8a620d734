// The local file an upload sends.
import { stat } from 'node:fs/promises';
import { TransferError, transferErrorFrom } from './transfer-error.js';

/** The size of the file to upload; a missing or unreadable file is TransferError 'io'. */
export async function fileSize(sourcePath: string): Promise<number> {
  try {
    const stats = await stat(sourcePath);
    if (!stats.isFile()) throw new TransferError('io', `${sourcePath}: not a file`);
    return stats.size;
  } catch (error) {
    throw transferErrorFrom(error, sourcePath);
  }
}
