// The standardized components as declared: defaults that parse and respect their own limits and lists, unique
// addresses, and the required variables of Part 2 "Referenced Components and Variables" (with the 2025 errata and
// Part 4 §8) pinned per controller. The choices the stack relies on and the EVSE / Connector components:
// standardized-choices.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declarationsOf } from '../../../src/device-model/declare.js';
import {
  ClockCtrlr,
  CustomizationCtrlr,
  OCPPCommCtrlr,
  SampledDataCtrlr,
  STANDARDIZED_CONTROLLERS,
  TxCtrlr,
  customImplementationEnabled,
  fieldLength,
} from '../../../src/device-model/standardized/index.js';
import {
  CONTROLLER_NAMES,
  REQUIRED_VARIABLES,
  address,
  allStationWide,
  everyDeclaration,
  checkValue,
} from './standardized-helpers.js';

describe('standardized components: declared values', () => {
  it('every default parses with its own codec and respects its own limits, valuesList and length', () => {
    let checked = 0;
    for (const declaration of everyDeclaration()) {
      for (const attribute of declaration.attributes) {
        if (attribute.defaultValue === undefined) continue;
        checkValue(declaration, attribute.defaultValue, `${attribute.type} default`);
        checked += 1;
      }
    }
    assert.ok(checked > 80, `only ${checked} defaults were checked`);
  });

  it('list-typed declarations carry a valuesList, and the limits are consistent', () => {
    for (const declaration of everyDeclaration()) {
      const { dataType, valuesList, minLimit, maxLimit } = declaration.characteristics;
      if (dataType === 'OptionList' || dataType === 'MemberList') {
        assert.ok(valuesList !== undefined && valuesList.length > 0, `${address(declaration)} has no valuesList`);
      }
      if (minLimit !== undefined && maxLimit !== undefined) assert.ok(minLimit <= maxLimit, address(declaration));
      if (declaration.required && dataType !== 'dateTime') {
        // Required variables without a default must be ones the configuration or the station fills in.
        const hasDefault = declaration.attributes.some((attribute) => attribute.defaultValue !== undefined);
        if (!hasDefault) {
          assert.ok(
            [
              'SecurityCtrlr.OrganizationName',
              'SecurityCtrlr.SecurityProfile',
              'TariffCostCtrlr.TariffFallbackMessage',
              'TariffCostCtrlr.TotalCostFallbackMessage',
              'TariffCostCtrlr.Currency',
              'ChargingStation.SupplyPhases',
              'EVSE#1.SupplyPhases',
              'Connector#1.1.ConnectorType',
              'Connector#1.1.SupplyPhases',
            ].includes(address(declaration)),
            `${address(declaration)} is required but has no default`,
          );
        }
      }
    }
  });

  it('writable variables persist (Part 2, Referenced Components §2)', () => {
    for (const declaration of everyDeclaration()) {
      for (const attribute of declaration.attributes) {
        if (attribute.mutability !== 'ReadOnly') assert.equal(attribute.persistent, true, address(declaration));
      }
    }
  });

  it('codecs refuse values outside their list', () => {
    assert.throws(() => TxCtrlr.TxStartPoint.codec.parse('EVConnected,Plugged'), RangeError);
    assert.throws(() => TxCtrlr.TxStopPoint.codec.parse('DataSigned'), RangeError);
    assert.throws(() => SampledDataCtrlr.TxUpdatedMeasurands.codec.parse('Energy.Active.Import.Register,Power'), RangeError);
    assert.throws(() => ClockCtrlr.TimeSource.codec.parse('Sundial'), RangeError);
    assert.throws(() => OCPPCommCtrlr.NetworkConfigurationPriority.codec.parse('1,99'), RangeError);
    assert.throws(() => OCPPCommCtrlr.NetworkConfigurationPriority.codec.parse('1,2,1'), RangeError);
    assert.throws(() => OCPPCommCtrlr.NetworkConfigurationPriority.codec.parse('1,x'), RangeError);
  });
});

describe('standardized components: addresses', () => {
  it('declares the 18 station-wide components, each under its own name and on the station tier', () => {
    assert.equal(STANDARDIZED_CONTROLLERS.length, 18);
    const names = STANDARDIZED_CONTROLLERS.map((component) => {
      const declarations = declarationsOf(component);
      assert.ok(declarations.length > 0);
      const first = declarations[0]!.component;
      for (const declaration of declarations) {
        assert.deepEqual(declaration.component, first, `${address(declaration)} sits in another component`);
      }
      assert.equal(first.evseId, undefined);
      assert.equal(first.connectorId, undefined);
      assert.equal(first.instance, undefined);
      return first.name;
    });
    assert.deepEqual(names, CONTROLLER_NAMES);
  });

  it('no two declarations share component, variable and instance', () => {
    const seen = new Set<string>();
    for (const declaration of everyDeclaration()) {
      const key = address(declaration);
      assert.ok(!seen.has(key), `${key} is declared twice`);
      seen.add(key);
    }
  });

  it('a key names its variable and instance', () => {
    for (const component of STANDARDIZED_CONTROLLERS) {
      for (const [key, declaration] of Object.entries(component)) {
        const { name, instance } = declaration.variable;
        assert.equal(key, name + (instance ?? ''), `key ${key} for ${address(declaration)}`);
      }
    }
  });

  it('instanced helpers address the right component', () => {
    const custom = customImplementationEnabled('org.example.vendor');
    assert.equal(address(custom), 'CustomizationCtrlr.CustomImplementationEnabled[org.example.vendor]');
    assert.equal(custom.required, false);
    assert.deepEqual(custom.component, CustomizationCtrlr.Enabled.component);
    const field = fieldLength('Get15118EVCertificateResponse', 'exiResponse');
    assert.equal(address(field), 'OCPPCommCtrlr.FieldLength[Get15118EVCertificateResponse.exiResponse]');
    assert.equal(field.attributes[0]!.mutability, 'ReadOnly');
    assert.throws(() => customImplementationEnabled(''), RangeError);
  });
});

describe('standardized components: required variables per the specification', () => {
  it('every required variable of the table is declared, required, in its functional block', () => {
    const byAddress = new Map(allStationWide().map((declaration) => [address(declaration), declaration]));
    for (const [where, block] of Object.entries(REQUIRED_VARIABLES)) {
      const declaration = byAddress.get(where);
      assert.ok(declaration, `${where} is not declared`);
      assert.equal(declaration.required, true, `${where} is not required`);
      assert.equal(declaration.block, block, `${where} is in block ${declaration.block}`);
    }
  });

  it('nothing else is required', () => {
    const required = allStationWide()
      .filter((declaration) => declaration.required)
      .map(address)
      .sort();
    assert.deepEqual(required, Object.keys(REQUIRED_VARIABLES).sort());
  });

  it('every controller has an Enabled switch (Part 2, Referenced Components §1; TariffCostCtrlr per instance)', () => {
    for (const component of STANDARDIZED_CONTROLLERS) {
      const name = declarationsOf(component)[0]!.component.name;
      const switches = name === 'TariffCostCtrlr' ? ['EnabledTariff', 'EnabledCost'] : ['Enabled'];
      for (const key of switches) assert.ok(key in component, `${name} has no ${key}`);
    }
  });
});
