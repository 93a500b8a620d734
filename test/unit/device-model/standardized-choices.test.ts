// The standardized components: the values and limits the stack relies on, and the EVSE / Connector components
// of the station layout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declarationsOf } from '../../../src/device-model/declare.js';
import { variableKey, type OptionalVariable, type RequiredVariable } from '../../../src/device-model/types.js';
import {
  AuthCtrlr,
  ChargingStation,
  ClockCtrlr,
  MEASURANDS,
  MEASURAND_LIST_MAX_LENGTH,
  NETWORK_CONFIGURATION_SLOTS,
  OCPPCommCtrlr,
  SampledDataCtrlr,
  SecurityCtrlr,
  TX_START_POINTS,
  TX_STOP_POINTS,
  TxCtrlr,
  connectorComponent,
  evseComponent,
} from '../../../src/device-model/standardized/index.js';
import { DEFAULT_LINK_SETTINGS } from '../../../src/link/link-settings.js';

describe('standardized components: choices the stack relies on', () => {
  it('OCPPCommCtrlr defaults match the link defaults', () => {
    const value = <T>(declaration: { codec: { parse(text: string): T }; attributes: readonly { defaultValue?: string }[] }) =>
      declaration.codec.parse(declaration.attributes[0]!.defaultValue!);
    assert.equal(value(OCPPCommCtrlr.MessageTimeoutDefault), DEFAULT_LINK_SETTINGS.messageTimeoutSeconds);
    assert.equal(value(OCPPCommCtrlr.MessageAttemptsTransactionEvent), DEFAULT_LINK_SETTINGS.transactionMessageAttempts);
    assert.equal(
      value(OCPPCommCtrlr.MessageAttemptIntervalTransactionEvent),
      DEFAULT_LINK_SETTINGS.transactionMessageAttemptIntervalSeconds,
    );
    assert.equal(value(OCPPCommCtrlr.QueueAllMessages), DEFAULT_LINK_SETTINGS.queueAllMessages);
    assert.equal(value(OCPPCommCtrlr.RetryBackOffWaitMinimum), DEFAULT_LINK_SETTINGS.retryBackOffWaitMinimumSeconds);
    assert.equal(value(OCPPCommCtrlr.RetryBackOffRandomRange), DEFAULT_LINK_SETTINGS.retryBackOffRandomRangeSeconds);
    assert.equal(value(OCPPCommCtrlr.RetryBackOffRepeatTimes), DEFAULT_LINK_SETTINGS.retryBackOffRepeatTimes);
    assert.equal(value(OCPPCommCtrlr.WebSocketPingInterval), DEFAULT_LINK_SETTINGS.webSocketPingIntervalSeconds);
    assert.equal(value(OCPPCommCtrlr.NetworkProfileConnectionAttempts), DEFAULT_LINK_SETTINGS.networkProfileConnectionAttempts);
    assert.deepEqual(value(OCPPCommCtrlr.NetworkConfigurationPriority), DEFAULT_LINK_SETTINGS.networkConfigurationPriority);
  });

  it('NetworkConfigurationPriority is a SequenceList of slot numbers that reports the slots', () => {
    const priority = OCPPCommCtrlr.NetworkConfigurationPriority;
    assert.equal(priority.characteristics.dataType, 'SequenceList');
    assert.equal(priority.characteristics.valuesList, NETWORK_CONFIGURATION_SLOTS.join(','));
    assert.deepEqual(priority.codec.parse('2, 1'), [2, 1]);
    assert.equal(priority.codec.format([3, 1]), '3,1');
  });

  it('measurand lists are MemberLists of every measurand', () => {
    assert.equal(MEASURANDS.length, 25);
    for (const declaration of [
      SampledDataCtrlr.TxStartedMeasurands,
      SampledDataCtrlr.TxUpdatedMeasurands,
      SampledDataCtrlr.TxEndedMeasurands,
    ]) {
      assert.equal(declaration.characteristics.dataType, 'MemberList');
      assert.equal(declaration.characteristics.valuesList, MEASURANDS.join(','));
      assert.equal(declaration.maxLength, MEASURAND_LIST_MAX_LENGTH);
    }
  });

  it('TxStartPoint / TxStopPoint are MemberLists of the start/stop events (DataSigned only starts)', () => {
    assert.equal(TxCtrlr.TxStartPoint.characteristics.dataType, 'MemberList');
    assert.deepEqual(TxCtrlr.TxStartPoint.characteristics.valuesList?.split(',').sort(), [...TX_START_POINTS].sort());
    assert.deepEqual(
      [...TX_START_POINTS].sort(),
      ['Authorized', 'DataSigned', 'EVConnected', 'EnergyTransfer', 'ParkingBayOccupancy', 'PowerPathClosed'],
    );
    assert.deepEqual(TxCtrlr.TxStopPoint.characteristics.valuesList?.split(','), [...TX_STOP_POINTS]);
    assert.ok(!(TX_STOP_POINTS as readonly string[]).includes('DataSigned'));
  });

  it('ClockCtrlr.DateTime is read-only, not persistent and not monitored', () => {
    const [actual] = ClockCtrlr.DateTime.attributes;
    assert.equal(actual!.mutability, 'ReadOnly');
    assert.equal(actual!.persistent, false);
    assert.equal(actual!.defaultValue, undefined);
    assert.equal(ClockCtrlr.DateTime.characteristics.dataType, 'dateTime');
  });

  it('SecurityCtrlr: write-only password, read-only persistent security profile, optional identity', () => {
    const password = SecurityCtrlr.BasicAuthPassword;
    assert.equal(password.attributes[0]!.mutability, 'WriteOnly');
    assert.equal(password.attributes[0]!.persistent, true);
    assert.equal(password.maxLength, 40);
    assert.equal(password.minLength, 16, 'A00.FR.205: 16 characters at least');
    assert.equal(password.characteristics.supportsMonitoring, false);
    assert.equal(password.required, false);
    const profile = SecurityCtrlr.SecurityProfile;
    assert.equal(profile.attributes[0]!.mutability, 'ReadOnly');
    assert.equal(profile.attributes[0]!.persistent, true);
    assert.equal(profile.required, true);
    assert.equal(SecurityCtrlr.Identity.required, false);
    assert.equal(SecurityCtrlr.Identity.maxLength, 48);
  });

  it('AuthCtrlr.Enabled is an optional read-write boolean that defaults to true', () => {
    assert.equal(AuthCtrlr.Enabled.required, false);
    assert.equal(AuthCtrlr.Enabled.attributes[0]!.mutability, 'ReadWrite');
    assert.equal(AuthCtrlr.Enabled.attributes[0]!.defaultValue, 'true');
  });

  it('declarations are typed handles: required ones read as T, optional ones as T | undefined', () => {
    // Compile-time checks; the assignments fail to type-check if a required flag or a value type changes.
    const timeout: RequiredVariable<number> = OCPPCommCtrlr.MessageTimeoutDefault;
    const heartbeat: OptionalVariable<number> = OCPPCommCtrlr.HeartbeatInterval;
    const priority: RequiredVariable<number[]> = OCPPCommCtrlr.NetworkConfigurationPriority;
    const startPoints: RequiredVariable<(typeof TX_START_POINTS)[number][]> = TxCtrlr.TxStartPoint;
    const dateTime: RequiredVariable<Date> = ClockCtrlr.DateTime;
    const state: RequiredVariable<string> = evseComponent(1).AvailabilityState;
    assert.deepEqual(
      [timeout, heartbeat, priority, startPoints, dateTime, state].map((declaration) => declaration.required),
      [true, false, true, true, true, true],
    );
  });
});

