// The integrator's latest reading per meter, the metering settings, and the samples taken from both.
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { DeviceModel } from '../../device-model/device-model.js';
import type { VariableDeclaration } from '../../device-model/types.js';
import { AlignedDataCtrlr, SampledDataCtrlr } from '../../device-model/standardized/index.js';
import type { MeasurandEnumType, MeterValueType, ReadingContextEnumType } from '../../messages/types.js';
import { acceptReading, takeSample } from './samples.js';

export type SampleKind = 'sampled' | 'aligned';

export interface MeterReadingsOptions {
  model: DeviceModel;
  clock: Clock;
  logger: Logger;
  /** The station's EVSE ids (1, 2, …). EVSE 0, the station's main meter, is always there. */
  evseIds: readonly number[];
}

export class MeterReadings {
  /** The meters: EVSE 0 and the station's EVSEs, in order. */
  readonly evseIds: readonly number[];
  private readonly readings = new Map<number, MeterValueType>();
  private readonly reportedReadFailures = new Set<string>();

  constructor(private readonly options: MeterReadingsOptions) {
    this.evseIds = [...new Set([0, ...options.evseIds])].sort((a, b) => a - b);
  }

  /** Replaces the EVSE's reading with what can be kept of `meterValue`; see Metering.record. */
  record(evseId: number, meterValue: MeterValueType): void {
    if (!this.evseIds.includes(evseId)) {
      this.options.logger.warn({ evseId }, 'meter value for an unknown EVSE ignored');
      return;
    }
    const { kept, dropped } = acceptReading(meterValue);
    if (dropped > 0) {
      this.options.logger.warn({ evseId, dropped }, 'sampledValues without a finite value, or with location EV for another measurand than SoC, ignored');
    }
    if (kept) this.readings.set(evseId, kept);
  }

  /** A sample of `evseId` stamped `at` (now by default: clock-aligned samples pass their aligned moment). */
  sample(
    evseId: number,
    measurands: readonly MeasurandEnumType[],
    context: ReadingContextEnumType,
    kind: SampleKind,
    at: Date = this.options.clock.now(),
  ): MeterValueType | undefined {
    const signReadings = this.setting(kind === 'sampled' ? SampledDataCtrlr.SignReadings : AlignedDataCtrlr.SignReadings, undefined);
    return takeSample(
      this.readings.get(evseId),
      {
        measurands,
        context,
        keepSigned: signReadings !== false,
        registerValuesWithoutPhases: this.setting(SampledDataCtrlr.RegisterValuesWithoutPhases, false) === true,
      },
      at,
    );
  }

  enabled(kind: SampleKind): boolean {
    return this.setting(kind === 'sampled' ? SampledDataCtrlr.Enabled : AlignedDataCtrlr.Enabled, true) !== false;
  }

  measurands(handle: VariableDeclaration<MeasurandEnumType[], boolean>): MeasurandEnumType[] {
    return this.setting(handle, []);
  }

  /**
   * A setting's current value, or `fallback` when it has none. A station whose device model lacks the Metering
   * variables (its block not supported) gets the fallbacks — no meter values — instead of an exception in a timer.
   */
  setting<T, F>(handle: VariableDeclaration<T, boolean>, fallback: F): T | F {
    try {
      return this.options.model.value(handle) ?? fallback;
    } catch (error) {
      const name = `${handle.component.name}.${handle.variable.name}`;
      if (!this.reportedReadFailures.has(name)) {
        this.reportedReadFailures.add(name);
        this.options.logger.warn({ err: error, variable: name }, 'metering variable unreadable: treated as not configured');
      }
      return fallback;
    }
  }

  /** Runs a timer's work, logging instead of throwing what fails. */
  guarded(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.options.logger.error({ err: error }, `${what} failed`);
    }
  }
}
