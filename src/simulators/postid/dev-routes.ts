/**
 * PostID's dev switches, mounted on the hub's dev server beside the other `/sim/*` routes (methods.md):
 * `POST /sim/postid/accounts` (an activated account, pending, approved or rejected), `GET /sim/postid/clerk`
 * (the dev clerk), `POST /sim/postid/outage` and `POST /sim/postid/latency` (fault tests).
 */
import type { FastifyInstance } from 'fastify';
import { type FaultSwitches, faultSwitchRoutes } from '../kit/faults.ts';
import { hashPassword } from './passwords.ts';
import { validateSignUp } from './sign-up.ts';
import type { PostIdStore } from './store.ts';

export type { FaultSwitches };

export interface DevRoutesOptions {
  store: PostIdStore;
  faults: FaultSwitches;
  clerk: () => { url: string; username: string; password: string };
  now: () => Date;
  /** The post office a dev-approved account is approved at. */
  postOffice: string;
}

const STATUSES = new Set(['pending', 'approved', 'rejected']);

export async function postIdDevRoutes(app: FastifyInstance, options: DevRoutesOptions) {
  const { store, faults } = options;
  const hidden = { schema: { hide: true } };

  app.post('/sim/postid/accounts', hidden, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const status = body.status === undefined ? 'pending' : body.status;
    const valid = validateSignUp(
      {
        username: text('username'),
        password: text('password'),
        fullName: text('fullName'),
        sex: text('sex') || 'M',
        birthDate: text('birthDate'),
        idNumber: text('idNumber'),
        phoneNumber: text('phoneNumber'),
        address: text('address') || 'Hà Nội',
      },
      options.now(),
    );
    if (!valid.ok || typeof status !== 'string' || !STATUSES.has(status))
      return reply.code(400).send({
        error: 'invalid account',
        fields: [
          ...(valid.ok ? [] : valid.errors.map((e) => e.field)),
          ...(STATUSES.has(String(status)) ? [] : ['status']),
        ],
      });
    const decided = status !== 'pending';
    const created = await store.createAccount(
      {
        ...valid.value,
        passwordHash: await hashPassword(valid.value.password),
        activated: true,
        status: status as 'pending' | 'approved' | 'rejected',
        ...(decided && { postOffice: options.postOffice, decidedAt: options.now() }),
        ...(status === 'rejected' && {
          rejectionReason: typeof body.reason === 'string' ? body.reason : 'Giấy tờ không khớp (dev)',
        }),
      },
      options.now(),
    );
    if (created === 'taken') return reply.code(409).send({ error: 'username taken' });
    return reply.code(201).send({ username: created.username, subject: created.subject });
  });

  app.get('/sim/postid/clerk', hidden, async () => options.clerk());

  // PostID's switches answer 400 and take up to two minutes (its README).
  faultSwitchRoutes(app, '/sim/postid', faults, { refusedStatus: 400, maxLatencyMs: 120_000 });
}
