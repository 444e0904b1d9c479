/** The portal's in-memory sessions: idle end, pending sign-ins forgotten, the cap, and back-channel logout. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemorySessionStore, type SignedInCitizen } from '../../src/portals/kit/sessions.ts';

function store(overrides: { maxSessions?: number } = {}) {
  let now = 1_000_000;
  const sessions = new MemorySessionStore({
    now: () => now,
    idleMs: 60_000,
    pendingMs: 10_000,
    maxSessions: overrides.maxSessions ?? 100,
  });
  return { sessions, advance: (ms: number) => (now += ms) };
}

const citizen = (sub: string, sid: string | undefined): SignedInCitizen => ({
  sub,
  sid,
  acr: 'LoA1',
  amr: ['pwd'],
  authTime: 1,
  claims: {},
  idToken: 'x.y.z',
});

describe('portal sessions', () => {
  it('ends a session idle longer than the limit, and keeps one in use', () => {
    const { sessions, advance } = store();
    const used = sessions.create();
    const idle = sessions.create();
    advance(40_000);
    assert.ok(sessions.get(used.id));
    advance(40_000);
    assert.ok(sessions.get(used.id), 'each visit restarts the idle time');
    assert.equal(sessions.get(idle.id), undefined);
  });

  it('forgets a sign-in not finished in time', () => {
    const { sessions, advance } = store();
    const session = sessions.create();
    session.pending = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/', startedAt: 1_000_000 };
    advance(11_000);
    assert.equal(sessions.get(session.id)?.pending, undefined);
  });

  it('keeps at most the cap, ending the longest idle first', () => {
    const { sessions } = store({ maxSessions: 2 });
    const first = sessions.create();
    const second = sessions.create();
    sessions.get(first.id);
    sessions.create();
    assert.equal(sessions.size, 2);
    assert.ok(sessions.get(first.id));
    assert.equal(sessions.get(second.id), undefined);
  });

  it('a back-channel logout by sid ends the sessions of that hub session only', () => {
    const { sessions } = store();
    const a = sessions.create();
    const b = sessions.create();
    const other = sessions.create();
    sessions.signIn(a, citizen('sub-1', 'sid-1'));
    sessions.signIn(b, citizen('sub-1', 'sid-1'));
    sessions.signIn(other, citizen('sub-1', 'sid-2'));
    assert.equal(sessions.endHubSession({ sid: 'sid-1', sub: 'sub-1' }), 2);
    assert.equal(sessions.get(a.id), undefined);
    assert.equal(sessions.get(b.id), undefined);
    assert.ok(sessions.get(other.id)?.citizen);
  });

  it('a logout naming a sid with another subject ends nothing; one naming the subject only ends all of its', () => {
    const { sessions } = store();
    const a = sessions.create();
    const b = sessions.create();
    sessions.signIn(a, citizen('sub-1', 'sid-1'));
    sessions.signIn(b, citizen('sub-1', 'sid-2'));
    assert.equal(sessions.endHubSession({ sid: 'sid-1', sub: 'sub-2' }), 0);
    assert.equal(sessions.endHubSession({ sid: undefined, sub: 'sub-1' }), 2);
    assert.equal(sessions.size, 0);
  });

  it('signing in again gives the session a new CSRF token', () => {
    const { sessions } = store();
    const session = sessions.create();
    const before = session.csrfToken;
    sessions.signIn(session, citizen('sub-1', 'sid-1'));
    assert.notEqual(session.csrfToken, before);
  });
});
