// What a station's device model is made of, from its configuration: every standardized controller, an EVSE
// and Connector component per EVSE and connector of the layout, the custom components; and the initial values
// the station derives itself (its identity, the security profile it starts with) before the configuration
// file's own values, which win.
import { customDeclarations, initialValuesOf, type StationConfig } from '../device-model/station-config.js';
import { declarationsOf } from '../device-model/declare.js';
import type { InitialValue } from '../device-model/device-model.js';
import {
  ChargingStation as ChargingStationComponent,
  SecurityCtrlr,
  STANDARDIZED_CONTROLLERS,
  connectorComponent,
  evseComponent,
} from '../device-model/standardized/index.js';
import type { AnyVariable, FunctionalBlock } from '../device-model/types.js';

export function stationDeclarations(config: StationConfig): AnyVariable[] {
  const declarations: AnyVariable[] = STANDARDIZED_CONTROLLERS.flatMap((controller) => declarationsOf(controller));
  for (const evse of config.evses) {
    declarations.push(
      ...declarationsOf(
        evseComponent(evse.id, {
          ...(evse.maxPowerW !== undefined ? { maxPower: evse.maxPowerW } : {}),
          ...(evse.supplyPhases !== undefined ? { supplyPhases: evse.supplyPhases } : {}),
        }),
      ),
    );
    for (const connector of evse.connectors) {
      declarations.push(
        ...declarationsOf(
          connectorComponent(evse.id, connector.id, {
            connectorType: connector.type,
            ...(evse.supplyPhases !== undefined ? { supplyPhases: evse.supplyPhases } : {}),
          }),
        ),
      );
    }
  }
  declarations.push(...customDeclarations(config));
  return declarations;
}

const DEFAULT_SUPPLY_PHASES = 3;

/** Blocks every station of this stack has, whatever the configuration lists. */
const ALWAYS_SUPPORTED: readonly FunctionalBlock[] = ['Core', 'Security'];

export function stationSupportedBlocks(config: StationConfig): FunctionalBlock[] {
  return [...new Set([...ALWAYS_SUPPORTED, ...(config.supportedBlocks ?? [])])];
}

export interface DerivedValues {
  stationId: string;
  /** The security profile of the CSMS profile the station starts with. */
  securityProfile: number;
  /** SecurityCtrlr.BasicAuthPassword given outside the configuration file (e.g. on the command line). */
  basicAuthPassword?: string;
  /** The controllers the station's blocks serve (BlockDefinition.controllers). */
  servedControllers: ReadonlySet<string>;
}

export function stationInitialValues(config: StationConfig, declarations: readonly AnyVariable[], derived: DerivedValues): InitialValue[] {
  const origin = 'the station';
  const value = (handle: AnyVariable, text: string): InitialValue => ({
    component: handle.component,
    variable: handle.variable,
    value: text,
    origin,
  });
  const own: InitialValue[] = [
    value(SecurityCtrlr.Identity, derived.stationId),
    value(SecurityCtrlr.SecurityProfile, String(derived.securityProfile)),
    // The certificate organization defaults to the vendor; the configuration file may name the operator.
    value(SecurityCtrlr.OrganizationName, config.identity.vendorName),
  ];
  // SupplyPhases from the layout: an EVSE without a figure is taken as three-phase AC.
  const phasesOf = (evse: StationConfig['evses'][number]) => evse.supplyPhases ?? DEFAULT_SUPPLY_PHASES;
  own.push(value(ChargingStationComponent.SupplyPhases, String(Math.max(...config.evses.map(phasesOf)))));
  for (const evse of config.evses) {
    own.push(value(evseComponent(evse.id).SupplyPhases, String(phasesOf(evse))));
    for (const connector of evse.connectors) {
      own.push(value(connectorComponent(evse.id, connector.id).SupplyPhases, String(phasesOf(evse))));
    }
  }
  if (derived.basicAuthPassword !== undefined) own.push(value(SecurityCtrlr.BasicAuthPassword, derived.basicAuthPassword));
  // For the same attribute the last initial value wins: the configuration file's own come after the station's,
  // except for what the station's blocks decide: a controller without its block is not available.
  return [...own, ...initialValuesOf(config, declarations), ...unservedControllerValues(declarations, derived.servedControllers)];
}

/** Available… and Enabled… false for every standardized controller no block serves (e.g. ReservationCtrlr before block H). */
function unservedControllerValues(declarations: readonly AnyVariable[], served: ReadonlySet<string>): InitialValue[] {
  const controllers = new Set(STANDARDIZED_CONTROLLERS.flatMap((controller) => Object.values(controller).map((variable) => variable.component.name)));
  return declarations
    .filter((declaration) => controllers.has(declaration.component.name) && declaration.component.name.endsWith('Ctrlr'))
    .filter((declaration) => !served.has(declaration.component.name))
    .filter((declaration) => /^(Available|Enabled)/.test(declaration.variable.name) && declaration.characteristics.dataType === 'boolean')
    .map((declaration) => ({ component: declaration.component, variable: declaration.variable, value: 'false', origin: 'the station (no block serves it)' }));
}
