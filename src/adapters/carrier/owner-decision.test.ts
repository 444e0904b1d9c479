import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decideOwner, type KycAnswer, type SimSwapAnswer } from './owner-decision.ts';

const allTrue: KycAnswer = {
  kind: 'match',
  idDocumentMatch: 'true',
  nameMatch: 'true',
  birthdateMatch: 'true',
};
const notSwapped: SimSwapAnswer = { kind: 'checked', swapped: false };

describe('decideOwner', () => {
  it('is owner only when every fact is an explicit "true" and the SIM was not swapped', () => {
    assert.deepEqual(decideOwner('viettel', allTrue, notSwapped), { outcome: 'owner', carrier: 'viettel' });
  });

  it('names each failed fact, in a fixed order, with the carrier', () => {
    assert.deepEqual(
      decideOwner(
        'mobifone',
        { kind: 'match', idDocumentMatch: 'false', nameMatch: 'true', birthdateMatch: 'false' },
        { kind: 'checked', swapped: true },
      ),
      { outcome: 'not_owner', carrier: 'mobifone', reasons: ['id_number', 'birth_date', 'recent_sim_swap'] },
    );
    assert.deepEqual(decideOwner('viettel', { ...allTrue, nameMatch: 'false' }, notSwapped), {
      outcome: 'not_owner',
      carrier: 'viettel',
      reasons: ['name'],
    });
  });

  it('treats "not_available" and missing match fields as not matching', () => {
    const decision = decideOwner('itel', { kind: 'match', idDocumentMatch: 'not_available' }, notSwapped);
    assert.deepEqual(decision, {
      outcome: 'not_owner',
      carrier: 'itel',
      reasons: ['id_number', 'name', 'birth_date'],
    });
    // A boolean true is not the CAMARA string "true": a carrier answering off-spec does not pass.
    assert.equal(
      decideOwner('itel', { ...allTrue, birthdateMatch: true as unknown as string }, notSwapped).outcome,
      'not_owner',
    );
  });

  it('maps an inactive line (422 SERVICE_NOT_APPLICABLE) to not_owner/inactive', () => {
    assert.deepEqual(decideOwner('vinaphone', { kind: 'not_applicable' }, { kind: 'not_applicable' }), {
      outcome: 'not_owner',
      carrier: 'vinaphone',
      reasons: ['inactive'],
    });
    assert.deepEqual(decideOwner('vinaphone', allTrue, { kind: 'not_applicable' }), {
      outcome: 'not_owner',
      carrier: 'vinaphone',
      reasons: ['inactive'],
    });
  });

  it('maps a 403 ID_DOCUMENT_MISMATCH to not_owner/id_number', () => {
    assert.deepEqual(decideOwner('viettel', { kind: 'id_document_mismatch' }, notSwapped), {
      outcome: 'not_owner',
      carrier: 'viettel',
      reasons: ['id_number'],
    });
  });

  it('says unknown_number when the carrier does not know the number', () => {
    assert.deepEqual(decideOwner('viettel', { kind: 'not_found' }, { kind: 'not_found' }), {
      outcome: 'unknown_number',
    });
    assert.deepEqual(decideOwner('viettel', { kind: 'not_found' }, { kind: 'failed' }), {
      outcome: 'unknown_number',
    });
    assert.deepEqual(decideOwner('viettel', { kind: 'failed' }, { kind: 'not_found' }), {
      outcome: 'unknown_number',
    });
  });

  it('passes on when a recent swap stops counting, with that reason only', () => {
    const waitEndsAt = new Date('2026-06-04T08:00:00Z');
    const swapped: SimSwapAnswer = { kind: 'checked', swapped: true, waitEndsAt };
    assert.deepEqual(decideOwner('viettel', allTrue, swapped), {
      outcome: 'not_owner',
      carrier: 'viettel',
      reasons: ['recent_sim_swap'],
      simChangeWaitEndsAt: waitEndsAt,
    });
    assert.deepEqual(decideOwner('viettel', { kind: 'not_applicable' }, notSwapped), {
      outcome: 'not_owner',
      carrier: 'viettel',
      reasons: ['inactive'],
    });
  });

  it('refuses without the second call when the first already refuses', () => {
    assert.deepEqual(decideOwner('viettel', { ...allTrue, nameMatch: 'false' }, { kind: 'failed' }), {
      outcome: 'not_owner',
      carrier: 'viettel',
      reasons: ['name'],
    });
    assert.deepEqual(decideOwner('viettel', { kind: 'failed' }, { kind: 'checked', swapped: true }), {
      outcome: 'not_owner',
      carrier: 'viettel',
      reasons: ['recent_sim_swap'],
    });
  });

  it('is carrier_unavailable when a needed answer is missing or the answers contradict each other', () => {
    for (const [kyc, swap] of [
      [allTrue, { kind: 'failed' }],
      [{ kind: 'failed' }, notSwapped],
      [{ kind: 'failed' }, { kind: 'failed' }],
      [allTrue, { kind: 'not_found' }],
    ] as Array<[KycAnswer, SimSwapAnswer]>) {
      assert.deepEqual(decideOwner('gmobile', kyc, swap), {
        outcome: 'carrier_unavailable',
        carrier: 'gmobile',
      });
    }
  });

  it('never says owner unless all three facts are "true" and swapped is false (property)', () => {
    const matchValue = fc.constantFrom<unknown>('true', 'false', 'not_available', undefined, true);
    const kyc: fc.Arbitrary<KycAnswer> = fc.oneof(
      fc.record({
        kind: fc.constant('match' as const),
        idDocumentMatch: matchValue,
        nameMatch: matchValue,
        birthdateMatch: matchValue,
      }),
      fc.constantFrom<KycAnswer>(
        { kind: 'not_found' },
        { kind: 'not_applicable' },
        { kind: 'id_document_mismatch' },
        { kind: 'failed' },
      ),
    );
    const swap: fc.Arbitrary<SimSwapAnswer> = fc.oneof(
      fc.record({ kind: fc.constant('checked' as const), swapped: fc.boolean() }),
      fc.constantFrom<SimSwapAnswer>({ kind: 'not_found' }, { kind: 'not_applicable' }, { kind: 'failed' }),
    );
    fc.assert(
      fc.property(kyc, swap, (k, s) => {
        const decision = decideOwner('viettel', k, s);
        const allMatch =
          k.kind === 'match' &&
          k.idDocumentMatch === 'true' &&
          k.nameMatch === 'true' &&
          k.birthdateMatch === 'true';
        const clean = s.kind === 'checked' && !s.swapped;
        assert.equal(decision.outcome === 'owner', allMatch && clean);
        if (decision.outcome === 'not_owner') assert.ok(decision.reasons.length > 0);
      }),
    );
  });
});
