/** Forgot password, second step: the code sent to the account's phone (the shared code step). */
import type { FastifyInstance } from 'fastify';
import { codeStepRoutes } from '../../kit/code-step.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { recoveryAt } from '../guard.ts';
import { RECOVERY_PATHS } from '../paths.ts';

export async function recoveryCodePage(app: FastifyInstance, deps: PageDeps) {
  codeStepRoutes(app, deps, {
    journey: 'recovery',
    paths: { otp: RECOVERY_PATHS.otp, resend: RECOVERY_PATHS.resend, next: RECOVERY_PATHS.password },
    at: (request, reply) => recoveryAt(deps, request, reply, 'otp'),
    // Whether an account exists is not told: the same words either way, and no phone number.
    lead: (ctx) => ctx.m.code.recoveryLead,
    verify: (id, code) => deps.accounts.recovery.verifyCode(id, code),
    resend: (id) => deps.accounts.recovery.resendCode(id),
    resentNotice: async () => ({ key: 'code.resentRecovery' }),
  });
}
