// The standardized components of OCPP 2.0.1 (Part 2, Referenced Components and Variables; Appendix 3), declared
// as data: the 17 controllers, the ChargingStation component, and EVSE / Connector components made per EVSE and
// connector of the station layout.
import type { AnyVariable } from '../types.js';
import { AlignedDataCtrlr } from './aligned-data-ctrlr.js';
import { AuthCacheCtrlr } from './auth-cache-ctrlr.js';
import { AuthCtrlr } from './auth-ctrlr.js';
import { ChargingStation } from './charging-station.js';
import { ClockCtrlr } from './clock-ctrlr.js';
import { CustomizationCtrlr } from './customization-ctrlr.js';
import { DeviceDataCtrlr } from './device-data-ctrlr.js';
import { DisplayMessageCtrlr } from './display-message-ctrlr.js';
import { ISO15118Ctrlr } from './iso15118-ctrlr.js';
import { LocalAuthListCtrlr } from './local-auth-list-ctrlr.js';
import { MonitoringCtrlr } from './monitoring-ctrlr.js';
import { OCPPCommCtrlr } from './ocpp-comm-ctrlr.js';
import { ReservationCtrlr } from './reservation-ctrlr.js';
import { SampledDataCtrlr } from './sampled-data-ctrlr.js';
import { SecurityCtrlr } from './security-ctrlr.js';
import { SmartChargingCtrlr } from './smart-charging-ctrlr.js';
import { TariffCostCtrlr } from './tariff-cost-ctrlr.js';
import { TxCtrlr } from './tx-ctrlr.js';

export { AlignedDataCtrlr } from './aligned-data-ctrlr.js';
export { AuthCacheCtrlr, AUTH_CACHE_POLICIES, type AuthCachePolicy } from './auth-cache-ctrlr.js';
export { AuthCtrlr, ID_TOKEN_TYPES } from './auth-ctrlr.js';
export { ChargingStation, AVAILABILITY_STATES, CHARGE_PROTOCOLS, type ChargeProtocol } from './charging-station.js';
export { ClockCtrlr, NTP_SOURCES, TIME_SOURCES, type NtpSource, type TimeSource } from './clock-ctrlr.js';
export { CustomizationCtrlr, customImplementationEnabled } from './customization-ctrlr.js';
export { DeviceDataCtrlr, DEVICE_DATA_BYTES_PER_MESSAGE, DEVICE_DATA_ITEMS_PER_MESSAGE } from './device-data-ctrlr.js';
export { DisplayMessageCtrlr, DISPLAY_MESSAGE_CAPACITY, MESSAGE_FORMATS, MESSAGE_PRIORITIES } from './display-message-ctrlr.js';
export { ISO15118Ctrlr, REQUESTED_ENERGY_TRANSFER_MODES, type RequestedEnergyTransferMode } from './iso15118-ctrlr.js';
export { LocalAuthListCtrlr, LOCAL_AUTH_LIST_CAPACITY } from './local-auth-list-ctrlr.js';
export { MonitoringCtrlr, MONITORING_BASES } from './monitoring-ctrlr.js';
export {
  OCPPCommCtrlr,
  FILE_TRANSFER_PROTOCOLS,
  NETWORK_CONFIGURATION_SLOTS,
  PUBLIC_KEY_WITH_SIGNED_METER_VALUE,
  fieldLength,
  type FileTransferProtocol,
  type PublicKeyWithSignedMeterValue,
} from './ocpp-comm-ctrlr.js';
export { ReservationCtrlr } from './reservation-ctrlr.js';
export { SampledDataCtrlr, MEASURANDS, MEASURAND_LIST_MAX_LENGTH } from './sampled-data-ctrlr.js';
export { SecurityCtrlr, CERTIFICATE_CAPACITY } from './security-ctrlr.js';
export {
  SmartChargingCtrlr,
  CHARGING_PROFILE_CAPACITY,
  CHARGING_RATE_UNITS,
  MAX_PERIODS_PER_SCHEDULE,
  MAX_PROFILE_STACK_LEVEL,
} from './smart-charging-ctrlr.js';
export { TariffCostCtrlr } from './tariff-cost-ctrlr.js';
export { TxCtrlr, TX_START_POINTS, TX_STOP_POINTS, type TxStartPoint, type TxStopPoint } from './tx-ctrlr.js';
export { evseComponent, type EvseComponent, type EvseHardware } from './evse.js';
export { connectorComponent, type ConnectorComponent, type ConnectorHardware } from './connector.js';

/** A declared station-wide component: its declarations by key. */
export type StandardizedController = Readonly<Record<string, AnyVariable>>;

/** Every standardized station-wide component (17 controllers and ChargingStation), for building the model and reports. */
export const STANDARDIZED_CONTROLLERS: readonly StandardizedController[] = Object.freeze([
  AlignedDataCtrlr,
  AuthCacheCtrlr,
  AuthCtrlr,
  ChargingStation,
  ClockCtrlr,
  CustomizationCtrlr,
  DeviceDataCtrlr,
  DisplayMessageCtrlr,
  ISO15118Ctrlr,
  LocalAuthListCtrlr,
  MonitoringCtrlr,
  OCPPCommCtrlr,
  ReservationCtrlr,
  SampledDataCtrlr,
  SecurityCtrlr,
  SmartChargingCtrlr,
  TariffCostCtrlr,
  TxCtrlr,
]);
