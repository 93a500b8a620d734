// What a person watching a station in a terminal sees: a line per OCPP-J frame (MessageConsole), a line per change
// of connection, registration and connector status, and the JSON-lines message log when one is asked for.
// Shared by `run` and `demo`; attached anew to every ChargingStation the simulator builds (one per reboot).
import type { Clock } from '../clock.js';
import type { ChargingStation } from '../station/charging-station.js';
import { MessageConsole } from './message-console.js';
import type { MessageLog } from './message-log.js';

export interface StationConsoleOptions {
  out: NodeJS.WritableStream;
  /** Timestamps of the message log. */
  clock: Clock;
  messageLog?: MessageLog;
}

export class StationConsole {
  private readonly frames: MessageConsole;
  private logFailed = false;

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
    });
    events.on('connectionChanged', (connection) => {
      if (connection.state === 'open') this.say(`* connected to ${connection.url} (network profile slot ${connection.slot})`);
      if (connection.state === 'closed') this.say(`* disconnected (${connection.code}${connection.reason ? ` ${connection.reason}` : ''})`);
    });
    events.on('registrationChanged', ({ status }) => this.say(`* registration ${status}`));
    events.on('connectorStatusChanged', (change) => this.say(`* EVSE ${change.evseId} connector ${change.connectorId}: ${change.status}`));
  }

  /** A message log that cannot be written (disk full, file removed) is reported once; the station runs on. */
  private logFrame(direction: 'in' | 'out', text: string): void {
    if (!this.options.messageLog || this.logFailed) return;
    try {
      this.options.messageLog.write(direction, text, this.options.clock.now());
    } catch (error) {
      this.logFailed = true;
      this.say(`* the message log stopped: ${(error as Error).message}`);
    }
  }
}
