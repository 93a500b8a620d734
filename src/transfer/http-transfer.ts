// Downloads and uploads over http:// and https://. A download streams into a part file with maxBytes enforced
// as bytes arrive (a Content-Length above it fails before the body is read); an upload sends the file as the
// body of a PUT, or as the part "file" of a multipart/form-data POST.
import { createReadStream } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { multipartFrame } from './multipart.js';
import { checkSize, PartialFile } from './partial-file.js';
import { fileSize } from './source-file.js';
import { ProgressReporter } from './progress.js';
import { TransferError, transferErrorFrom } from './transfer-error.js';
import type { DownloadOptions, TransferResult, UploadOptions } from './transfer-options.js';
import type { TransferUrl } from './transfer-url.js';
import { TransferWatch } from './transfer-watch.js';
import { exchange, HttpInFlight } from './http-request.js';

export async function httpDownload(target: TransferUrl, destinationPath: string, options: DownloadOptions): Promise<TransferResult> {
  const inFlight = new HttpInFlight();
  const watch = new TransferWatch(target.redacted, options, (error) => inFlight.destroy(error));
  let part: PartialFile | undefined;
  let what = target.redacted;
  try {
    const { response, redacted } = await exchange(target.url, { method: 'GET', headers: {} }, options, watch, inFlight);
    what = redacted;
    const length = contentLength(response.headers['content-length']);
    if (length !== undefined) checkSize(redacted, length, options.maxBytes, true);
    part = await PartialFile.create(destinationPath);
    watch.check();
    const progress = new ProgressReporter(options.onProgress, length);
    const sink = part.sink((size) => {
      watch.moved();
      checkSize(redacted, progress.transferred + size, options.maxBytes);
      progress.add(size);
    });
    await pipeline(response, sink);
    watch.check();
    if (length !== undefined && progress.transferred !== length) {
      throw new TransferError('io', `${redacted}: the connection closed after ${progress.transferred} of ${length} bytes`);
    }
    await part.commit();
    watch.stop();
    progress.finish();
    return { bytes: progress.transferred };
  } catch (error) {
    const failure = watch.explain(error, (cause) => transferErrorFrom(cause, what));
    watch.stop();
    inFlight.destroy();
    await part?.discard();
    throw failure;
  }
}

export async function httpUpload(target: TransferUrl, sourcePath: string, options: UploadOptions): Promise<TransferResult> {
  const size = await fileSize(sourcePath);
  const inFlight = new HttpInFlight();
  const watch = new TransferWatch(target.redacted, options, (error) => inFlight.destroy(error));
  const method = options.httpMethod ?? 'PUT';
  const frame = method === 'POST' ? multipartFrame(options.fileName) : undefined;
  const headers =
    frame === undefined
      ? { 'content-type': 'application/octet-stream', 'content-length': size }
      : { 'content-type': frame.contentType, 'content-length': frame.head.length + size + frame.tail.length };
  let progress = new ProgressReporter(options.onProgress, size);
  const body = async (request: ClientRequest): Promise<void> => {
    // A redirect sends the file again, counted again from 0.
    progress = new ProgressReporter(options.onProgress, size);
    if (frame !== undefined) await write(request, frame.head);
    for await (const chunk of readFile(sourcePath)) {
      if (request.destroyed) return;
      await write(request, chunk);
      watch.moved();
      progress.add(chunk.length);
    }
    if (frame !== undefined) await write(request, frame.tail);
    request.end();
  };
  let what = target.redacted;
  try {
    const answer = await exchange(target.url, { method, headers, body }, options, watch, inFlight);
    what = answer.redacted;
    await answer.bodySent;
    // The server's answer is read to its end (it is small), so that the exchange is over when this resolves.
    answer.response.on('data', () => watch.moved());
    await new Promise<void>((resolve, reject) => {
      answer.response.once('end', resolve);
      answer.response.once('error', reject);
      answer.response.once('close', () => (answer.response.complete ? resolve() : reject(new Error('the answer was cut off'))));
    });
    watch.check();
    watch.stop();
    progress.finish();
    return { bytes: progress.transferred };
  } catch (error) {
    const failure = watch.explain(error, (cause) => transferErrorFrom(cause, what));
    watch.stop();
    inFlight.destroy();
    throw failure;
  }
}

/** The chunks of the file; a read error becomes TransferError 'io'. */
async function* readFile(sourcePath: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(sourcePath)) yield chunk as Buffer;
  } catch (error) {
    throw transferErrorFrom(error, sourcePath);
  }
}

/** Writes a chunk and waits while the request's buffer is full; returns early if the request is gone. */
function write(request: ClientRequest, chunk: Buffer): Promise<void> {
  if (request.destroyed) return Promise.resolve();
  if (request.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      request.off('drain', done);
      request.off('close', done);
      resolve();
    };
    request.on('drain', done);
    request.on('close', done);
  });
}

function contentLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}
