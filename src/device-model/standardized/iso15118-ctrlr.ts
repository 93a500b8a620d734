// ISO15118Ctrlr (Part 2, Referenced Components §2.14; Appendix 3 §3.1.9 for the other typical variables): the
// ISO 15118 communication controller and Plug & Charge settings. It depends on the EV communication hardware, so
// only ContractValidationOffline (the one required variable) has a default.
import { controller, optional, required } from '../declare.js';

/** RequestedEnergyTransferMode values (Appendix 3 §3.1.9, ISO 15118-2 energy transfer modes). */
export const REQUESTED_ENERGY_TRANSFER_MODES = [
  'AC_single_phase_core',
  'AC_three_phase_core',
  'DC_core',
  'DC_extended',
  'DC_combo_core',
  'DC_unique',
] as const;
export type RequestedEnergyTransferMode = (typeof REQUESTED_ENERGY_TRANSFER_MODES)[number];

export const ISO15118Ctrlr = controller('ISO15118Ctrlr', 'ISO15118', {
  Enabled: optional.boolean({ description: 'The ISO 15118 controller is in use.' }),
  Active: optional.boolean({ mutability: 'ReadOnly', description: 'An ISO 15118 session is connected.' }),
  Tripped: optional.boolean({ mutability: 'ReadOnly', description: 'The last ISO 15118 session was aborted.' }),
  Complete: optional.boolean({ mutability: 'ReadOnly', description: 'The last ISO 15118 session ended normally.' }),
  Problem: optional.boolean({ mutability: 'ReadOnly', description: 'The ISO 15118 controller has a fault.' }),
  // Written as Target to start a self-test; Actual tells whether one runs. The builder gives both attributes
  // one mutability, so Actual is writable too.
  SelftestActive: optional.boolean({
    attributeTypes: ['Actual', 'Target'],
    description: 'Set Target to true to start a self-test; Actual is true while it runs.',
  }),
  // The markdown copy of Part 2 reads "Seccld" (OCR); the name is SeccId.
  SeccId: optional.string({
    description: 'Name of the SECC as ISO 15118 wants it; the common name of the SECC certificate.',
  }),
  // The only required variable of the block.
  ContractValidationOffline: required.boolean({
    default: true,
    description: 'Try to validate contract certificates while offline.',
  }),
  // The Part 2 table reads "CentralValidationAllowed"; its heading, Appendix 3, the errata and libocpp use this.
  CentralContractValidationAllowed: optional.boolean({
    description: 'Contract certificates the station cannot validate may go to the CSMS in Authorize.',
  }),
  PnCEnabled: optional.boolean({ description: 'Plug & Charge authorization with contract certificates (C07) is on.' }),
  V2GCertificateInstallationEnabled: optional.boolean({
    description: 'Installing and renewing the station V2G certificate (A02, A03) is on.',
  }),
  ContractCertificateInstallationEnabled: optional.boolean({
    description: 'Installing and updating contract certificates in the EV (M01, M02) is on.',
  }),
  RequestMeteringReceipt: optional.boolean({
    description: 'Ask the EV for a metering receipt before sending a fiscal meter value.',
  }),
  OrganizationName: optional.string({
    description: 'Organization (O) of the SECC certificate: the CSO running the station.',
  }),
  CountryName: optional.string({
    maxLength: 2,
    description: 'Country (C) of the SECC certificate, ISO 3166-1 alpha-2 (e.g. DE).',
  }),
  MaxScheduleEntries: optional.integer({
    mutability: 'ReadOnly',
    description: 'Schedule periods the EV accepts (from the EV).',
  }),
  RequestedEnergyTransferMode: optional.optionList(REQUESTED_ENERGY_TRANSFER_MODES, {
    mutability: 'ReadOnly',
    description: 'Energy transfer mode the EV asked for (from the EV).',
  }),
});
