/** The journey guard of recovery: the step the recovery is at decides which page may show. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageDeps } from '../kit/deps.ts';
import { seeOther } from '../kit/reply.ts';
import { RECOVERY_PATHS } from './paths.ts';

type RecoveryStatus = Extract<
  Awaited<ReturnType<PageDeps['accounts']['recovery']['status']>>,
  { ok: true }
>['value'];

export async function recoveryAt(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  step: RecoveryStatus['step'],
): Promise<RecoveryStatus | undefined> {
  const id = deps.journeys.get(request, 'recovery');
  const status = id ? await deps.accounts.recovery.status(id) : undefined;
  if (!status?.ok) {
    if (id) deps.flash.set(reply, { notice: { key: 'recovery.expired' } });
    await seeOther(reply, RECOVERY_PATHS.start);
    return undefined;
  }
  if (status.value.step !== step) {
    await seeOther(reply, step === 'otp' ? RECOVERY_PATHS.password : RECOVERY_PATHS.otp);
    return undefined;
  }
  return status.value;
}
