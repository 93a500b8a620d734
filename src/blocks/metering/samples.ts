// Pure rules of the metering block: which of the integrator's latest sampled values go into a meter value
// (configured measurands, context, signing, phases), and how the Ended event's samples are thinned.
import type { MeasurandEnumType, MeterValueType, ReadingContextEnumType, SampledValueType } from '../../messages/types.js';

/** A sampledValue without measurand is this one (SampledValueType.measurand's default). */
export const DEFAULT_MEASURAND: MeasurandEnumType = 'Energy.Active.Import.Register';

export interface SampleRules {
  /** The configured measurands; empty takes nothing. */
  readonly measurands: readonly MeasurandEnumType[];
  /** Put on every sampledValue taken (J01.FR.08, J02.FR.04). */
  readonly context: ReadingContextEnumType;
  /** False when the CSMS turned SignReadings off: signedMeterValue is removed. Otherwise it passes untouched. */
  readonly keepSigned: boolean;
  /** SampledDataCtrlr.RegisterValuesWithoutPhases: Energy.Active.Import.Register only as the total over all phases. */
  readonly registerValuesWithoutPhases: boolean;
}

/**
 * The meter value for one sampling: the sampledValues of `reading` whose measurand is configured, each with the
 * rule's context, stamped `timestamp` (the station clock when sampled, J01.FR.05/17, J02.FR.18). Undefined
 * when nothing is left: the schema forbids an empty sampledValue list (J01.FR.06, J02.FR.02).
 */
export function takeSample(reading: MeterValueType | undefined, rules: SampleRules, timestamp: Date): MeterValueType | undefined {
  if (!reading || rules.measurands.length === 0) return undefined;
  const sampledValue: SampledValueType[] = [];
  for (const value of reading.sampledValue) {
    const measurand = value.measurand ?? DEFAULT_MEASURAND;
    if (!rules.measurands.includes(measurand)) continue;
    if (rules.registerValuesWithoutPhases && measurand === DEFAULT_MEASURAND && value.phase !== undefined) continue;
    const taken: SampledValueType = { ...structuredClone(value), context: rules.context };
    if (!rules.keepSigned) delete taken.signedMeterValue;
    sampledValue.push(taken);
  }
  return sampledValue.length > 0 ? { timestamp: timestamp.toISOString(), sampledValue } : undefined;
}

/**
 * What the station keeps of an integrator's reading: a copy without the sampledValues no message could carry
 * (a value that is not a finite number; location EV for anything but SoC, which the 2024-09 errata to the J test
 * cases forbids). Undefined when nothing is left.
 */
export function acceptReading(reading: MeterValueType): { kept: MeterValueType | undefined; dropped: number } {
  const sampledValue = (reading.sampledValue ?? []).filter(
    (value) => Number.isFinite(value.value) && (value.location !== 'EV' || value.measurand === 'SoC'),
  );
  const dropped = (reading.sampledValue?.length ?? 0) - sampledValue.length;
  if (sampledValue.length === 0) return { kept: undefined, dropped };
  return { kept: structuredClone({ ...reading, sampledValue }), dropped };
}

/**
 * J02.FR.20, E06.FR.13: at most `max` samples, removing intermediate ones first: the 2nd, 4th, 6th … in one
 * pass (never more than needed), again over what is left if that was not enough. The first and the last
 * sample (Transaction.Begin and Transaction.End) stay as long as `max` is at least 2; with `max` 1 only the last.
 */
export function thinSamples<T>(samples: readonly T[], max: number): T[] {
  if (!Number.isFinite(max) || samples.length <= max) return [...samples];
  if (max <= 0) return [];
  if (max === 1) return [samples[samples.length - 1]!];
  let list = [...samples];
  while (list.length > max) {
    let excess = list.length - max;
    const last = list.length - 1;
    list = list.filter((_, index) => {
      if (excess > 0 && index % 2 === 1 && index < last) {
        excess--;
        return false;
      }
      return true;
    });
  }
  return list;
}
