import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideLogin, type HubSessionView, type LoginRequest, requestedLevel } from './hub-login.ts';

const now = new Date('2026-03-01T10:00:00Z');
const session = (overrides: Partial<HubSessionView> = {}): HubSessionView => ({
  accountId: 'account-1',
  acr: 'LoA1',
  amr: ['pwd'],
  authTime: new Date(now.getTime() - 10 * 60_000),
  ...overrides,
});
const request = (overrides: Partial<LoginRequest> = {}): LoginRequest => ({
  promptLogin: false,
  maxAge: undefined,
  acrValues: [],
  openedForThisRequest: false,
  now,
  ...overrides,
});

describe('whether the hub session answers an authorization without a page', () => {
  it('no session: sign in', () => {
    assert.deepEqual(decideLogin(undefined, request()), { outcome: 'sign-in-needed' });
  });

  it('a session: signed in with its acr, amr and auth_time (seconds)', () => {
    assert.deepEqual(decideLogin(session(), request()), {
      outcome: 'signed-in',
      login: { accountId: 'account-1', acr: 'LoA1', amr: ['pwd'], ts: now.getTime() / 1000 - 600 },
    });
  });

  it('prompt=login: only a session opened for this request', () => {
    assert.equal(decideLogin(session(), request({ promptLogin: true })).outcome, 'sign-in-needed');
    assert.equal(
      decideLogin(session(), request({ promptLogin: true, openedForThisRequest: true })).outcome,
      'signed-in',
    );
  });

  it('max_age: an older authentication signs in again; a recent one or one made for this request does not', () => {
    assert.equal(decideLogin(session(), request({ maxAge: 300 })).outcome, 'sign-in-needed');
    assert.equal(decideLogin(session(), request({ maxAge: 600 })).outcome, 'signed-in');
    assert.equal(
      decideLogin(session(), request({ maxAge: 0, openedForThisRequest: true })).outcome,
      'signed-in',
    );
  });

  it('acr_values=LoA2 on a LoA1 session: the missing factor; a LoA2 session or a request accepting LoA1: signed in', () => {
    assert.deepEqual(decideLogin(session(), request({ acrValues: ['LoA2'] })), {
      outcome: 'step-up-needed',
      accountId: 'account-1',
    });
    assert.equal(
      decideLogin(session({ acr: 'LoA2' }), request({ acrValues: ['LoA2'] })).outcome,
      'signed-in',
    );
    assert.equal(decideLogin(session(), request({ acrValues: ['LoA1', 'LoA2'] })).outcome, 'signed-in');
  });

  it('requestedLevel: the lowest level the request accepts, LoA1 for values the hub does not know', () => {
    assert.equal(requestedLevel([]), 1);
    assert.equal(requestedLevel(['LoA2']), 2);
    assert.equal(requestedLevel(['urn:other', 'LoA2']), 2);
    assert.equal(requestedLevel(['urn:other']), 1);
  });
});
