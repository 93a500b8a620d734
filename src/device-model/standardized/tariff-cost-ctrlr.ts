// TariffCostCtrlr (Part 2, Referenced Components §2.10 Tariff & Cost): showing tariffs and running cost to the
// driver. Tariff and cost each have their own Enabled and Available (instances Tariff and Cost). The block needs
// a display, so these have no default; the three required texts name operator choices and have none either.
import { controller, optional, required } from '../declare.js';

export const TariffCostCtrlr = controller('TariffCostCtrlr', 'TariffCost', {
  EnabledTariff: optional.boolean({
    name: 'Enabled',
    instance: 'Tariff',
    description: 'Show tariff information to the driver.',
  }),
  AvailableTariff: optional.boolean({
    name: 'Available',
    instance: 'Tariff',
    mutability: 'ReadOnly',
    constant: true,
    description: 'The station can show tariff information.',
  }),
  EnabledCost: optional.boolean({
    name: 'Enabled',
    instance: 'Cost',
    description: 'Show the running cost to the driver.',
  }),
  AvailableCost: optional.boolean({
    name: 'Available',
    instance: 'Cost',
    mutability: 'ReadOnly',
    constant: true,
    description: 'The station can show the running cost.',
  }),
  TariffFallbackMessage: required.string({
    maxLength: 255,
    description: 'Text shown when no driver-specific tariff is known.',
  }),
  TotalCostFallbackMessage: required.string({
    maxLength: 255,
    description: 'Text shown at the end of a transaction when its cost cannot be obtained.',
  }),
  Currency: required.string({
    maxLength: 3,
    description: 'Currency of costs, an ISO 4217 code (e.g. EUR).',
  }),
});
