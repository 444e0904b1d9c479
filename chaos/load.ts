/**
 * Steady load of concurrent citizens through the load balancer: registrations, sign-ins (with a look at
 * /me) and password recoveries, each request recorded. Codes are read from the virtual phones' long-poll
 * inbox, captcha answers from the suite's own Redis (production has no /sim/captchas). Every citizen
 * comes from its own address (X-Forwarded-For), as behind carrier NAT, so the load does not trip the
 * per-IP limits the burst phase tests on purpose.
 */
import type { Redis } from 'ioredis';
import { makePersonalIdNumber } from '../src/domain/id-number.ts';
import { type Answer, send } from './http.ts';
import type { Recorder } from './recorder.ts';

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
}

// Not test/support/journey.ts: it pulls in the whole in-process system, which the suite never runs.
export const STRONG_PASSWORD = 'Sông#Hồng2024xanh';

export interface Identity {
  idNumber: string;
  fullName: string;
  birthDate: string;
  phoneNumber: string;
}

let serial = 0;
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
    const kind = !account || roll < 0.5 ? 'registration' : roll < 0.8 ? 'sign-in' : 'recovery';
    const startedAt = Date.now();
    if (account && kind !== 'registration') this.busy.add(account);
    try {
      if (kind === 'registration') await this.register(nextClientIp());
      else if (kind === 'sign-in') await this.signIn(account!, nextClientIp());
      else await this.recover(account!, nextClientIp());
      this.context.recorder.journey(kind, startedAt, 'ok');
    } catch (error) {
      const step =
        error instanceof StepFailed ? error.message : `crash:${(error as Error).message.slice(0, 60)}`;
      this.context.recorder.journey(kind, startedAt, step);
      // A failed journey is retried by the next one; a short pause keeps a dead system from a busy loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      if (account) this.busy.delete(account);
    }
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
    const created = await send(`${this.context.simUrl}/sim/subscribers`, 'POST', {
      body: {
        ...identity,
        idType: 'CCCD',
        idIssueDate: '2021-06-01',
        idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
      },
    });
    if (created.status !== 201) throw new StepFailed('subscriber');
    return identity;
  }

  async register(ip: string): Promise<Account> {
    const identity = await this.newCitizen();
    const solved = await this.solvedCaptcha(ip);
    const started = this.expect(
      'start',
      await this.call('start', 'POST', '/api/v1/registrations/mobile', ip, {
        ...identity,
        ...solved,
        consent: true,
      }),
      201,
    );
    const id = String(started.body.registrationId);
    const { code, count } = await this.codeFor(identity.phoneNumber, 0);
    const verified = await this.call('otp', 'POST', `/api/v1/registrations/${id}/otp`, ip, { code });
    if (verified.status === 200) this.context.recorder.facts.otpAccepted.push(verified);
    this.expect('otp', verified, 200);
    const body = { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD };
    const done = await this.call('password', 'POST', `/api/v1/registrations/${id}/password`, ip, body);
    const facts = this.context.recorder.facts;
    if (done.status >= 500 && !done.headers['x-chaos-proxy']) facts.passwordFiveXx.add(identity.idNumber);
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
