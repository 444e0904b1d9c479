/**
 * Steady load of concurrent citizens through the load balancer: registrations (by mobile subscriber, some
 * of them on a SIM still carrying the linked old CMND so the population registry is asked, and by social
 * insurance), sign-ins (with a look at /me) and password recoveries, each request recorded. Codes are read
 * from the virtual phones' long-poll inbox, captcha answers from the suite's own Redis (production has no
 * /sim/captchas). Every citizen comes from its own address (X-Forwarded-For), as behind carrier NAT, so the
 * load does not trip the per-IP limits the burst phase tests on purpose.
 */
import type { Redis } from 'ioredis';
import { makePersonalIdNumber } from '../src/domain/id-number.ts';
import { type SigningMaterial, signCms } from '../test/pki/support/cms.ts';
import { type Answer, send } from './http.ts';
import { postIdRegistration } from './postid-trip.ts';
import { PROXY_HEADER } from './proxy.ts';
import { PARTNER_OUTAGE_CODES, type Recorder } from './recorder.ts';
import type { InsuredPerson, PersonOnOldCmnd, RegistryPeople } from './registry-people.ts';

export interface Account {
  accountId: string;
  identity: Identity;
  password: string;
  smsSeen: number;
}

export interface LoadContext {
  lbUrl: string;
  simUrl: string;
  redis: Redis;
  recorder: Recorder;
  /** Where registrations by social insurance and on an old CMND find their people. */
  people: RegistryPeople;
}

export type JourneyKind =
  | 'registration'
  | 'registration-linked'
  | 'registration-si'
  | 'sign-in'
  | 'recovery'
  | 'certificate-check'
  | 'remote-signature-check'
  | 'sim-signature-check'
  | 'registration-vnpost'
  | 'registration-organisation';

/** Of all journeys, this share checks a signed challenge (issue 15: signature, chain, OCSP/CRL). */
const CERTIFICATE_SHARE = 0.1;
/** Of all journeys, this share starts a sign-in by remote signature (issue 18: the CSC API of a remote-signing service). */
const REMOTE_SIGNATURE_SHARE = 0.05;
/** Of all journeys, this share starts a sign-in by SIM signature (issue 18: the MSSP over ETSI TS 102 204 SOAP). */
const SIM_SIGNATURE_SHARE = 0.05;
/** Of all journeys, this share registers with an approved PostID account (issue 14: the hub's trip to Vietnam Post). */
const VNPOST_SHARE = 0.08;
/** Of all journeys, this share registers an organisation with its certificate (the business registry is asked). */
const ORGANISATION_SHARE = 0.05;

/** Of the registrations, these shares go to the registries' people; the rest are new mobile subscribers. */
const REGISTRATION_SHARES = { socialInsurance: 0.3, onOldCmnd: 0.2 };

// Not test/support/journey.ts: it pulls in the whole in-process system, which the suite never runs.
export const STRONG_PASSWORD = 'Sông#Hồng2024xanh';

export interface Identity {
  idNumber: string;
  fullName: string;
  birthDate: string;
  phoneNumber: string;
}

let serial = 0;
let certificateSerial = 0;
let certificateRoute: 'unknown' | 'missing' = 'unknown';
let remoteSerial = 0;
let remoteRoute: 'unknown' | 'missing' = 'unknown';
let simRoute: 'unknown' | 'missing' = 'unknown';
let simSerial = 0;
let organisationSerial = 0;
/** Tax codes of this run: its own ten-digit range, so a rerun against kept data would not collide. */
const taxCodeSalt = Math.floor(Math.random() * 9_000) + 1_000;
/** A fresh citizen with a VinaPhone SIM (serials below 900 000; the burst phase's fake ones are above). */
function newIdentity(): Identity {
  serial++;
  const birthDate = '1990-05-17';
  return {
    idNumber: makePersonalIdNumber({ provinceCode: '001', sex: 'female', birthDate, serial }),
    fullName: 'Nguyễn Thị Hoà',
    birthDate,
    phoneNumber: `+8491${String(1_000_000 + serial).slice(-7)}`,
  };
}

