// SampledDataCtrlr (Part 2, Referenced Components §2.7 Metering): meter values taken during a transaction and
// sent in TransactionEvent Started / Updated / Ended.
import type { MeasurandEnumType } from '../../messages/types.js';
import { controller, optional, required } from '../declare.js';

// A record keyed by every MeasurandEnumType value: the compiler refuses a missing or an unknown measurand.
const MEASURAND_SET: Record<MeasurandEnumType, true> = {
  'Current.Export': true,
  'Current.Import': true,
  'Current.Offered': true,
  'Energy.Active.Export.Register': true,
  'Energy.Active.Import.Register': true,
  'Energy.Reactive.Export.Register': true,
  'Energy.Reactive.Import.Register': true,
  'Energy.Active.Export.Interval': true,
  'Energy.Active.Import.Interval': true,
  'Energy.Active.Net': true,
  'Energy.Reactive.Export.Interval': true,
  'Energy.Reactive.Import.Interval': true,
  'Energy.Reactive.Net': true,
  'Energy.Apparent.Net': true,
  'Energy.Apparent.Import': true,
  'Energy.Apparent.Export': true,
  Frequency: true,
  'Power.Active.Export': true,
  'Power.Active.Import': true,
  'Power.Factor': true,
  'Power.Offered': true,
  'Power.Reactive.Export': true,
  'Power.Reactive.Import': true,
  SoC: true,
  Voltage: true,
};

/** Every MeasurandEnumType value, in schema order: the valuesList of the measurand MemberLists. */
export const MEASURANDS: readonly MeasurandEnumType[] = Object.freeze(Object.keys(MEASURAND_SET) as MeasurandEnumType[]);

/**
 * Longest text a measurand list can hold: all measurands, comma-separated. The spec leaves the maximum length
 * of these CSV values to the implementer; any subset of MEASURANDS fits.
 */
export const MEASURAND_LIST_MAX_LENGTH = MEASURANDS.join(',').length;

export const SampledDataCtrlr = controller('SampledDataCtrlr', 'Metering', {
  Enabled: optional.boolean({
    default: true,
    description: 'Turns sampled meter values in transaction events on or off.',
  }),
  Available: optional.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station can report sampled meter values.',
  }),
  // No default: a station that cannot sign meter values must not report this variable at all.
  SignReadings: optional.boolean({
    description: 'Put signed meter values in TransactionEvent messages (only stations with a signing meter have this).',
  }),
  TxEndedMeasurands: required.memberList(MEASURANDS, {
    maxLength: MEASURAND_LIST_MAX_LENGTH,
    default: ['Energy.Active.Import.Register'],
    description: 'Measurands sampled every TxEndedInterval and sent together in TransactionEvent Ended; empty sends none.',
  }),
  // Part 2's table spells this TxEndInterval; its own requirement E06.FR.11, Appendix 3 §3.1.14 and libocpp use
  // TxEndedInterval, which also matches TxEndedMeasurands. We use TxEndedInterval.
  TxEndedInterval: required.integer({
    unit: 's',
    default: 0,
    description: 'Seconds between samples for TransactionEvent Ended; 0 keeps only the values at start and end (recommended).',
  }),
  TxStartedMeasurands: required.memberList(MEASURANDS, {
    maxLength: MEASURAND_LIST_MAX_LENGTH,
    default: ['Energy.Active.Import.Register'],
    description: 'Measurands taken when a transaction starts, sent in its first TransactionEvent.',
  }),
  TxUpdatedMeasurands: required.memberList(MEASURANDS, {
    maxLength: MEASURAND_LIST_MAX_LENGTH,
    default: ['Energy.Active.Import.Register'],
    description: 'Measurands sent in TransactionEvent Updated every TxUpdatedInterval seconds.',
  }),
  TxUpdatedInterval: required.integer({
    unit: 's',
    default: 120,
    description: 'Seconds between TransactionEvent Updated meter samples; 0 sends none during the transaction.',
  }),
  RegisterValuesWithoutPhases: optional.boolean({
    description: 'Report Energy.Active.Import.Register as a total only, without per-phase values.',
  }),
});
