// The Connector component, one per connector of the station layout (Part 2, Referenced Components §2.13 Charging
// Infrastructure, with the 2025 errata adding AvailabilityState; Appendix 3 §3.2.14 for the typical optional
// variables). Addressed as component Connector on the tier of its evseId and connectorId.
import { declareComponent, optional, required } from '../declare.js';
import { AVAILABILITY_STATES, CHARGE_PROTOCOLS } from './charging-station.js';

/** Facts of one connector from the station layout; what is left out comes from the configuration. */
export interface ConnectorHardware {
  /** ConnectorEnumType value or cGBT, cChaoJi, OppCharge: ConnectorType's default. */
  readonly connectorType?: string;
  /** AC phases connected (1 or 3), 0 for DC: SupplyPhases' default. */
  readonly supplyPhases?: number;
}

/** The declared variables of component Connector #evseId.connectorId (both start at 1). */
export function connectorComponent(evseId: number, connectorId: number, hardware: ConnectorHardware = {}) {
  if (!Number.isSafeInteger(evseId) || evseId < 1) throw new RangeError(`evseId must be an integer >= 1, got ${evseId}`);
  if (!Number.isSafeInteger(connectorId) || connectorId < 1) {
    throw new RangeError(`connectorId must be an integer >= 1, got ${connectorId}`);
  }
  return declareComponent({ name: 'Connector', evseId, connectorId }, 'Core', {
    Available: required.boolean({
      mutability: 'ReadOnly',
      constant: true,
      default: true,
      description: 'The connector exists and is wired for use.',
    }),
    // Required since the 2025 errata. Kept current by the stack; it starts Unavailable until the stack has worked
    // out the real state.
    AvailabilityState: required.optionList(AVAILABILITY_STATES, {
      mutability: 'ReadOnly',
      default: 'Unavailable',
      description: 'Connector status as StatusNotification reports it.',
    }),
    // A string in Part 2 (Appendix 4 calls it an OptionList): the ConnectorEnumType values plus cGBT, cChaoJi and
    // OppCharge. No default unless the layout gives it: a hardware fact.
    ConnectorType: required.string({
      mutability: 'ReadOnly',
      constant: true,
      default: hardware.connectorType,
      description: 'Kind of plug or socket, e.g. sType2 or cCCS2.',
    }),
    SupplyPhases: required.integer({
      mutability: 'ReadOnly',
      default: hardware.supplyPhases,
      description: 'AC phases connected to the connector: 1 or 3, 0 for DC.',
    }),
    Enabled: optional.boolean({
      mutability: 'ReadOnly',
      description: 'The connector is in service (not made Inoperative).',
    }),
    Problem: optional.boolean({ mutability: 'ReadOnly', description: 'Some fault affects the connector (e.g. too hot).' }),
    Tripped: optional.boolean({ mutability: 'ReadOnly', description: 'A fault needs someone on site to clear it.' }),
    PhaseRotation: optional.string({
      maxLength: 3,
      description: 'Wiring of the phases relative to the EVSE, three letters of R, S, T and x; empty if unknown.',
    }),
    ChargeProtocol: optional.optionList(CHARGE_PROTOCOLS, {
      mutability: 'ReadOnly',
      description: 'Charging control protocol of the connector.',
    }),
  });
}

export type ConnectorComponent = ReturnType<typeof connectorComponent>;
