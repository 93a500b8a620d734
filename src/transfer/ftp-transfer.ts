// Downloads and uploads over ftp:// and ftps:// (explicit TLS: AUTH TLS on the control connection, then
// protected data connections), with basic-ftp in passive mode. The user and password come from the URL;
// without them the login is anonymous. The path is relative to the login folder, as curl reads it; an upload
// URL ending in "/" names a folder, and the file goes in as `fileName`.
import { createReadStream } from 'node:fs';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { ConnectionOptions } from 'node:tls';
import { Transform } from 'node:stream';
import { Client, FTPError } from 'basic-ftp';
import { checkSize, PartialFile } from './partial-file.js';
import { ProgressReporter } from './progress.js';
import { fileSize } from './source-file.js';
import { TransferError, censorUserInfo, transferErrorFrom } from './transfer-error.js';
import type { DownloadOptions, TransferCommonOptions, TransferResult, UploadOptions } from './transfer-options.js';
import type { TransferUrl } from './transfer-url.js';
import { TransferWatch } from './transfer-watch.js';

export async function ftpDownload(target: TransferUrl, destinationPath: string, options: DownloadOptions): Promise<TransferResult> {
  const { redacted } = target;
  const remotePath = pathOf(target);
  if (remotePath === '' || remotePath.endsWith('/')) throw new TransferError('bad-url', `${redacted}: the URL names no file`);
  const client = new Client(socketTimeout(options));
  const watch = new TransferWatch(redacted, options, () => client.close());
  let part: PartialFile | undefined;
  try {
    watch.check();
    await connect(client, target, options, watch);
    const size = await remoteSize(client, remotePath, redacted);
    if (size !== undefined) checkSize(redacted, size, options.maxBytes, true);
    part = await PartialFile.create(destinationPath);
    watch.check();
    const progress = new ProgressReporter(options.onProgress, size);
    const sink = part.sink((chunk) => {
      watch.moved();
      try {
        checkSize(redacted, progress.transferred + chunk, options.maxBytes);
      } catch (error) {
        watch.fail(error as TransferError);
        throw error;
      }
      progress.add(chunk);
    });
    await client.downloadTo(sink, remotePath);
    watch.check();
    await part.commit();
    watch.stop();
    progress.finish();
    return { bytes: progress.transferred };
  } catch (error) {
    const failure = watch.explain(error, (cause) => ftpError(cause, redacted));
    watch.stop();
    await part?.discard();
    throw failure;
  } finally {
    client.close();
  }
}

export async function ftpUpload(target: TransferUrl, sourcePath: string, options: UploadOptions): Promise<TransferResult> {
  const { redacted } = target;
  let remotePath = pathOf(target);
  if (remotePath === '' || remotePath.endsWith('/')) {
    if (options.fileName === '' || /[/\\]/.test(options.fileName)) {
      throw new TransferError('bad-url', `${redacted}: the URL names a folder and "${options.fileName}" is not a file name`);
    }
    remotePath += options.fileName;
  }
  const size = await fileSize(sourcePath);
  const client = new Client(socketTimeout(options));
  const watch = new TransferWatch(redacted, options, () => client.close());
  let readError: TransferError | undefined;
  try {
    watch.check();
    await connect(client, target, options, watch);
    const progress = new ProgressReporter(options.onProgress, size);
    const source = createReadStream(sourcePath);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        watch.moved();
        progress.add(chunk.length);
        callback(null, chunk);
      },
    });
    source.once('error', (error) => {
      readError = transferErrorFrom(error, sourcePath);
      meter.destroy(readError);
    });
    source.pipe(meter);
    // Into the folder first: a missing folder is a clean 550 on every server, not a broken data connection.
    const slash = remotePath.lastIndexOf('/');
    if (slash !== -1) await client.cd(remotePath.slice(0, slash) || '/');
    await client.uploadFrom(meter, remotePath.slice(slash + 1));
    if (readError !== undefined) throw readError;
    watch.check();
    watch.stop();
    progress.finish();
    return { bytes: progress.transferred };
  } catch (error) {
    throw watch.explain(readError ?? error, (cause) => ftpError(cause, redacted));
  } finally {
    watch.stop();
    client.close();
  }
}

/** basic-ftp's idle timeout of a socket is the stall limit (or, without one, the whole limit). */
function socketTimeout(options: TransferCommonOptions): number {
  return options.stallTimeoutMs ?? options.timeoutMs;
}

/** The path in the URL, decoded, without its leading "/": relative to the folder the login lands in. */
function pathOf(target: TransferUrl): string {
  try {
    return decodeURIComponent(target.url.pathname).replace(/^\//, '');
  } catch {
    throw new TransferError('bad-url', `${target.redacted}: the path is not valid percent-encoding`);
  }
}

async function connect(client: Client, target: TransferUrl, options: TransferCommonOptions, watch: TransferWatch): Promise<void> {
  const { url, scheme } = target;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const secureOptions: ConnectionOptions = {
    // SNI takes host names only, not addresses.
    ...(isIP(host) === 0 ? { servername: host } : {}),
    ...(options.ca !== undefined && options.ca.length > 0 ? { ca: [...rootCertificates, ...options.ca] } : {}),
  };
  await client.access({
    host,
    port: url.port === '' ? 21 : Number(url.port),
    // Without a user in the URL the login is anonymous (basic-ftp's anonymous / guest).
    ...(url.username === '' ? {} : { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }),
    secure: scheme === 'ftps',
    secureOptions,
  });
  watch.moved();
  watch.check();
}

/**
 * The size the server reports (SIZE), or undefined when it does not tell (no SIZE command, an answer that is no
 * number); a 550 answer is 'not-found'.
 */
async function remoteSize(client: Client, remotePath: string, redacted: string): Promise<number | undefined> {
  try {
    return await client.size(remotePath);
  } catch (error) {
    if (error instanceof FTPError && error.code === 550) throw ftpError(error, redacted);
    if (client.closed) throw error;
    return undefined;
  }
}

/** The TransferError for an FTP reply, or for a socket or TLS error. */
function ftpError(error: unknown, redacted: string): TransferError {
  if (!(error instanceof FTPError)) {
    const text = error instanceof Error ? error.message : '';
    if (/^Timeout \(/.test(text)) return new TransferError('timeout', `${redacted}: no data moved in time (${text})`, { cause: error });
    return transferErrorFrom(error, redacted);
  }
  const reply = censorUserInfo(error.message);
  const details = { statusCode: error.code, cause: error };
  if (error.code === 550) return new TransferError('not-found', `${redacted}: FTP ${reply}`, details);
  if (error.code === 530 || error.code === 532) return new TransferError('permission-denied', `${redacted}: FTP ${reply}`, details);
  return new TransferError('server-error', `${redacted}: FTP ${reply}`, details);
}
