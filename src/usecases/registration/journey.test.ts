import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistrationRecord, RegistrationState } from '../ports/repositories.ts';
import { type JourneyAction, nextState, refusalOf, stepOf } from './journey.ts';

const ACTIONS: JourneyAction[] = [
  'verify_code',
  'resend_code',
  'set_password',
  'complete_signature',
  'refuse_signature',
  'update_signature',
];

describe('the registration journey state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = (state: RegistrationState) => ACTIONS.filter((a) => nextState(state, a)).sort();
    assert.deepEqual(allowed('code_sent'), ['resend_code', 'verify_code']);
    assert.deepEqual(allowed('code_verified'), ['set_password']);
    assert.deepEqual(allowed('completed'), []);
    assert.deepEqual(allowed('superseded'), []);
    assert.deepEqual(allowed('awaiting_signature'), [
      'complete_signature',
      'refuse_signature',
      'update_signature',
    ]);
    assert.deepEqual(allowed('refused'), []);
    assert.equal(nextState('awaiting_signature', 'complete_signature'), 'completed');
    assert.equal(nextState('awaiting_signature', 'refuse_signature'), 'refused');
    assert.equal(nextState('awaiting_signature', 'update_signature'), 'awaiting_signature');
    assert.equal(nextState('code_sent', 'verify_code'), 'code_verified');
    assert.equal(nextState('code_verified', 'set_password'), 'completed');
  });

  it('maps states to steps and hides expired or superseded registrations', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const record = (state: RegistrationState, expiresAt = '2026-01-01T10:15:00Z') =>
      ({ state, expiresAt: new Date(expiresAt) }) as RegistrationRecord;
    assert.equal(stepOf(record('code_sent'), now), 'otp');
    assert.equal(stepOf(record('code_verified'), now), 'password');
    assert.equal(stepOf(record('completed'), now), 'completed');
    assert.equal(stepOf(record('superseded'), now), undefined);
    assert.equal(stepOf(record('code_sent', '2026-01-01T10:00:00Z'), now), undefined);
  });

  it('shows an asynchronous registration awaiting, refused with its code, and superseded as refused SUPERSEDED', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const asynchronous = (state: RegistrationState, refusalCode: string | null = null) =>
      ({
        state,
        expiresAt: new Date('2026-01-01T10:15:00Z'),
        signatureExpiresAt: new Date('2026-01-01T10:02:00Z'),
        refusalCode,
      }) as RegistrationRecord;
    assert.equal(stepOf(asynchronous('awaiting_signature'), now), 'awaiting-signature');
    assert.equal(stepOf(asynchronous('refused', 'SIGNATURE_CANCELLED'), now), 'refused');
    assert.equal(refusalOf(asynchronous('refused', 'SIGNATURE_CANCELLED')), 'SIGNATURE_CANCELLED');
    assert.equal(stepOf(asynchronous('superseded'), now), 'refused');
    assert.equal(refusalOf(asynchronous('superseded')), 'SUPERSEDED');
  });
});
