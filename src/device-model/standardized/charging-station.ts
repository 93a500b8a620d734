// ChargingStation: the physical station as a whole (Part 2, Referenced Components §2.13 Charging Infrastructure
// and §2.1.2; Appendix 3 §3.2.11 for the typical optional variables, typed by Appendix 4).
import type { ConnectorStatusEnumType } from '../../messages/types.js';
import { controller, optional, required } from '../declare.js';

const AVAILABILITY_STATE_SET: Record<ConnectorStatusEnumType, true> = {
  Available: true,
  Occupied: true,
  Reserved: true,
  Unavailable: true,
  Faulted: true,
};

/** AvailabilityState values: the ConnectorStatusEnumType values, as StatusNotification reports them. */
export const AVAILABILITY_STATES: readonly ConnectorStatusEnumType[] = Object.freeze(
  Object.keys(AVAILABILITY_STATE_SET) as ConnectorStatusEnumType[],
);

/** ChargeProtocol values (Appendix 4). */
export const CHARGE_PROTOCOLS = ['CHAdeMO', 'ISO15118', 'CPPWM', 'Uncontrolled', 'Undetermined', 'Unknown'] as const;
export type ChargeProtocol = (typeof CHARGE_PROTOCOLS)[number];

export const ChargingStation = controller('ChargingStation', 'Core', {
  Available: required.boolean({
    mutability: 'ReadOnly',
    constant: true,
    default: true,
    description: 'The station exists and is wired for use.',
  }),
  // Kept current by the stack; it starts Unavailable until the stack has worked out the real state.
  AvailabilityState: required.optionList(AVAILABILITY_STATES, {
    mutability: 'ReadOnly',
    default: 'Unavailable',
    description: 'Availability of the station as a whole, in StatusNotification terms.',
  }),
  // No default: a hardware fact the station configuration gives (1 or 3 for AC, 0 for DC).
  SupplyPhases: required.integer({
    mutability: 'ReadOnly',
    description: 'AC phases connected to the station: 1 or 3, 0 for DC.',
  }),
  AllowNewSessionsPendingFirmwareUpdate: optional.boolean({
    description: 'While a firmware update waits for idle EVSEs, keep letting new sessions start on free ones.',
  }),
  Enabled: optional.boolean({
    mutability: 'ReadOnly',
    description: 'The station is in service (not made Inoperative).',
  }),
  Problem: optional.boolean({ mutability: 'ReadOnly', description: 'Some fault affects the station.' }),
  Tripped: optional.boolean({ mutability: 'ReadOnly', description: 'A fault needs someone on site to clear it.' }),
  Overload: optional.boolean({ mutability: 'ReadOnly', description: 'Current or power drawn is too high.' }),
  PhaseRotation: optional.string({
    maxLength: 3,
    description: 'Wiring of the phases relative to the supply, three letters of R, S, T and x (e.g. RST); empty if unknown.',
  }),
  ACVoltage: optional.decimal({ mutability: 'ReadOnly', unit: 'V', description: 'Measured AC supply voltage.' }),
  ACCurrent: optional.decimal({ mutability: 'ReadOnly', unit: 'A', description: 'Measured total AC current.' }),
  Power: optional.decimal({
    mutability: 'ReadOnly',
    unit: 'W',
    description: 'Total power drawn, ancillary loads included; maxLimit is the designed maximum.',
  }),
  VoltageImbalance: optional.decimal({ mutability: 'ReadOnly', unit: 'Percent', description: 'Voltage imbalance between the three phases.' }),
  CurrentImbalance: optional.decimal({ mutability: 'ReadOnly', unit: 'Percent', description: 'Current imbalance between the three phases.' }),
  // Lengths follow BootNotification's ChargingStationType, where these values are also sent.
  VendorName: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 50, description: 'Station vendor.' }),
  Model: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 20, description: 'Station model.' }),
  ECVariant: optional.string({ mutability: 'ReadOnly', constant: true, description: 'Engineering change variant of the hardware.' }),
  SerialNumber: optional.string({ mutability: 'ReadOnly', constant: true, maxLength: 25, description: 'Station serial number.' }),
  OperatingTimes: optional.string({ description: 'Recurring opening hours as an iCalendar RRULE.' }),
  ChargeProtocol: optional.optionList(CHARGE_PROTOCOLS, {
    mutability: 'ReadOnly',
    description: 'Charging control protocol the station uses.',
  }),
});
