// What a person watching a station in a terminal sees: a line per OCPP-J frame (MessageConsole), a line per change
// of connection, registration and connector status, a line when a transaction starts and ends (with the energy
// delivered), the progress of firmware downloads and log uploads by tenths, and the JSON-lines message log when
// one is asked for.
// Shared by `run` and `demo`; attached anew to every ChargingStation the simulator builds (one per reboot).
import type { Clock } from '../clock.js';
import type { ChargingStation } from '../station/charging-station.js';
import { MessageConsole } from './message-console.js';
import type { MessageLog } from './message-log.js';
import { transactionLine } from './transaction-lines.js';
import { TransferProgressLines } from './transfer-lines.js';
import type { Request } from '../messages/types.js';
import type { ConnectionStatus } from '../blocks/shared/station-events.js';

/** One line per failed attempt, so a CSMS that is down or refuses the station is visible, not only on stderr. */
function failedAttemptLine(attempt: number, failure: Extract<ConnectionStatus, { state: 'failed' }>): string {
  const next = failure.retryInMs > 0 ? `next attempt in ${formatDelay(failure.retryInMs)}` : 'no further attempt';
  return `* connection attempt ${attempt} to ${failure.url} failed: ${failure.reason}; ${next}`;
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

export interface StationConsoleOptions {
  out: NodeJS.WritableStream;
  /** Timestamps of the message log. */
  clock: Clock;
  messageLog?: MessageLog;
}

export class StationConsole {
  private readonly frames: MessageConsole;
  /** The number of the connection attempt under way (from the last `connecting` event). */
  private attempt = 1;
  /** The Started and Ended events already shown, by transaction. */
  private readonly shownTransactions = new Set<string>();
  private readonly transfers = new TransferProgressLines();

  constructor(private readonly options: StationConsoleOptions) {
    this.frames = new MessageConsole({ colour: Boolean((options.out as NodeJS.WriteStream).isTTY) });
  }

  /** One line of narration or state. */
  say(line: string): void {
    this.options.out.write(`${line}\n`);
  }

  /** Shows everything this station sends, receives and changes from now on. */
  attach(station: ChargingStation): void {
    const { events } = station;
    events.on('frame', ({ direction, text }) => {
      this.say(this.frames.format(direction, text));
      this.logFrame(direction, text);
      if (direction === 'out') this.transactionLine(text);
    });
    events.on('connectionChanged', (connection) => {
      if (connection.state === 'open') this.say(`* connected to ${connection.url} (network profile slot ${connection.slot})`);
      if (connection.state === 'closed') this.say(`* disconnected (${connection.code}${connection.reason ? ` ${connection.reason}` : ''})`);
      if (connection.state === 'connecting') this.attempt = connection.attempt;
      if (connection.state === 'failed') this.say(failedAttemptLine(this.attempt, connection));
    });
    events.on('registrationChanged', ({ status }) => this.say(`* registration ${status}`));
    events.on('connectorStatusChanged', (change) => this.say(`* EVSE ${change.evseId} connector ${change.connectorId}: ${change.status}`));
    const transferLine = (what: string) => (progress: Parameters<TransferProgressLines['lineFor']>[1]) => {
      const line = this.transfers.lineFor(what, progress);
      if (line !== undefined) this.say(line);
    };
    events.on('firmwareDownloadProgress', transferLine('firmware download'));
    events.on('logUploadProgress', transferLine('log upload'));
  }

  /** After a Started or Ended TransactionEvent going out, its line, once (a resent event is not shown again). */
  private transactionLine(text: string): void {
    if (!text.includes('"TransactionEvent"')) return;
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(frame) || frame[0] !== 2 || frame[2] !== 'TransactionEvent') return;
    const event = frame[3] as Request<'TransactionEvent'>;
    const line = transactionLine(event);
    if (line === undefined) return;
    const key = `${event.transactionInfo.transactionId}:${event.eventType}`;
    if (this.shownTransactions.has(key)) return;
    if (this.shownTransactions.size >= 1000) this.shownTransactions.clear();
    this.shownTransactions.add(key);
    this.say(line);
  }

  /** Writes the frame to the message log, if any (which reports its own failures and never throws). */
  private logFrame(direction: 'in' | 'out', text: string): void {
    this.options.messageLog?.write(direction, text, this.options.clock.now());
  }

  /** Closes the message log. */
  close(): void {
    this.options.messageLog?.close();
  }
}
