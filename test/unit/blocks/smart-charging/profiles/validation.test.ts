// validateChargingProfile: the K01 rules about the profile as a whole (and the K05 / F01 rules for a remote
// start's profile): purposes, ids, EVSEs, transactions, stack levels, validity, duplicates and room, each with the
// requirement it names and the reason code the response carries. Schedules and phases: validation-schedules.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateChargingProfile } from '../../../../../src/blocks/smart-charging/profiles/validation.js';
import type { ChargingProfileType } from '../../../../../src/messages/types.js';
import { LIMITS, START, stationMax, txDefault, txProfile } from './support.js';
import { context, stored, assertValid, assertRejected, deepFreeze } from './validation-helpers.js';

describe('validateChargingProfile: accepted profiles', () => {
  it('K01.FR.08/K01.FR.14/K01.FR.15 a TxDefaultProfile on EVSE 0 or on an EVSE', () => {
    assertValid(validateChargingProfile(txDefault(1), 0, context()));
    assertValid(validateChargingProfile(txDefault(1), 1, context()));
  });

  it('K04.FR.03 a ChargingStationMaxProfile on EVSE 0', () => {
    assertValid(validateChargingProfile(stationMax(1), 0, context()));
  });

  it('K01.FR.01/K01.FR.04 a TxProfile with the transactionId of the transaction on its EVSE', () => {
    assertValid(validateChargingProfile(txProfile(1, 'tx-1'), 1, context({ running: { 1: 'tx-1' } })));
  });

  it('K01.FR.10 a profile without validFrom and validTo, and one that only becomes valid later', () => {
    assertValid(validateChargingProfile(txDefault(1), 1, context()));
    assertValid(validateChargingProfile(txDefault(2, { validFrom: '2026-04-01T00:00:00Z' }), 1, context()));
  });

  it('Recurring Daily and Weekly with a startSchedule', () => {
    assertValid(validateChargingProfile(txDefault(1, { chargingProfileKind: 'Recurring', recurrencyKind: 'Daily' }), 0, context()));
    assertValid(validateChargingProfile(txDefault(2, { chargingProfileKind: 'Recurring', recurrencyKind: 'Weekly' }), 1, context()));
  });

  it('does not change what it is given', () => {
    const profile = deepFreeze(txProfile(1, 'tx-1'));
    const installed = deepFreeze([stored(1, txDefault(2))]);
    assertValid(validateChargingProfile(profile, 1, context({ running: { 1: 'tx-1' }, installed })));
  });
});

describe('validateChargingProfile: who may send which purpose', () => {
  it('K01.FR.22 ChargingStationExternalConstraints from the CSMS: Rejected, InvalidProfile', () => {
    const profile = stationMax(1, { chargingProfilePurpose: 'ChargingStationExternalConstraints' });
    assertRejected(validateChargingProfile(profile, 0, context()), 'K01.FR.22', 'InvalidProfile');
  });

  it('K11 a local limit is a ChargingStationExternalConstraints profile, and may be one', () => {
    const external = stationMax(1, { chargingProfilePurpose: 'ChargingStationExternalConstraints' });
    assertValid(validateChargingProfile(external, 0, context({ origin: 'External' })));
    assertRejected(validateChargingProfile(txDefault(2), 0, context({ origin: 'External' })), 'K11', 'InvalidProfile');
  });

  it('K05.FR.02 the profile of a RequestStartTransaction must be a TxProfile', () => {
    assertRejected(validateChargingProfile(txDefault(1), 1, context({ origin: 'RequestStartTransaction' })), 'K05.FR.02', 'InvalidProfile');
  });

  it('F01.FR.11 the profile of a RequestStartTransaction carries no transactionId, and needs no transaction yet', () => {
    assertRejected(
      validateChargingProfile(txProfile(1, 'tx-1'), 1, context({ origin: 'RequestStartTransaction', running: { 1: 'tx-1' } })),
      'F01.FR.11',
      'InvalidProfile',
    );
    assertValid(validateChargingProfile(txProfile(1, undefined), 1, context({ origin: 'RequestStartTransaction' })));
  });
});

