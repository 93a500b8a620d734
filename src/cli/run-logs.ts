// The two logs of `ocpp-station run`, opened after the start checks and before the database: the diagnostic log
// (pino; standard error, readable lines on a terminal and JSON lines otherwise, or a rotating --log-file) and
// the OCPP message log (--log-messages, rotating). Both stay within --log-max-bytes with --log-keep rotated
// files, and a write that fails is reported once on standard error while the station runs on.
import type { Clock } from '../clock.js';
import { createLogger, silentLogger, type Logger, type LogDestination, type LoggerOptions } from '../logger.js';
import { openMessageLog, type MessageLog } from '../console/message-log.js';
import { RotatingFile, makeFolders, reportOutages } from '../console/rotating-file.js';
import { prettyLogDestination } from '../console/log-format.js';
import type { RunOptions } from './run-options.js';
import { UsageError } from './usage-error.js';

export interface RunLogs {
  readonly logger: Logger;
  readonly messageLog?: MessageLog;
  close(): void;
}

interface RunLogContext {
  /** Real time: when a failed write is tried again. */
  readonly clock: Clock;
  /** One line on standard error. */
  readonly report: (line: string) => void;
  readonly stderr: NodeJS.WritableStream;
}

function openLogFile(path: string, options: RunOptions, context: RunLogContext): RotatingFile {
  try {
    makeFolders(path);
    return new RotatingFile(path, {
      maxBytes: options.logMaxBytes,
      keep: options.logKeep,
      clock: context.clock,
      onError: reportOutages(context.report, 'the diagnostic log', path, 'lines'),
    });
  } catch (error) {
    throw new UsageError(`--log-file: cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Whether the diagnostic log is written as readable lines: asked for, or `auto` on a terminal (not into a file). */
function pretty(options: RunOptions, stderr: NodeJS.WritableStream): boolean {
  if (options.logFormat === 'pretty') return true;
  return options.logFormat === 'auto' && !options.logFile && Boolean((stderr as Partial<NodeJS.WriteStream>).isTTY);
}

export function openRunLogs(options: RunOptions, context: RunLogContext): RunLogs {
  const messageLog = options.logMessages
    ? openMessageLog(options.logMessages, {
        maxBytes: options.logMaxBytes,
        keep: options.logKeep,
        maxFrameBytes: options.logMaxFrameBytes,
        clock: context.clock,
        report: context.report,
      })
    : undefined;
  const level = options.logLevel as LoggerOptions['level'];
  const file = options.logFile && level !== 'silent' ? openLogFile(options.logFile, options, context) : undefined;
  const sink: LogDestination = file ?? { write: (line) => void context.stderr.write(line) };
  const tty = context.stderr as Partial<NodeJS.WriteStream>;
  const destination = pretty(options, context.stderr) ? prettyLogDestination(sink, { colour: !file && Boolean(tty.isTTY && tty.hasColors?.()) }) : sink;
  const logger = level === 'silent' ? silentLogger() : createLogger({ level, destination });
  return {
    logger,
    ...(messageLog ? { messageLog } : {}),
    close: () => {
      messageLog?.close();
      file?.close();
    },
  };
}
