// The energy register of a reading in Wh.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { energyRegisterWh } from '../../../../src/blocks/metering/energy-register.js';

const at = '2026-01-01T00:00:00Z';

describe('energyRegisterWh', () => {
  it('reads the total import register, taking units and multipliers into account', () => {
    assert.equal(energyRegisterWh({ timestamp: at, sampledValue: [{ value: 1500 }] }), 1500);
    assert.equal(
      energyRegisterWh({ timestamp: at, sampledValue: [{ value: 1.5, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } }] }),
      1500,
    );
    assert.equal(energyRegisterWh({ timestamp: at, sampledValue: [{ value: 15, unitOfMeasure: { unit: 'Wh', multiplier: 2 } }] }), 1500);
  });

  it('ignores per-phase values and other measurands', () => {
    assert.equal(
      energyRegisterWh({
        timestamp: at,
        sampledValue: [
          { value: 500, phase: 'L1' },
          { value: 7000, measurand: 'Power.Active.Import' },
        ],
      }),
      undefined,
    );
  });
});
