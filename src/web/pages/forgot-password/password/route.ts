/** Forgot password, third step: the new password (same policy; not the current one). */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { passwordStepRoutes } from '../../kit/password-step.ts';
import { recoveryAt } from '../guard.ts';
import { RECOVERY_PATHS } from '../paths.ts';

export async function recoveryPasswordPage(app: FastifyInstance, deps: PageDeps) {
  passwordStepRoutes(app, deps, {
    path: RECOVERY_PATHS.password,
    next: RECOVERY_PATHS.done,
    passwordField: 'newPassword',
    texts: (ctx) => ({
      title: ctx.m.recovery.passwordTitle,
      lead: ctx.m.password.lead,
      submit: ctx.m.recovery.passwordSubmit,
    }),
    at: async (request, reply) =>
      (await recoveryAt(deps, request, reply, 'password')) && deps.journeys.get(request, 'recovery'),
    checkJourney: (recoveryId) => ({ recoveryId }),
    async save(id, { password, confirmPassword }, context, reply) {
      const saved = await deps.accounts.recovery.setPassword(id, { password, confirmPassword }, context);
      if (saved.ok) deps.journeys.clear(reply, 'recovery');
      return saved;
    },
  });
}