describe('validateChargingProfile: ids (K01.FR.05)', () => {
  it('K01.FR.05 a known id replaces the installed profile, whatever its EVSE, purpose or stack level', () => {
    const old = stored(0, stationMax(7));
    const verdict = validateChargingProfile(txDefault(7, { stackLevel: 3 }), 1, context({ installed: [old] }));
    assert.deepEqual(verdict, { valid: true, replaces: old });
  });

  it('K01.FR.05 the CSMS cannot replace an external constraint: Rejected, InvalidProfile', () => {
    const external = stored(0, stationMax(7, { chargingProfilePurpose: 'ChargingStationExternalConstraints' }));
    assertRejected(validateChargingProfile(txDefault(7), 1, context({ installed: [external] })), 'K01.FR.05', 'InvalidProfile');
  });

  it('K01.FR.05 (errata K11) a local system may replace its external constraint by id', () => {
    const profile = stationMax(7, { chargingProfilePurpose: 'ChargingStationExternalConstraints' });
    const verdict = validateChargingProfile(profile, 0, context({ origin: 'External', installed: [stored(0, profile)] }));
    assert.equal(verdict.valid && verdict.replaces?.profile.id, 7);
  });
});

describe('validateChargingProfile: EVSE and purpose', () => {
  it('K01.FR.28 an EVSE that does not exist: Rejected, UnknownEvse', () => {
    assertRejected(validateChargingProfile(txDefault(1), 4, context()), 'K01.FR.28', 'UnknownEvse');
    assertRejected(validateChargingProfile(txDefault(1), -1, context()), 'K01.FR.28', 'UnknownEvse');
  });

  it('K04.FR.03 a ChargingStationMaxProfile on an EVSE other than 0: Rejected, InvalidProfile', () => {
    assertRejected(validateChargingProfile(stationMax(1), 1, context()), 'K04.FR.03', 'InvalidProfile');
  });

  it('K01.FR.38 a Relative ChargingStationMaxProfile: Rejected, InvalidProfile', () => {
    const relative = stationMax(1, { chargingProfileKind: 'Relative', chargingSchedule: txProfile(1, 'x').chargingSchedule });
    assertRejected(validateChargingProfile(relative, 0, context()), 'K01.FR.38', 'InvalidProfile');
  });

  it('K01.FR.16 a TxProfile on EVSE 0: Rejected, InvalidProfile', () => {
    assertRejected(validateChargingProfile(txProfile(1, 'tx-1'), 0, context({ running: { 1: 'tx-1' } })), 'K01.FR.16', 'InvalidProfile');
  });

  it('2.10 ChargingProfileType: only a TxProfile carries a transactionId', () => {
    const profile = txDefault(1, { transactionId: 'tx-1' });
    assertRejected(validateChargingProfile(profile, 1, context({ running: { 1: 'tx-1' } })), '2.10 ChargingProfileType', 'InvalidProfile');
  });
});

