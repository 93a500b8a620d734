// The framing of a multipart/form-data upload (RFC 7578) with a single part named "file": what goes before and
// after the file's bytes, so that the length is known before the file is read.
import { randomBytes } from 'node:crypto';

export interface MultipartFrame {
  readonly contentType: string;
  readonly head: Buffer;
  readonly tail: Buffer;
}

/** The file name as a quoted-string parameter: quotes and line breaks percent-encoded, as browsers do. */
function quoteFileName(fileName: string): string {
  return fileName.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartFrame(fileName: string, boundary = `----ocpp-station-${randomBytes(12).toString('hex')}`): MultipartFrame {
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="file"; filename="${quoteFileName(fileName)}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(head, 'utf8'),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  };
}
