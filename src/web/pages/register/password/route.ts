/** Set your password: the last step of registration; creates the account and goes to "done". */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { passwordStepRoutes } from '../../kit/password-step.ts';
import { registrationAt } from '../guard.ts';
import { REGISTRATION_PATHS } from '../paths.ts';

export async function registrationPasswordPage(app: FastifyInstance, deps: PageDeps) {
  passwordStepRoutes(app, deps, {
    path: REGISTRATION_PATHS.password,
    next: REGISTRATION_PATHS.done,
    passwordField: 'password',
    texts: (ctx) => ({
      title: ctx.m.password.title,
      lead: ctx.m.password.lead,
      submit: ctx.m.password.submit,
    }),
    at: async (request, reply) =>
      (await registrationAt(deps, request, reply, 'password')) && deps.journeys.get(request, 'registration'),
    save: (id, { password, confirmPassword }, context) =>
      deps.registration.setPassword(id, { password, confirmPassword }, context),
  });
}