describe('validateChargingProfile: TxProfile and its transaction', () => {
  it('K01.FR.03 a TxProfile without transactionId: Rejected, MissingParam', () => {
    assertRejected(validateChargingProfile(txProfile(1, undefined), 1, context({ running: { 1: 'tx-1' } })), 'K01.FR.03', 'MissingParam');
  });

  it('K01.FR.09 a TxProfile for an EVSE without an active transaction: Rejected, TxNotFound', () => {
    assertRejected(validateChargingProfile(txProfile(1, 'tx-1'), 1, context()), 'K01.FR.09', 'TxNotFound');
  });

  it('K01.FR.33 a transactionId that is not known, or runs on another EVSE: Rejected, TxNotFound', () => {
    const running = { 1: 'tx-1', 3: 'tx-3' };
    assertRejected(validateChargingProfile(txProfile(1, 'tx-9'), 1, context({ running })), 'K01.FR.33', 'TxNotFound');
    assertRejected(validateChargingProfile(txProfile(1, 'tx-3'), 1, context({ running })), 'K01.FR.33', 'TxNotFound');
  });

  it('K15.FR.17 a TxProfile before the EV of an ISO 15118 session sent its charging needs: Rejected, InvalidMessageSeq', () => {
    const iso15118 = { tooEarlyFor: (evseId: number, profile: ChargingProfileType) => evseId === 1 && profile.chargingProfilePurpose === 'TxProfile' };
    const running = { 1: 'tx-1', 3: 'tx-3' };
    assertRejected(validateChargingProfile(txProfile(1, 'tx-1'), 1, context({ running, iso15118 })), 'K15.FR.17', 'InvalidMessageSeq');
    assertValid(validateChargingProfile(txProfile(1, 'tx-3'), 3, context({ running, iso15118 })));
    assertValid(validateChargingProfile(txDefault(2), 1, context({ running, iso15118 })));
  });

  it('K01.FR.39 a second TxProfile with the stack level of another for the same transaction: Rejected, DuplicateProfile', () => {
    const installed = [stored(1, txProfile(1, 'tx-1'))];
    const running = { 1: 'tx-1' };
    assertRejected(validateChargingProfile(txProfile(2, 'tx-1'), 1, context({ running, installed })), 'K01.FR.39', 'DuplicateProfile');
    assertValid(validateChargingProfile(txProfile(2, 'tx-1', { stackLevel: 1 }), 1, context({ running, installed })));
    assertValid(validateChargingProfile(txProfile(1, 'tx-1', { stackLevel: 0 }), 1, context({ running, installed })));
  });
});

describe('validateChargingProfile: stack level, kind and validity', () => {
  it('SmartChargingCtrlr.ProfileStackLevel: a stackLevel above it, or below 0: Rejected, InvalidStackLevel', () => {
    const verdictAt = (stackLevel: number) => validateChargingProfile(txDefault(1, { stackLevel }), 1, context());
    assertRejected(verdictAt(11), 'SmartChargingCtrlr.ProfileStackLevel', 'InvalidStackLevel');
    assertRejected(verdictAt(-1), 'SmartChargingCtrlr.ProfileStackLevel', 'InvalidStackLevel');
    assertValid(verdictAt(10));
    assertRejected(
      validateChargingProfile(txDefault(1, { stackLevel: 3 }), 1, context({ limits: { ...LIMITS, maxStackLevel: 2 } })),
      'SmartChargingCtrlr.ProfileStackLevel',
      'InvalidStackLevel',
    );
  });

  it('3.3 recurrencyKind goes with Recurring only, and Recurring needs one: Rejected, InvalidProfile', () => {
    assertRejected(validateChargingProfile(txDefault(1, { recurrencyKind: 'Daily' }), 1, context()), '3.3 Recurring', 'InvalidProfile');
    assertRejected(validateChargingProfile(txDefault(1, { chargingProfileKind: 'Recurring' }), 1, context()), '3.3 Recurring', 'InvalidProfile');
  });

  it('K01.FR.36/37 validFrom not before validTo: Rejected, InvalidProfile', () => {
    const same = txDefault(1, { validFrom: '2026-03-02T00:00:00Z', validTo: '2026-03-02T00:00:00Z' });
    const reversed = txDefault(1, { validFrom: '2026-03-03T00:00:00Z', validTo: '2026-03-02T00:00:00Z' });
    assertRejected(validateChargingProfile(same, 1, context()), 'K01.FR.36/37', 'InvalidProfile');
    assertRejected(validateChargingProfile(reversed, 1, context()), 'K01.FR.36/37', 'InvalidProfile');
  });

  it('K01.FR.37 a profile whose validTo has already passed: Rejected, InvalidProfile', () => {
    assertRejected(validateChargingProfile(txDefault(1, { validTo: START }), 1, context()), 'K01.FR.37', 'InvalidProfile');
    assertValid(validateChargingProfile(txDefault(1, { validTo: '2026-03-01T12:00:01.000Z' }), 1, context()));
  });
});

