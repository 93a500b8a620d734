// G02: while registered, a Heartbeat every OCPPCommCtrlr.HeartbeatInterval seconds; its currentTime keeps the
// station clock in step when configured (G02.FR.06). A changed interval applies from the next beat.
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { OCPPCommCtrlr } from '../../device-model/standardized/index.js';
import type { TimeSync } from './time-sync.js';

/** Used when HeartbeatInterval is unset or not positive. */
export const FALLBACK_HEARTBEAT_SECONDS = 1800;

export interface HeartbeatOptions {
  send: Send;
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  timeSync: TimeSync;
}

export class Heartbeat {
  private timer: TimerHandle | undefined;
  private running = false;

  constructor(private readonly options: HeartbeatOptions) {}

  /** Starts beating (after registration is Accepted); the first beat comes one interval from now. */
  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The interval changed: the next beat is one new interval from now. */
  intervalChanged(): void {
    if (this.running) this.schedule();
  }

  /** Sends one Heartbeat now (a beat, or TriggerMessage(Heartbeat)). */
  beat(requestedByCsms = false): void {
    this.options.send('Heartbeat', {}, { requestedByCsms }).then(
      (response) => this.options.timeSync.fromCsms(response.currentTime),
      (error: unknown) => this.options.logger.debug({ err: error }, 'Heartbeat got no answer'),
    );
  }

  private schedule(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    const configured = this.options.model.value(OCPPCommCtrlr.HeartbeatInterval);
    const seconds = configured !== undefined && configured > 0 ? configured : FALLBACK_HEARTBEAT_SECONDS;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.running) return;
      this.beat();
      this.schedule();
    }, seconds * 1000);
  }
}
