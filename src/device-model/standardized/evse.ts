// The EVSE component, one per EVSE of the station layout (Part 2, Referenced Components §2.13 Charging
// Infrastructure and §2.14.12; Appendix 3 §3.2.30 for the typical optional variables, typed by Appendix 4).
// Addressed as component EVSE on the tier of its evseId.
import { declareComponent, optional, required } from '../declare.js';
import { AVAILABILITY_STATES, CHARGE_PROTOCOLS } from './charging-station.js';

/** Facts of one EVSE from the station layout; what is left out comes from the configuration. */
export interface EvseHardware {
  /** Most power the EVSE can deliver, in W: Power's maxLimit (which the spec requires) and MaxSet. */
  readonly maxPower?: number;
  /** AC phases connected (1 or 3), 0 for DC: SupplyPhases' default. */
  readonly supplyPhases?: number;
}

/** The declared variables of component EVSE #evseId (evseId starts at 1). */
export function evseComponent(evseId: number, hardware: EvseHardware = {}) {
  if (!Number.isSafeInteger(evseId) || evseId < 1) throw new RangeError(`evseId must be an integer >= 1, got ${evseId}`);
  return declareComponent({ name: 'EVSE', evseId }, 'Core', {
    Available: required.boolean({
      mutability: 'ReadOnly',
      constant: true,
      default: true,
      description: 'The EVSE exists and is wired for use.',
    }),
    // Kept current by the stack; it starts Unavailable until the stack has worked out the real state.
    AvailabilityState: required.optionList(AVAILABILITY_STATES, {
      mutability: 'ReadOnly',
      default: 'Unavailable',
      description: 'Availability of the EVSE, in StatusNotification terms.',
    }),
    // Required for its maxLimit; the Actual value (instantaneous power) is welcome but optional.
    Power: required.decimal({
      mutability: 'ReadOnly',
      unit: 'W',
      attributeTypes: ['Actual', 'MaxSet'],
      max: hardware.maxPower,
      default: 0,
      defaults: { MaxSet: hardware.maxPower },
      description: 'Power delivered now; maxLimit is the most the EVSE can deliver.',
    }),
    // No default unless the layout gives it: a hardware fact.
    SupplyPhases: required.integer({
      mutability: 'ReadOnly',
      default: hardware.supplyPhases,
      description: 'AC phases connected to the EVSE: 1 or 3, 0 for DC.',
    }),
    AllowReset: optional.boolean({
      mutability: 'ReadOnly',
      constant: true,
      description: 'The EVSE can be reset on its own.',
    }),
    // The markdown copy of Part 2 reads "ISO15118Evseld" (OCR). IEC 63119-2 EVSE ids are 7 to 37 characters.
    ISO15118EvseId: optional.string({
      maxLength: 37,
      description: 'EVSE id as ISO 15118 and IEC 63119-2 write it, e.g. DE*ICE*E*1234567890*1 (7 to 37 characters).',
    }),
    Enabled: optional.boolean({
      mutability: 'ReadOnly',
      description: 'The EVSE is in service (not made Inoperative).',
    }),
    Problem: optional.boolean({ mutability: 'ReadOnly', description: 'Some fault affects the EVSE.' }),
    Tripped: optional.boolean({ mutability: 'ReadOnly', description: 'A fault needs someone on site to clear it.' }),
    Overload: optional.boolean({ mutability: 'ReadOnly', description: 'Current or power drawn is too high.' }),
    PhaseRotation: optional.string({
      maxLength: 3,
      description: 'Wiring of the phases relative to the station, three letters of R, S, T and x; empty if unknown.',
    }),
    ACVoltage: optional.decimal({ mutability: 'ReadOnly', unit: 'V', description: 'Measured AC voltage.' }),
    ACCurrent: optional.decimal({ mutability: 'ReadOnly', unit: 'A', description: 'Measured AC current.' }),
    DCVoltage: optional.decimal({ mutability: 'ReadOnly', unit: 'V', description: 'Measured DC voltage.' }),
    DCCurrent: optional.decimal({ mutability: 'ReadOnly', unit: 'A', description: 'Measured DC current.' }),
    VoltageImbalance: optional.decimal({ mutability: 'ReadOnly', unit: 'Percent', description: 'Voltage imbalance between the three phases.' }),
    CurrentImbalance: optional.decimal({ mutability: 'ReadOnly', unit: 'Percent', description: 'Current imbalance between the three phases.' }),
    ChargeProtocol: optional.optionList(CHARGE_PROTOCOLS, {
      mutability: 'ReadOnly',
      description: 'Charging control protocol in use on the EVSE.',
    }),
    ChargingTime: optional.decimal({
      mutability: 'ReadOnly',
      unit: 's',
      description: 'Seconds from the first to the latest energy transfer of the session, short pauses included.',
    }),
    PostChargingTime: optional.decimal({
      mutability: 'ReadOnly',
      unit: 's',
      description: 'Seconds since the EV last took energy.',
    }),
    CountChargingProfiles: optional.integer({
      name: 'Count',
      instance: 'ChargingProfiles',
      mutability: 'ReadOnly',
      description: 'Charging profiles installed for this EVSE; maxLimit is how many it supports.',
    }),
  });
}

export type EvseComponent = ReturnType<typeof evseComponent>;
