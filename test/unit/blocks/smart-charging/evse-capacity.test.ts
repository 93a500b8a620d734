// Issue 10 item 16: the limit the hardware is told is cut to what the EVSE can deliver (EVSE.Power maxLimit,
// EVSE.SupplyPhases), whatever the profiles or the composite default (48 A / 33120 W) allow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { capToEvse, defaultsFor } from '../../../../src/blocks/smart-charging/evse-capacity.js';

const DEFAULT = { amps: 48, watts: 33_120 };

describe('capToEvse: the limit in force cut to the EVSE', () => {
  it('11, 22 and 50 kW (the last DC) each get their own limit, not 48 A / 33120 W', () => {
    assert.deepEqual(capToEvse(DEFAULT, { maxPowerW: 11_040, phases: 3 }), { amps: 16, watts: 11_040, numberPhases: 3 });
    assert.deepEqual(capToEvse(DEFAULT, { maxPowerW: 22_080, phases: 3 }), { amps: 32, watts: 22_080, numberPhases: 3 });
    assert.deepEqual(capToEvse(DEFAULT, { maxPowerW: 50_000, phases: 0 }), { amps: 48, watts: 33_120 }, 'DC: watts only');
    const dc = defaultsFor({ maxPowerW: 50_000, phases: 0 });
    assert.deepEqual([dc.limitAmps, dc.limitWatts], [48, 50_000], 'where no profile applies, a DC EVSE may deliver its 50 kW');
    const ac = defaultsFor({ maxPowerW: 11_040, phases: 1 });
    assert.deepEqual([ac.limitAmps, ac.limitWatts, ac.numberPhases], [48, 11_040, 1]);
  });

  it('a single-phase EVSE gets one phase and its amps over that phase; amps round down', () => {
    assert.deepEqual(capToEvse(DEFAULT, { maxPowerW: 7_360, phases: 1 }), { amps: 32, watts: 7_360, numberPhases: 1 });
    assert.deepEqual(capToEvse(DEFAULT, { maxPowerW: 11_000, phases: 3 }), { amps: 15.9, watts: 11_000, numberPhases: 3 });
  });

  it('a lower limit stays as it is; a profile on one phase of a three-phase EVSE keeps its one phase', () => {
    assert.deepEqual(capToEvse({ amps: 10, watts: 6_900, numberPhases: 3 }, { maxPowerW: 22_080, phases: 3 }), { amps: 10, watts: 6_900, numberPhases: 3 });
    assert.deepEqual(capToEvse({ amps: 40, watts: 9_200, numberPhases: 1 }, { maxPowerW: 22_080, phases: 3 }), { amps: 40, watts: 9_200, numberPhases: 1 });
  });

  it('an EVSE of unknown capacity is not cut', () => {
    assert.deepEqual(capToEvse(DEFAULT, {}), DEFAULT);
  });
});