/** A journey step that failed: the journey stops there and is counted as failed at `step`. */
class StepFailed extends Error {}

let addressCounter = 0;
export function nextClientIp(): string {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export class Citizens {
  readonly accounts: Account[] = [];
  private busy = new Set<Account>();
  private running = 0;
  private stopAt = 0;
  private passwords = 0;

  constructor(private readonly context: LoadContext) {}

  /** Runs `width` citizens until `stop()` or `maxMs`; resolves when every one of them has finished. */
  async run(width: number, maxMs: number, journeysPerSecond?: number): Promise<void> {
    this.stopAt = Date.now() + maxMs;
    const gap = journeysPerSecond ? 1000 / journeysPerSecond : 0;
    let nextStart = Date.now();
    const citizen = async () => {
      while (Date.now() < this.stopAt) {
        if (gap) {
          // Paced: each citizen takes the next start slot, so the whole load runs at the asked rate.
          const slot = nextStart;
          nextStart = Math.max(nextStart + gap, Date.now());
          if (slot > Date.now()) await new Promise((resolve) => setTimeout(resolve, slot - Date.now()));
          if (Date.now() >= this.stopAt) break;
        }
        await this.oneJourney();
      }
    };
    this.running += width;
    try {
      await Promise.all(Array.from({ length: width }, citizen));
    } finally {
      this.running -= width;
    }
  }

  stop() {
    this.stopAt = 0;
  }

  private async oneJourney() {
    const free = this.accounts.filter((a) => !this.busy.has(a));
    const roll = Math.random();
    const account = free.length > 0 ? free[Math.floor(Math.random() * free.length)]! : undefined;
    const ip = nextClientIp();
    const other = Math.random();
    const journey: { kind: JourneyKind; run: () => Promise<unknown> } =
      certificateRoute !== 'missing' && other < CERTIFICATE_SHARE
        ? { kind: 'certificate-check', run: () => this.certificateCheck(ip) }
        : remoteRoute !== 'missing' && other >= 1 - REMOTE_SIGNATURE_SHARE
          ? { kind: 'remote-signature-check', run: () => this.remoteSignatureCheck(ip) }
          : simRoute !== 'missing' &&
              other >= CERTIFICATE_SHARE &&
              other < CERTIFICATE_SHARE + SIM_SIGNATURE_SHARE
            ? { kind: 'sim-signature-check', run: () => this.simSignatureCheck(ip) }
            : other >= CERTIFICATE_SHARE + SIM_SIGNATURE_SHARE &&
                other < CERTIFICATE_SHARE + SIM_SIGNATURE_SHARE + VNPOST_SHARE
              ? { kind: 'registration-vnpost', run: () => this.registerWithPostId(ip) }
              : other >= CERTIFICATE_SHARE + SIM_SIGNATURE_SHARE + VNPOST_SHARE &&
                  other < CERTIFICATE_SHARE + SIM_SIGNATURE_SHARE + VNPOST_SHARE + ORGANISATION_SHARE
                ? { kind: 'registration-organisation', run: () => this.registerOrganisation(ip) }
                : !account || roll < 0.5
                  ? this.someRegistration(ip)
                  : roll < 0.8
                    ? { kind: 'sign-in', run: () => this.signIn(account, ip) }
                    : { kind: 'recovery', run: () => this.recover(account, ip) };
    const startedAt = Date.now();
    const holds = account && !journey.kind.startsWith('registration');
    if (holds) this.busy.add(account);
    try {
      await journey.run();
      this.context.recorder.journey(journey.kind, startedAt, 'ok');
    } catch (error) {
      const step =
        error instanceof StepFailed ? error.message : `crash:${(error as Error).message.slice(0, 60)}`;
      this.context.recorder.journey(journey.kind, startedAt, step);
      // A failed journey is retried by the next one; a short pause keeps a dead system from a busy loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      if (holds) this.busy.delete(account);
    }
  }

  /**
   * A sign-in by certificate of someone without an account: the hub runs the whole pipeline (signature, path
   * to the test root, OCSP or CRL) and answers 401 CERTIFICATE_NOT_REGISTERED; 503 REVOCATION_UNAVAILABLE
   * when the CA cannot answer. A fresh certificate each time, so no cached OCSP answer hides a CA fault.
   */
  private async certificateCheck(ip: string) {
    certificateSerial++;
    const idNumber = makePersonalIdNumber({
      provinceCode: '079',
      sex: 'male',
      birthDate: '1985-03-02',
      serial: 950_000 + certificateSerial,
    });
    const issued = await send(`${this.context.simUrl}/sim/ca/certificates`, 'POST', {
      body: { idNumber, fullName: 'Trần Văn Ký' },
    });
    if (issued.status !== 201) throw new StepFailed('cert-issue');
    const challenge = this.expect(
      'cert-challenge',
      await this.call('cert-challenge', 'POST', '/api/v1/certificate-challenges', ip),
      201,
    );
    const signedData = await signCms(
      issued.body as unknown as SigningMaterial,
      Buffer.from(String(challenge.body.nonce), 'base64'),
    );
    const answer = await this.call('cert-sign-in', 'POST', '/api/v1/sessions/certificate', ip, {
      challengeId: challenge.body.challengeId,
      signedData: Buffer.from(signedData).toString('base64'),
    });
    // A hub without sign-in by certificate yet: no more of these journeys (said once, as this failed step).
    if (answer.status === 404 && answer.body.code !== 'CERTIFICATE_NOT_REGISTERED') {
      certificateRoute = 'missing';
      throw new StepFailed('cert-sign-in-route-missing');
    }
    if (answer.status !== 401 || answer.body.code !== 'CERTIFICATE_NOT_REGISTERED')
      throw new StepFailed('cert-sign-in');
  }

  /**
   * A sign-in by remote signature started for a fresh user of a remote-signing service (a new key each time, so
   * every start asks the provider: token, credentials/list and info, authorize) and polled once (authorizeCheck):
   * 202 then awaiting-signature; 503 REMOTE_SIGNATURE_UNAVAILABLE when the provider cannot answer.
   */
  private async remoteSignatureCheck(ip: string) {
    remoteSerial++;
    const provider = remoteSerial % 2 === 0 ? 'smartca' : 'mysign';
    const idNumber = makePersonalIdNumber({
      provinceCode: '048',
      sex: 'female',
      birthDate: '1992-08-09',
      serial: 960_000 + remoteSerial,
    });
    const created = await send(`${this.context.simUrl}/sim/remote-signing/users`, 'POST', {
      body: {
        provider,
        idNumber,
        fullName: 'Lê Thị Ký',
        phoneNumber: `+8490${String(5_000_000 + remoteSerial).slice(-7)}`,
        pin: '2468',
      },
    });
    if (created.status !== 201) throw new StepFailed('remote-user');
    const started = await this.call('remote-start', 'POST', '/api/v1/sessions/remote-signature', ip, {
      idNumber,
      provider,
    });
    // A hub without the remote signature yet: no more of these journeys (said once, as this failed step).
    if (started.status === 404 && started.body.code !== 'REMOTE_SIGNATURE_NOT_FOUND') {
      remoteRoute = 'missing';
      throw new StepFailed('remote-start-route-missing');
    }
    this.expect('remote-start', started, 202);
    const polled = this.expect(
      'remote-poll',
      await this.call('remote-poll', 'GET', `/api/v1/sessions/remote-signature/${started.body.signInId}`, ip),
      200,
    );
    if (polled.body.step !== 'awaiting-signature') throw new StepFailed('remote-poll');
  }

  /**
   * A sign-in by SIM signature started for a fresh SIM subscriber of the MSSP (a new key each time) and polled
   * once: the start sends MSS_Signature (202), the poll MSS_StatusQuery (504 outstanding: awaiting-signature);
   * 503 MOBILE_SIGNATURE_UNAVAILABLE when the MSSP cannot answer.
   */
  private async simSignatureCheck(ip: string) {
    simSerial++;
    const idNumber = makePersonalIdNumber({
      provinceCode: '031',
      sex: 'male',
      birthDate: '1988-11-23',
      serial: 970_000 + simSerial,
    });
    const phoneNumber = `+8493${String(5_000_000 + simSerial).slice(-7)}`;
    const created = await send(`${this.context.simUrl}/sim/mssp/subscribers`, 'POST', {
      body: { phoneNumber, idNumber, fullName: 'Phạm Văn Sim', pin: '1357' },
    });
    if (created.status !== 201) throw new StepFailed('sim-subscriber');
    const started = await this.call('sim-start', 'POST', '/api/v1/sessions/sim-signature', ip, {
      phoneNumber,
    });
    // A hub without the SIM signature yet: no more of these journeys (said once, as this failed step).
    if (started.status === 404) {
      simRoute = 'missing';
      throw new StepFailed('sim-start-route-missing');
    }
    this.expect('sim-start', started, 202);
    const polled = this.expect(
      'sim-poll',
      await this.call('sim-poll', 'GET', `/api/v1/sessions/sim-signature/${started.body.signInId}`, ip),
      200,
    );
    if (polled.body.step !== 'awaiting-signature') throw new StepFailed('sim-poll');
  }

  /** Registration with Vietnam Post (postid-trip.ts): nothing may exist for its ID number if the hub answered 503. */
  private async registerWithPostId(ip: string) {
    const facts = this.context.recorder.facts;
    const registered = await postIdRegistration(
      { ...this.context, fail: (step) => new StepFailed(step) },
      ip,
      (idNumber) => facts.startsRefusedByOutage.add(idNumber),
    );
    facts.accountsAnswered.set(registered.accountId, registered.idNumber);
  }

  /**
   * Registration of an organisation with a certificate of the test PKI naming its tax code (the PKI adds the
   * company to the business registry as active): the hub checks the signature, the chain and revocation, then asks
   * the business registry; 503 BUSINESS_REGISTRY_UNAVAILABLE (nothing created) when it cannot answer.
   */
  private async registerOrganisation(ip: string) {
    organisationSerial++;
    const taxCode = `0${taxCodeSalt}${String(organisationSerial).padStart(5, '0')}`;
    const issued = await send(`${this.context.simUrl}/sim/ca/certificates`, 'POST', {
      body: { taxCode, organisationName: `Công ty TNHH Hỗn Loạn ${organisationSerial}` },
    });
    if (issued.status !== 201) throw new StepFailed('org-issue');
    const challenge = this.expect(
      'org-challenge',
      await this.call('org-challenge', 'POST', '/api/v1/certificate-challenges', ip),
      201,
    );
    const signedData = await signCms(
      issued.body as unknown as SigningMaterial,
      Buffer.from(String(challenge.body.nonce), 'base64'),
    );
    const solved = await this.solvedCaptcha(ip);
    const registered = await this.call('org-register', 'POST', '/api/v1/registrations/certificate', ip, {
      challengeId: challenge.body.challengeId,
      signedData: Buffer.from(signedData).toString('base64'),
      ...solved,
      consent: true,
    });
    const facts = this.context.recorder.facts;
    if (
      registered.status === 503 &&
      !registered.headers[PROXY_HEADER] &&
      PARTNER_OUTAGE_CODES.has(String(registered.body.code))
    )
      facts.startsRefusedByOutage.add(taxCode);
    this.expect('org-register', registered, 201);
    facts.accountsAnswered.set(String(registered.body.accountId), taxCode);
  }

  /** A registration of one of the three kinds; a new mobile subscriber once the registries' people run out. */
  private someRegistration(ip: string): { kind: JourneyKind; run: () => Promise<unknown> } {
    const roll = Math.random();
    const { socialInsurance, onOldCmnd } = REGISTRATION_SHARES;
    const insured = roll < socialInsurance ? this.context.people.takeInsured() : undefined;
    if (insured) return { kind: 'registration-si', run: () => this.registerInsured(insured, ip) };
    const linked =
      roll >= socialInsurance && roll < socialInsurance + onOldCmnd
        ? this.context.people.takeOnOldCmnd()
        : undefined;
    if (linked) return { kind: 'registration-linked', run: () => this.registerOnOldCmnd(linked, ip) };
    return { kind: 'registration', run: () => this.register(ip) };
  }

  private async call(
    step: string,
    method: 'GET' | 'POST',
    path: string,
    ip: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const answer = await send(`${this.context.lbUrl}${path}`, method, {
      body,
      headers: { 'x-forwarded-for': ip, ...headers },
    });
    this.context.recorder.answer(step, answer);
    return answer;
  }

  private expect(step: string, answer: Answer, status: number): Answer {
    if (answer.status !== status) throw new StepFailed(step);
    return answer;
  }

  async solvedCaptcha(ip: string): Promise<{ captchaId: string; captchaAnswer: string }> {
    const created = this.expect('captcha', await this.call('captcha', 'POST', '/api/v1/captchas', ip), 201);
    const captchaId = String(created.body.captchaId);
    const stored = await this.context.redis.get(`captcha:${captchaId}`).catch(() => null);
    if (!stored) throw new StepFailed('captcha-answer');
    return { captchaId, captchaAnswer: (JSON.parse(stored) as { answer: string }).answer };
  }

  /** The code in the newest SMS once the phone holds more than `after` messages (the phone waits ≤ 5 s). */
  async codeFor(phone: string, after: number): Promise<{ code: string; count: number }> {
    const inbox = await send(
      `${this.context.simUrl}/sim/phones/${encodeURIComponent(phone)}/sms?after=${after}&waitMs=5000`,
      'GET',
    );
    const messages = (inbox.body.items ?? []) as Array<{ text: string }>;
    const code =
      messages.length > after ? /\b(\d{6})\b/.exec(messages[messages.length - 1]!.text)?.[1] : undefined;
    if (!code) throw new StepFailed('sms');
    return { code, count: messages.length };
  }

  async newCitizen(): Promise<Identity> {
    const identity = newIdentity();
    await this.giveSim({ ...identity, idType: 'CCCD', idIssueDate: '2021-06-01' });
    return identity;
  }

  private async giveSim(sim: Identity & { idType: 'CCCD' | 'CMND'; idIssueDate: string }) {
    const created = await send(`${this.context.simUrl}/sim/subscribers`, 'POST', {
      body: {
        ...sim,
        // Not ported: the number stays with the carrier its prefix says (VinaPhone for every load SIM).
        carrier: 'vinaphone',
        idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
      },
    });
    if (created.status !== 201) throw new StepFailed('subscriber');
  }

  /** Registration by mobile subscriber: a new citizen whose SIM is registered to their CCCD. */
  async register(ip: string): Promise<Account> {
    const identity = await this.newCitizen();
    return this.registerWith(identity, ip, {
      step: 'start',
      path: '/api/v1/registrations/mobile',
      body: { ...identity },
    });
  }

  /**
   * Registration by mobile subscriber with the CCCD of someone whose SIM still carries their old CMND: the
   * carrier refuses only the ID number and the population registry links the two.
   */
  private async registerOnOldCmnd(person: PersonOnOldCmnd, ip: string): Promise<Account> {
    const { oldIdNumber, ...identity } = person;
    await this.giveSim({ ...identity, idNumber: oldIdNumber, idType: 'CMND', idIssueDate: '2012-03-15' });
    return this.registerWith(identity, ip, {
      step: 'linked-start',
      path: '/api/v1/registrations/mobile',
      body: { ...identity },
    });
  }

  /** Registration by social insurance: the code goes to the phone on the person's record. */
  private async registerInsured(person: InsuredPerson, ip: string): Promise<Account> {
    const { socialInsuranceNumber, ...identity } = person;
    const { phoneNumber: _onTheRecord, ...entries } = identity;
    return this.registerWith(identity, ip, {
      step: 'si-start',
      path: '/api/v1/registrations/social-insurance',
      body: { ...entries, socialInsuranceNumber },
    });
  }

  /** A start of `path` with `body`, then the code that reaches `identity.phoneNumber`, then the password. */
  private async registerWith(
    identity: Identity,
    ip: string,
    start: { step: string; path: string; body: Record<string, unknown> },
  ): Promise<Account> {
    const solved = await this.solvedCaptcha(ip);
    const started = await this.call(start.step, 'POST', start.path, ip, {
      ...start.body,
      ...solved,
      consent: true,
    });
    const facts = this.context.recorder.facts;
    if (
      started.status === 503 &&
      !started.headers[PROXY_HEADER] &&
      PARTNER_OUTAGE_CODES.has(String(started.body.code))
    )
      facts.startsRefusedByOutage.add(identity.idNumber);
    this.expect(start.step, started, 201);
    const id = String(started.body.registrationId);
    const { code, count } = await this.codeFor(identity.phoneNumber, 0);
    const verified = await this.call('otp', 'POST', `/api/v1/registrations/${id}/otp`, ip, { code });
    if (verified.status === 200) facts.otpAccepted.push(verified);
    this.expect('otp', verified, 200);
    const body = { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD };
    const done = await this.call('password', 'POST', `/api/v1/registrations/${id}/password`, ip, body);
    if (done.status >= 500 && !done.headers[PROXY_HEADER]) facts.passwordFiveXx.add(identity.idNumber);
    this.expect('password', done, 201);
    const accountId = String(done.body.accountId);
    facts.accountsAnswered.set(accountId, identity.idNumber);
    facts.passwordFiveXx.delete(identity.idNumber);
    const account = { accountId, identity, password: STRONG_PASSWORD, smsSeen: count };
    this.accounts.push(account);
    return account;
  }

  async signIn(account: Account, ip: string) {
    const body = { username: account.identity.idNumber, password: account.password };
    const session = this.expect(
      'sign-in',
      await this.call('sign-in', 'POST', '/api/v1/sessions', ip, body),
      201,
    );
    const cookie = ([] as string[])
      .concat(session.headers['set-cookie'] ?? [])
      .map((line) => line.split(';')[0])
      .join('; ');
    this.expect('me', await this.call('me', 'GET', '/api/v1/me', ip, undefined, { cookie }), 200);
  }

  async recover(account: Account, ip: string) {
    const solved = await this.solvedCaptcha(ip);
    const started = this.expect(
      'recovery-start',
      await this.call('recovery-start', 'POST', '/api/v1/password-recoveries', ip, {
        idNumber: account.identity.idNumber,
        ...solved,
      }),
      201,
    );
    const id = String(started.body.recoveryId);
    const { code, count } = await this.codeFor(account.identity.phoneNumber, account.smsSeen);
    account.smsSeen = count;
    const verified = await this.call('recovery-otp', 'POST', `/api/v1/password-recoveries/${id}/otp`, ip, {
      code,
    });
    if (verified.status === 200) this.context.recorder.facts.otpAccepted.push(verified);
    this.expect('recovery-otp', verified, 200);
    const password = `${STRONG_PASSWORD}!${++this.passwords}`;
    const body = { password, confirmPassword: password };
    this.expect(
      'recovery-password',
      await this.call('recovery-password', 'POST', `/api/v1/password-recoveries/${id}/password`, ip, body),
      204,
    );
    account.password = password;
  }
}
