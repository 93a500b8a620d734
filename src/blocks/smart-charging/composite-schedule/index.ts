// Public face of the composite schedule calculation (K08): one pure function and its input types.
export { calculateCompositeSchedule } from './calculate.js';
export { COMPOSITE_SCHEDULE_DEFAULTS } from './types.js';
export type {
  CompositeScheduleDefaults,
  CompositeScheduleInput,
  InstalledChargingProfile,
  OpenTransaction,
} from './types.js';
