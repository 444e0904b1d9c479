// The Vietnam Post use cases on fakes: a stand-in PostID port that answers what each test says, the accounts and
// population registry of the registration doubles, the real embedded store and sessions on a manual clock.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  type RegistrationDoubles,
  registrationDoubles,
  requestFrom,
} from '../../../../test/support/registration-fakes.ts';
import { createSessions } from '../../../usecases/accounts/sessions.ts';
import { failure, success } from '../../../usecases/outcome.ts';
import type {
  FederatedIdentity,
  FederatedIdentityProvider,
  FederationAnswer,
  FederationTransaction,
} from '../../../usecases/ports/federated-identity-provider.ts';
import { cryptoRandom } from '../../../usecases/ports/random.ts';
import type { RegisterVerified } from './contracts.ts';
import { createVnpostFederation, type VnpostFederation } from './vnpost-federation.ts';

const context = requestFrom();

const approved = (overrides: Partial<FederatedIdentity> = {}): FederatedIdentity => ({
  subject: 'postid-sub-1',
  idNumber: '001190012345',
  fullName: 'Lê Thị Mai',
  birthDate: '1990-05-17',
  phoneNumber: '+84912345678',
  sex: 'F',
  approval: 'approved',
  rejectionReason: null,
  levels: { idNumber: 3, fullName: 3, birthDate: 3, phoneNumber: 2 },
  ...overrides,
});

/** PostID as a port: the authorization URL names the state; `answer` is what the next callback gives. */
class StandInPostId implements FederatedIdentityProvider {
  readonly id = 'vnpost';
  down = false;
  answer: FederationAnswer = { outcome: 'identity', identity: approved() };
  readonly finished: FederationTransaction[] = [];
  async authorizationUrl(transaction: FederationTransaction) {
    return this.down ? undefined : `https://postid.example/auth?state=${transaction.state}`;
  }
  async finish(_callback: URL, transaction: FederationTransaction) {
    this.finished.push(transaction);
    return this.answer;
  }
  async ping() {}
}

