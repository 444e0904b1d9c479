/**
 * Drives the Vietnam Post method over real HTTP between the hub and the PostID simulator, as a browser would: the
 * hub's pages (CSRF forms, cookies), PostID's login interaction, the redirects between them (each asserted).
 */
import assert from 'node:assert/strict';
import { makePersonalIdNumber } from '../../src/domain/id-number.ts';
import { PageAgent } from '../postid/agent.ts';
import { call, type TestSystem } from '../support/system.ts';

export const POSTID_PASSWORD = 'Buu-dien-2024';

export interface PostIdCitizen {
  username: string;
  password: string;
  fullName: string;
  birthDate: string;
  idNumber: string;
  phoneNumber: string;
  subject: string;
}

let next = 0;
const salt = Math.floor(Math.random() * 300_000);

/** A fresh 12-digit ID number no other test of this process used. */
export function freshIdNumber(): string {
  next += 1;
  return makePersonalIdNumber({
    provinceCode: '001',
    sex: 'female',
    birthDate: '1991-03-04',
    serial: salt + next,
  });
}

/** A PostID account (activated) in the given approval state, made through the simulator's dev API. */
export async function postIdAccount(
  test: TestSystem,
  status: 'approved' | 'pending' | 'rejected',
  overrides: Partial<Omit<PostIdCitizen, 'subject'>> & { reason?: string } = {},
): Promise<PostIdCitizen> {
  next += 1;
  const body = {
    username: `citizen.${salt}.${next}`,
    password: POSTID_PASSWORD,
    fullName: 'Trần Thị Bưu',
    birthDate: '1991-03-04',
    idNumber: freshIdNumber(),
    phoneNumber: `0912${String(100_000 + ((salt + next) % 900_000)).padStart(6, '0')}`,
    sex: 'F',
    status,
    ...overrides,
  };
  const created = await call(test.url, 'POST', '/sim/postid/accounts', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { ...body, subject: String(created.body.subject) };
}

/** A browser at the hub (and at PostID, in its own cookie jar per origin). */
export class HubBrowser {
  readonly agent = new PageAgent();
  constructor(readonly hub: string) {}

  get(path: string) {
    return this.agent.request(new URL(path, this.hub).href);
  }

  /** A form of the hub page `page`, posted to `action` with that page's CSRF token. */
  submit(page: string, action: string, form: Record<string, string>) {
    return this.agent.submit(new URL(page, this.hub).href, action, form);
  }

  /** `POST /vnpost/start` from `page`: the redirect to PostID's authorization endpoint. */
  async startPostId(page: string, form: Record<string, string>) {
    const started = await this.submit(page, '/vnpost/start', form);
    return started;
  }

  /** At PostID: its login page, the password, back to the hub's callback URL (not followed). */
  async loginAtPostId(authorizeUrl: string, citizen: Pick<PostIdCitizen, 'username' | 'password'>) {
    const authorize = await this.agent.request(authorizeUrl);
    assert.equal(authorize.status, 303, authorize.body.slice(0, 300));
    // Still signed in at PostID (signing out of the hub does not sign out of PostID): straight back.
    if (authorize.location?.startsWith(`${this.hub}/vnpost/callback?`)) return authorize.location;
    assert.match(authorize.location ?? '', /\/interaction\//);
    const login = await this.agent.submit(
      authorize.location!,
      `${new URL(authorize.location!).pathname}/login`,
      {
        username: citizen.username,
        password: citizen.password,
      },
    );
    assert.equal(login.status, 303, login.body.slice(0, 300));
    const resumed = await this.agent.request(login.location!);
    assert.equal(resumed.status, 303, resumed.body.slice(0, 300));
    assert.ok(resumed.location?.startsWith(`${this.hub}/vnpost/callback?`), resumed.location);
    return resumed.location!;
  }

  /** The whole trip from a hub page's PostID button to the hub's answer to the callback. */
  async roundTrip(
    page: string,
    form: Record<string, string>,
    citizen: Pick<PostIdCitizen, 'username' | 'password'>,
  ) {
    const started = await this.startPostId(page, form);
    assert.equal(started.status, 303, started.body.slice(0, 300));
    const callback = await this.loginAtPostId(started.location!, citizen);
    return { callback, answer: await this.agent.request(callback) };
  }

  /** `GET /api/v1/me` with this browser's session cookie. */
  async me() {
    const answer = await this.get('/api/v1/me');
    return {
      status: answer.status,
      body: answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {},
    };
  }
}

/** The rows in the hub's accounts table (every account, whatever the method). */
export async function accountCount(test: TestSystem): Promise<number> {
  const rows = await test.system.database
    .as<{ accounts: { id: string } }>()
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}