describe('validateChargingProfile: duplicates', () => {
  it('K01.FR.06 the stackLevel, purpose and EVSE of another profile with an overlapping validity: Rejected, DuplicateProfile', () => {
    const installed = [stored(1, txDefault(1, { validFrom: '2026-03-02T00:00:00Z', validTo: '2026-03-03T00:00:00Z' }))];
    const overlapping = txDefault(2, { validFrom: '2026-03-02T12:00:00Z' });
    assertRejected(validateChargingProfile(overlapping, 1, context({ installed })), 'K01.FR.06', 'DuplicateProfile');
    assertRejected(validateChargingProfile(txDefault(2), 1, context({ installed })), 'K01.FR.06', 'DuplicateProfile');
    assertRejected(
      validateChargingProfile(stationMax(3), 0, context({ installed: [stored(0, stationMax(9))] })),
      'K01.FR.06',
      'DuplicateProfile',
    );
  });

  it('K01.FR.06 is satisfied by validity periods that do not overlap, another EVSE, another stack level or another purpose', () => {
    const installed = [stored(1, txDefault(1, { validFrom: '2026-03-02T00:00:00Z', validTo: '2026-03-03T00:00:00Z' }))];
    assertValid(validateChargingProfile(txDefault(2, { validTo: '2026-03-02T00:00:00Z' }), 1, context({ installed })));
    assertValid(validateChargingProfile(txDefault(2, { validFrom: '2026-03-03T00:00:00Z' }), 1, context({ installed })));
    assertValid(validateChargingProfile(txDefault(2), 3, context({ installed })));
    assertValid(validateChargingProfile(txDefault(2, { stackLevel: 1 }), 1, context({ installed })));
  });

  it('K01.FR.06 an installed profile whose validity has ended does not count', () => {
    const installed = [stored(1, txDefault(1, { validFrom: '2026-02-01T00:00:00Z', validTo: '2026-03-01T11:00:00Z' }))];
    assertValid(validateChargingProfile(txDefault(2), 1, context({ installed })));
  });

  it('K01.FR.52 a TxDefaultProfile on EVSE 0 with the stack level of one on an EVSE: Rejected, DuplicateProfile', () => {
    const installed = [stored(1, txDefault(1, { stackLevel: 2 }))];
    assertRejected(validateChargingProfile(txDefault(2, { stackLevel: 2 }), 0, context({ installed })), 'K01.FR.52', 'DuplicateProfile');
    assertValid(validateChargingProfile(txDefault(2, { stackLevel: 1 }), 0, context({ installed })));
  });

  it('K01.FR.53 a TxDefaultProfile on an EVSE with the stack level of one on EVSE 0: Rejected, DuplicateProfile', () => {
    const installed = [stored(0, txDefault(1, { stackLevel: 2 }))];
    assertRejected(validateChargingProfile(txDefault(2, { stackLevel: 2 }), 3, context({ installed })), 'K01.FR.53', 'DuplicateProfile');
    // Replacing the station-wide one by its id is fine (K01.FR.05).
    assertValid(validateChargingProfile(txDefault(1, { stackLevel: 2 }), 3, context({ installed })));
  });
});

describe('validateChargingProfile: room', () => {
  it('SmartChargingCtrlr.Entries[ChargingProfiles] full: Rejected, OutOfStorage; replacing one still fits', () => {
    const limits = { ...LIMITS, capacity: 2 };
    const installed = [stored(1, txDefault(1)), stored(3, txDefault(2))];
    assertRejected(
      validateChargingProfile(stationMax(3), 0, context({ limits, installed })),
      'SmartChargingCtrlr.Entries[ChargingProfiles]',
      'OutOfStorage',
    );
    assertValid(validateChargingProfile(txDefault(2, { stackLevel: 4 }), 3, context({ limits, installed })));
  });
});
