// B01–B03: registering with the CSMS. Sends BootNotification whenever the link comes up and the station is
// not yet Accepted, waits the interval the CSMS gives while Pending or Rejected, and on Accepted adopts the
// heartbeat interval and (when configured) the CSMS time, then tells the station it may work normally.
import type { Clock, TimerHandle } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Send } from '../shared/send.js';
import type { BootReasonEnumType, ChargingStationType, Response } from '../../messages/types.js';
import type { RegistrationStatus } from '../../queue/queue-policy.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { OCPPCommCtrlr } from '../../device-model/standardized/index.js';
import type { TimeSync } from './time-sync.js';

/**
 * Seconds to wait before the next BootNotification when the CSMS gave interval 0 (B02.FR.07, B03.FR.05) or
 * did not answer at all: long enough not to flood it.
 */
export const OWN_BOOT_RETRY_SECONDS = 60;

export interface RegistrationOptions {
  send: Send;
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  timeSync: TimeSync;
  /** What the station says about itself in every BootNotification. */
  chargingStation: () => ChargingStationType;
  /** The registration state changed: gates the queue and the CSMS's calls. */
  onStatus: (status: RegistrationStatus) => void;
}

export class Registration {
  private statusValue: RegistrationStatus = 'Unknown';
  private bootReason: BootReasonEnumType = 'PowerUp';
  private retryTimer: TimerHandle | undefined;
  private connected = false;
  private inFlight = false;
  private stopped = false;

  constructor(private readonly options: RegistrationOptions) {}

  get status(): RegistrationStatus {
    return this.statusValue;
  }

  /** The reason the next BootNotification gives (B01.FR.09); set by start() before connecting. */
  setBootReason(reason: BootReasonEnumType): void {
    this.bootReason = reason;
  }

  /** The link is up: register unless already Accepted in this boot (a reconnect does not boot again). */
  linkUp(): void {
    this.connected = true;
    if (this.statusValue !== 'Accepted') this.sendNow();
  }

  /** The link is down: nothing can be sent; the next linkUp() sends at once. */
  linkDown(): void {
    this.connected = false;
    this.cancelRetry();
  }

  /**
   * TriggerMessage(BootNotification): Rejected once Accepted (F06.FR.17); otherwise sent now with reason
   * Triggered, without waiting for the interval (B02.FR.04 allows it).
   */
  trigger(): 'Accepted' | 'Rejected' {
    if (this.statusValue === 'Accepted') return 'Rejected';
    return 'Accepted';
  }

  /** Sends the BootNotification a trigger asked for (after the TriggerMessage response has gone out). */
  sendTriggered(): void {
    this.bootReason = 'Triggered';
    this.sendNow();
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry();
  }

  private sendNow(): void {
    if (this.stopped || !this.connected || this.inFlight) return;
    this.cancelRetry();
    this.inFlight = true;
    const request = { reason: this.bootReason, chargingStation: this.options.chargingStation() };
    this.options.logger.info({ reason: request.reason }, 'sending BootNotification');
    this.options.send('BootNotification', request).then(
      (response) => {
        this.inFlight = false;
        this.answered(response);
      },
      (error: unknown) => {
        this.inFlight = false;
        this.options.logger.warn({ err: error }, 'BootNotification got no answer; trying again later');
        this.scheduleRetry(OWN_BOOT_RETRY_SECONDS);
      },
    );
  }

  private answered(response: Response<'BootNotification'>): void {
    if (this.stopped) return;
    // B01.FR.06: the CSMS time is adopted on any answer when Heartbeat is a time source.
    this.options.timeSync.fromCsms(response.currentTime);
    this.options.logger.info({ status: response.status, interval: response.interval }, 'BootNotification answered');
    if (response.status === 'Accepted') {
      // B01.FR.04: a positive interval becomes the heartbeat interval.
      if (response.interval > 0) this.options.model.set(OCPPCommCtrlr.HeartbeatInterval, response.interval, 'station');
      this.changeStatus('Accepted');
      return;
    }
    this.changeStatus(response.status);
    // B02.FR.07/08, B03.FR.05/06: the next BootNotification after the interval, or after our own wait.
    this.scheduleRetry(response.interval > 0 ? response.interval : OWN_BOOT_RETRY_SECONDS);
  }

  private changeStatus(status: RegistrationStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.options.onStatus(status);
  }

  private scheduleRetry(seconds: number): void {
    this.cancelRetry();
    if (this.stopped || !this.connected) return;
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.sendNow();
    }, seconds * 1000);
  }

  private cancelRetry(): void {
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