describe('Vietnam Post: registration, sign-in and link through PostID', () => {
  let doubles: RegistrationDoubles;
  let postId: StandInPostId;
  let federation: VnpostFederation;
  let registered: Parameters<RegisterVerified>[0][];

  beforeEach(() => {
    doubles = registrationDoubles();
    postId = new StandInPostId();
    registered = [];
    const sessions = createSessions({
      store: doubles.store,
      protector: doubles.protector,
      random: cryptoRandom,
      clock: doubles.clock,
    });
    // The shared tail (C3) as far as this method relies on it: one account per ID number, with its credential.
    const registerVerified: RegisterVerified = async (input) => {
      registered.push(input);
      const accountId = crypto.randomUUID();
      const { protector } = doubles;
      const subject = input.subject;
      const inserted = doubles.accounts.tryInsert({
        id: accountId,
        kind: 'citizen',
        subjectIndex: protector.blindIndex('id', subject.idNumber),
        idNumberEnc: protector.encrypt(subject.idNumber),
        fullNameEnc: protector.encrypt(subject.fullName),
        birthDateEnc: subject.birthDate && protector.encrypt(subject.birthDate),
        registrationMethod: input.method,
        phone: null,
        claims: subject.claims,
        credential: input.credential(accountId),
        createdAt: doubles.clock.now(),
      });
      if (inserted !== 'inserted') return failure('ACCOUNT_EXISTS');
      return success({
        accountId,
        username: subject.idNumber,
        accountType: 'citizen',
        displayName: subject.fullName,
      });
    };
    federation = createVnpostFederation({
      provider: postId,
      population: doubles.population,
      accounts: doubles.accounts,
      store: doubles.store,
      protector: doubles.protector,
      random: cryptoRandom,
      clock: doubles.clock,
      registerVerified,
      openSession: async (accountId) =>
        success({ session: await sessions.create(accountId, { amr: ['fed'], acr: 'LoA1' }) }),
      audit: doubles.audit,
      metrics: doubles.metrics,
    });
  });

  /** A trip to PostID and back, with whatever PostID answers. */
  async function roundTrip(purpose: 'register' | 'sign-in' | 'link' = 'register', accountId?: string) {
    const started = await federation.start(purpose, {
      uiLocales: 'vi',
      ...(accountId && { accountId }),
    });
    assert.equal(started.kind, 'redirect');
    if (started.kind !== 'redirect') throw new Error('unreachable');
    const state = new URL(started.url).searchParams.get('state') ?? '';
    const callback = new URL(`https://hub.example/vnpost/callback?code=c&state=${state}`);
    return { handle: started.handle, callback };
  }

  it('asks consent before anything is created, then creates the linked account and signs it in (fed)', async () => {
    const { handle, callback } = await roundTrip();
    assert.deepEqual(await federation.returnFrom(handle, callback, undefined, context), { kind: 'consent' });
    assert.equal(doubles.accounts.all().length, 0, 'nothing before consent');
    assert.deepEqual(await federation.consentView(handle), {
      purpose: 'register',
      fullName: 'Lê Thị Mai',
      idNumber: '001190012345',
      birthDate: '1990-05-17',
      maskedPhone: '091****678',
    });
    const decided = await federation.decide(handle, true, context);
    assert.equal(decided.kind, 'created');
    if (decided.kind !== 'created') return;
    assert.deepEqual(decided.session?.amr, ['fed']);
    assert.equal(decided.username, '001190012345');
    const [account] = doubles.accounts.all();
    assert.deepEqual(
      account?.credentials.map((c) => [c.type, c.identifier]),
      [['federated', 'vnpost:postid-sub-1']],
    );
    assert.deepEqual(account?.claims, [
      { claim: 'idNumber', source: 'VNPOST', level: 3 },
      { claim: 'fullName', source: 'VNPOST', level: 3 },
      { claim: 'birthDate', source: 'VNPOST', level: 3 },
      { claim: 'phoneNumber', source: 'VNPOST', level: 2 },
    ]);
    assert.equal(registered[0]?.subject.phoneNumber, '+84912345678');
    assert.deepEqual(
      await federation.decide(handle, true, context),
      { kind: 'expired' },
      'consent taken once',
    );
  });

  it('creates nothing when the citizen declines', async () => {
    const { handle, callback } = await roundTrip();
    await federation.returnFrom(handle, callback, undefined, context);
    assert.deepEqual(await federation.decide(handle, false, context), { kind: 'declined' });
    assert.equal(doubles.accounts.all().length, 0);
    assert.equal(await federation.consentView(handle), undefined);
  });

  it('sends pending and rejected identities to their pages, creating nothing and telling no account', async () => {
    doubles.addAccount({ ...approvedCitizen(), idNumber: '001190012345' });
    postId.answer = { outcome: 'identity', identity: approved({ approval: 'pending' }) };
    let trip = await roundTrip();
    assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, undefined, context), {
      kind: 'pending',
    });
    postId.answer = {
      outcome: 'identity',
      identity: approved({ approval: 'rejected', rejectionReason: 'Ảnh không khớp' }),
    };
    trip = await roundTrip();
    assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, undefined, context), {
      kind: 'rejected',
      reason: 'Ảnh không khớp',
    });
    assert.equal(doubles.accounts.all().length, 1);
  });

  it('says ACCOUNT_EXISTS to an approved identity whose ID number has an account', async () => {
    doubles.addAccount({ ...approvedCitizen(), idNumber: '001190012345' });
    const { handle, callback } = await roundTrip();
    assert.deepEqual(await federation.returnFrom(handle, callback, undefined, context), {
      kind: 'account_exists',
    });
    assert.equal(await federation.consentView(handle), undefined);
  });

  it('resolves an old CMND to the CCCD through the population registry, which then vouches for the ID', async () => {
    doubles.population.addPerson('001190012345', ['012345678'], 'Lê Thị Mai');
    postId.answer = { outcome: 'identity', identity: approved({ idNumber: '012345678' }) };
    const { handle, callback } = await roundTrip();
    assert.deepEqual(await federation.returnFrom(handle, callback, undefined, context), { kind: 'consent' });
    assert.equal((await federation.consentView(handle))?.idNumber, '001190012345');
    await federation.decide(handle, true, context);
    assert.deepEqual(registered[0]?.subject.claims[0], { claim: 'idNumber', source: 'POPULATION', level: 2 });

    postId.answer = { outcome: 'identity', identity: approved({ subject: 'other', idNumber: '099999999' }) };
    const unlinked = await roundTrip();
    assert.deepEqual(await federation.returnFrom(unlinked.handle, unlinked.callback, undefined, context), {
      kind: 'cmnd_not_linked',
    });
    doubles.population.down = true;
    const down = await roundTrip();
    assert.deepEqual(await federation.returnFrom(down.handle, down.callback, undefined, context), {
      kind: 'unavailable',
      partner: 'population',
    });
  });

  it('signs in the account a PostID subject is linked to, whatever the trip was for, and goes back where asked', async () => {
    const first = await roundTrip();
    await federation.returnFrom(first.handle, first.callback, undefined, context);
    await federation.decide(first.handle, true, context);
    const started = await federation.start('sign-in', { uiLocales: 'en', returnTo: '/oidc/interaction/abc' });
    if (started.kind !== 'redirect') throw new Error('not started');
    const state = new URL(started.url).searchParams.get('state');
    const back = await federation.returnFrom(
      started.handle,
      new URL(`https://hub.example/vnpost/callback?code=c&state=${state}`),
      undefined,
      context,
    );
    assert.equal(back.kind, 'signed_in');
    if (back.kind === 'signed_in') assert.equal(back.returnTo, '/oidc/interaction/abc');
  });

  it('takes a trip once: a replayed callback, an unknown handle and an expired trip are refused before PostID', async () => {
    const { handle, callback } = await roundTrip();
    await federation.returnFrom(handle, callback, undefined, context);
    assert.deepEqual(await federation.returnFrom(handle, callback, undefined, context), {
      kind: 'refused',
      reason: 'expired',
    });
    assert.deepEqual(await federation.returnFrom('x'.repeat(43), callback, undefined, context), {
      kind: 'refused',
      reason: 'expired',
    });
    const late = await roundTrip();
    doubles.clock.advance(16 * 60_000);
    assert.deepEqual(await federation.returnFrom(late.handle, late.callback, undefined, context), {
      kind: 'refused',
      reason: 'expired',
    });
    assert.equal(postId.finished.length, 1, 'PostID was asked for the first callback only');
  });

  it('passes on PostID’s refusals and outage, creating nothing', async () => {
    postId.answer = { outcome: 'refused', reason: 'tampered' };
    let trip = await roundTrip();
    assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, undefined, context), {
      kind: 'refused',
      reason: 'tampered',
    });
    postId.answer = { outcome: 'unavailable' };
    trip = await roundTrip();
    assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, undefined, context), {
      kind: 'unavailable',
      partner: 'postid',
    });
    postId.down = true;
    assert.deepEqual(await federation.start('register', { uiLocales: 'vi' }), { kind: 'unavailable' });
    assert.equal(doubles.accounts.all().length, 0);
  });

  describe('linking from the account page', () => {
    let accountId: string;
    const sessionOf = async (id: string) =>
      createSessions({
        store: doubles.store,
        protector: doubles.protector,
        random: cryptoRandom,
        clock: doubles.clock,
      }).create(id, { amr: ['pwd'], acr: 'LoA1' });

    const linksOf = async (id: string) =>
      (await doubles.accounts.listCredentials(id))
        .filter((c) => c.type === 'federated')
        .map((c) => c.identifier);

    beforeEach(() => {
      accountId = doubles.addAccount({ ...approvedCitizen(), idNumber: '001190012345' }, 'mobile');
    });

    it('links the same person’s approved PostID to the account, beside its password', async () => {
      const session = await sessionOf(accountId);
      const { handle, callback } = await roundTrip('link', accountId);
      assert.deepEqual(await federation.returnFrom(handle, callback, session, context), { kind: 'linked' });
      assert.deepEqual(await linksOf(accountId), ['vnpost:postid-sub-1']);
      assert.equal(doubles.audit.events.at(-1)?.event, 'account.credential_added');
      const again = await roundTrip('link', accountId);
      assert.deepEqual(await federation.returnFrom(again.handle, again.callback, session, context), {
        kind: 'linked',
      });
      assert.deepEqual((await doubles.accounts.listCredentials(accountId)).map((c) => c.type).sort(), [
        'federated',
        'password',
      ]);
    });

    it('refuses another person’s PostID, one not approved, and one linked to another account', async () => {
      const session = await sessionOf(accountId);
      postId.answer = { outcome: 'identity', identity: approved({ idNumber: '001090012346' }) };
      let trip = await roundTrip('link', accountId);
      assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, session, context), {
        kind: 'link_refused',
        why: 'other_person',
      });
      postId.answer = { outcome: 'identity', identity: approved({ approval: 'pending' }) };
      trip = await roundTrip('link', accountId);
      assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, session, context), {
        kind: 'link_refused',
        why: 'not_approved',
      });
      const other = doubles.addAccount({ ...approvedCitizen(), idNumber: '001090012346' }, 'mobile');
      await doubles.accounts.addCredential(other, {
        type: 'federated',
        identifier: 'vnpost:taken-sub',
        secret: '',
      });
      postId.answer = { outcome: 'identity', identity: approved({ subject: 'taken-sub' }) };
      trip = await roundTrip('link', accountId);
      assert.deepEqual(await federation.returnFrom(trip.handle, trip.callback, session, context), {
        kind: 'link_refused',
        why: 'taken',
      });
      assert.deepEqual(await linksOf(accountId), []);
    });

    it('refuses a link that comes back to another session than the one that started it', async () => {
      const { handle, callback } = await roundTrip('link', accountId);
      const stranger = await sessionOf(
        doubles.addAccount({ ...approvedCitizen(), idNumber: '001090012346' }),
      );
      assert.deepEqual(await federation.returnFrom(handle, callback, stranger, context), {
        kind: 'refused',
        reason: 'expired',
      });
      assert.deepEqual(await linksOf(accountId), []);
    });
  });
});

function approvedCitizen() {
  return {
    idNumber: '001190012345',
    fullName: 'Lê Thị Mai',
    birthDate: '1990-05-17',
    phoneNumber: '+84912345678',
  };
}