describe('EVSE and Connector components', () => {
  it('evseComponent(evseId) sits on the EVSE tier with the spec required flags', () => {
    const evse = evseComponent(2);
    for (const declaration of declarationsOf(evse)) {
      assert.deepEqual(declaration.component, { name: 'EVSE', evseId: 2 });
      assert.equal(declaration.block, 'Core');
    }
    const required = declarationsOf(evse)
      .filter((declaration) => declaration.required)
      .map((declaration) => variableKey(declaration.variable))
      .sort();
    assert.deepEqual(required, ['AvailabilityState', 'Available', 'Power', 'SupplyPhases']);
    assert.deepEqual(evse.Power.attributes.map((attribute) => attribute.type), ['Actual', 'MaxSet']);
    assert.equal(evse.Power.characteristics.unit, 'W');
    assert.equal(evse.AvailabilityState.characteristics.valuesList, 'Available,Occupied,Reserved,Unavailable,Faulted');
    assert.equal(evse.ISO15118EvseId.required, false);
  });

  it('evseComponent takes the layout: Power maxLimit and MaxSet, SupplyPhases', () => {
    const evse = evseComponent(1, { maxPower: 11000, supplyPhases: 3 });
    assert.equal(evse.Power.characteristics.maxLimit, 11000);
    assert.equal(evse.Power.attributes.find((attribute) => attribute.type === 'MaxSet')?.defaultValue, '11000');
    assert.equal(evse.SupplyPhases.attributes[0]!.defaultValue, '3');
    assert.equal(evseComponent(1).Power.characteristics.maxLimit, undefined);
  });

  it('connectorComponent(evseId, connectorId) sits on the connector tier with the spec required flags', () => {
    const connector = connectorComponent(1, 2, { connectorType: 'sType2', supplyPhases: 3 });
    for (const declaration of declarationsOf(connector)) {
      assert.deepEqual(declaration.component, { name: 'Connector', evseId: 1, connectorId: 2 });
    }
    const required = declarationsOf(connector)
      .filter((declaration) => declaration.required)
      .map((declaration) => variableKey(declaration.variable))
      .sort();
    assert.deepEqual(required, ['AvailabilityState', 'Available', 'ConnectorType', 'SupplyPhases']);
    assert.equal(connector.ConnectorType.attributes[0]!.defaultValue, 'sType2');
    assert.equal(connector.ConnectorType.characteristics.dataType, 'string');
  });

  it('refuses ids the station cannot have', () => {
    assert.throws(() => evseComponent(0), RangeError);
    assert.throws(() => evseComponent(1.5), RangeError);
    assert.throws(() => connectorComponent(1, 0), RangeError);
    assert.throws(() => connectorComponent(0, 1), RangeError);
  });

  it('the ChargingStation component shares the availability vocabulary', () => {
    assert.deepEqual(ChargingStation.AvailabilityState.characteristics.valuesList, 'Available,Occupied,Reserved,Unavailable,Faulted');
    assert.equal(ChargingStation.AvailabilityState.attributes[0]!.mutability, 'ReadOnly');
  });
});
