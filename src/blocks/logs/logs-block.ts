// Block N, the log upload (N01): GetLog builds a SecurityLog or DiagnosticsLog file from what the station keeps
// (see log-file.ts) and uploads it through the host's LogUploader (see log-uploads.ts), with
// LogStatusNotification along the way; TriggerMessage(LogStatusNotification) reports the upload in progress or
// Idle (F06.FR.14/15). Integrators whose upload runs outside the stack report it with onLogStatusNotification
// (the seed's on_log_status_notification). With a logDirectory of its own, a station stopped under an upload
// reports it UploadFailure once accepted after the next start (upload-marker.ts). The 2.0.1 device model has no
// controller for the log upload.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Request, UploadLogStatusEnumType } from '../../messages/types.js';
import type { BlockContext, BlockDefinition } from '../shared/block-contract.js';
import { buildLogText, FrameRecorder, InvalidLogRangeError, logFileName, logRangeOf, writeLogFile } from './log-file.js';
import type { LogUploader } from './log-uploader.js';
import { LogUploads, type BuiltLog } from './log-uploads.js';
import { UploadMarker } from './upload-marker.js';
import { withoutUserInfo, type TransferProgressEvent } from '../shared/transfer-progress.js';

declare module '../shared/station-events.js' {
  interface StationEvents {
    /** Bytes of the log file uploaded so far (the uploader's reports, as they come). */
    logUploadProgress: TransferProgressEvent;
  }
}

export interface LogsApi {
  /**
   * The seed's on_log_status_notification, for an upload the integrator runs itself: sends LogStatusNotification
   * and remembers whether an upload is in progress (what TriggerMessage(LogStatusNotification) reports).
   * Resolves once the CSMS has it (or it could not be delivered: that is logged, never thrown).
   */
  onLogStatusNotification(status: UploadLogStatusEnumType, requestId: number): Promise<void>;
  /** Where log uploads stand, for tools (`ctl logs`). */
  logStatus(): LogSummary;
}

/** The upload in progress and the last LogStatusNotification sent in this run. */
export interface LogSummary {
  readonly uploading?: number;
  readonly lastStatus?: UploadLogStatusEnumType;
  readonly lastRequestId?: number;
}

export interface LogsContext extends BlockContext {
  readonly host: { readonly logUploader?: LogUploader };
  readonly options: {
    /** Where log files are built before their upload; the operating system's temporary folder by default. */
    readonly logDirectory?: string;
  };
}

export const logsBlock: BlockDefinition<LogsContext, LogsApi> = {
  name: 'logs',
  create(context) {
    const { clock, logger, stationId } = context;
    const directory = context.options.logDirectory ?? tmpdir();
    const frames = new FrameRecorder();
    const unsubscribe = context.events.on('frame', (frame) => frames.record(frame.direction, frame.text, clock.now()));

    const build = (request: Request<'GetLog'>): BuiltLog => {
      const securityLog = context.ports.find('securityLog');
      // N01.FR.05: no security log in this station, nothing to upload.
      if (!securityLog && request.logType === 'SecurityLog') return { reasonCode: 'NotSupported', rejected: 'this station keeps no security log' };
      try {
        const range = logRangeOf(request.log);
        const now = clock.now();
        const text = buildLogText(request.logType, range, { stationId, now, securityLog: securityLog?.entries() ?? [], frames: frames.all() });
        const fileName = logFileName(stationId, request.logType, request.requestId, now);
        return { fileName, filePath: writeLogFile(directory, fileName, text) };
      } catch (error) {
        if (error instanceof InvalidLogRangeError) return { reasonCode: 'InvalidValue', rejected: error.message };
        logger.warn({ err: error, directory }, 'log file not built');
        return { reasonCode: 'InternalError', rejected: `the log file could not be written: ${(error as Error).message}` };
      }
    };

    // A restart during an upload reports UploadFailure at the next start (upload-marker.ts).
    const marker = context.options.logDirectory !== undefined ? new UploadMarker(directory, stationId) : undefined;
    const persist = (running: { requestId: number; filePath: string } | undefined) => {
      try {
        marker?.write(running);
      } catch (error) {
        logger.warn({ err: error }, 'log upload state not stored');
      }
    };
    let interrupted: { requestId: number; filePath: string } | undefined;
    const progress = (requestId: number, url: string, bytes: number, totalBytes?: number) =>
      context.events.emit('logUploadProgress', { requestId, location: withoutUserInfo(url), bytes, ...(totalBytes !== undefined ? { totalBytes } : {}) });
    const uploads = new LogUploads({ send: context.send, clock, logger, uploader: context.host.logUploader, build, persist, progress });
    return {
      handlers: { GetLog: (request, call) => uploads.getLog(request, (task) => call.afterResponse(task)) },
      triggers: { LogStatusNotification: () => ({ status: 'Accepted', send: () => uploads.sendCurrent() }) },
      api: {
        onLogStatusNotification: (status, requestId) => uploads.notify(status, requestId),
        logStatus: () => {
          const last = uploads.lastStatus;
          const uploading = uploads.uploading;
          return { ...(uploading !== undefined ? { uploading } : {}), ...(last ? { lastStatus: last.status, lastRequestId: last.requestId } : {}) };
        },
      },
      start() {
        interrupted = marker?.take();
        // Only a file of the log directory: the record names it, it does not get to name any path.
        if (interrupted) rmSync(join(directory, basename(interrupted.filePath)), { force: true });
      },
      // Told once the CSMS has accepted the station: a message queued before that is not kept while offline.
      registrationAccepted() {
        if (interrupted) uploads.reportInterrupted(interrupted.requestId);
        interrupted = undefined;
      },
      stop() {
        unsubscribe();
        uploads.stop();
      },
    };
  },
};
