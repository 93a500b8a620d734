// A real LogUploader for tests: HTTP PUT of the file with node:http (what src/transfer will do for real), failing
// with the `kind`s the station's LogUploader port knows. No timeouts: tests close what they open.
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import type { LogUploader, UploadFailureKind } from '../../src/blocks/logs/log-uploader.js';

export class HttpUploadError extends Error {
  constructor(readonly kind: UploadFailureKind, message: string) {
    super(message);
  }
}

function kindOfStatus(status: number): UploadFailureKind {
  if (status === 401 || status === 403) return 'permission-denied';
  if (status === 404) return 'not-found';
  if (status === 413) return 'too-large';
  return 'server-error';
}

export function httpLogUploader(): LogUploader {
  return {
    upload({ url, filePath, signal, onProgress }) {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return Promise.reject(new HttpUploadError('bad-url', `not a URL: ${url}`));
      }
      if (target.protocol !== 'http:') return Promise.reject(new HttpUploadError('unsupported-scheme', `${target.protocol} is not supported`));
      return new Promise<void>((resolve, reject) => {
        const size = statSync(filePath).size;
        const auth = target.username ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}` : undefined;
        const put = request(
          { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: 'PUT', signal, headers: { 'content-length': size }, ...(auth ? { auth } : {}) },
          (response) => {
            response.resume();
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              if (status >= 200 && status < 300) resolve();
              else reject(new HttpUploadError(kindOfStatus(status), `HTTP ${status}`));
            });
          },
        );
        put.on('error', (error: NodeJS.ErrnoException) => {
          if (signal.aborted) reject(new HttpUploadError('aborted', 'aborted'));
          else reject(new HttpUploadError(error.code === 'ECONNREFUSED' ? 'refused' : 'io', error.message));
        });
        let sent = 0;
        const file = createReadStream(filePath);
        file.on('data', (chunk) => {
          sent += chunk.length;
          onProgress?.(sent);
        });
        file.on('error', (error) => put.destroy(error));
        file.pipe(put);
      });
    },
  };
}
