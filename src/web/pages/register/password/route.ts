/** Set your password: the last step of registration; creates the account and goes to "done". */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { passwordStepRoutes } from '../../kit/password-step.ts';
import { registrationAt } from '../guard.ts';
import type { RegistrationPaths } from '../paths.ts';

export async function registrationPasswordPage(
  app: FastifyInstance,
  deps: PageDeps,
  method: string,
  paths: RegistrationPaths,
) {
  passwordStepRoutes(app, deps, {
    path: paths.password,
    method,
    next: paths.done,
    passwordField: 'password',
    texts: (ctx) => ({
      title: ctx.m.password.title,
      lead: ctx.m.password.lead,
      submit: ctx.m.password.submit,
    }),
    at: async (request, reply) =>
      (await registrationAt(deps, request, reply, method, 'password')) &&
      deps.journeys.get(request, 'registration'),
    checkJourney: (registrationId) => ({ registrationId }),
    save: (id, { password, confirmPassword }, context) =>
      deps.registration.setPassword(id, { password, confirmPassword }, context),
  });
}
