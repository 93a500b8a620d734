// B01.FR.06 / G02.FR.06: when ClockCtrlr.TimeSource lists Heartbeat, the station takes its time from the
// currentTime of BootNotification and Heartbeat responses. A jump larger than
// ClockCtrlr.TimeAdjustmentReportingThreshold is a SettingSystemTime security event.
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import { ClockCtrlr } from '../../device-model/standardized/index.js';
import type { StationClock } from '../../station-clock.js';

export interface TimeSyncOptions {
  model: DeviceModel;
  clock: StationClock;
  logger: Logger;
  /** The integrator's system clock, if it wants to follow too. */
  setSystemTime?: (time: Date) => void;
  securityEvent: (type: string, techInfo: string) => void;
}

export class TimeSync {
  constructor(private readonly options: TimeSyncOptions) {}

  /** Adopts the CSMS's currentTime if the station is configured to; ignores unreadable times. */
  fromCsms(currentTime: string): void {
    const sources = this.options.model.value(ClockCtrlr.TimeSource) as readonly string[];
    if (!sources.includes('Heartbeat')) return;
    const time = new Date(currentTime);
    if (Number.isNaN(time.getTime())) return;
    const movedMs = this.options.clock.adjustTo(time);
    this.options.setSystemTime?.(time);
    const thresholdSeconds = this.options.model.value(ClockCtrlr.TimeAdjustmentReportingThreshold);
    if (thresholdSeconds !== undefined && thresholdSeconds > 0 && Math.abs(movedMs) > thresholdSeconds * 1000) {
      this.options.logger.info({ movedMs }, 'station clock set from the CSMS');
      this.options.securityEvent('SettingSystemTime', `clock moved by ${Math.round(movedMs / 1000)} s to the CSMS time`);
    }
  }
}
