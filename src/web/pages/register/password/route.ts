/**
 * Set your password: the last step of registration; creates the account, signs the citizen in (the
 * session the registration opened replaces any other in this browser) and goes to "done".
 */
import type { FastifyInstance } from 'fastify';
import { switchSession } from '../../../session-cookie.ts';
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
    async at(request, reply) {
      if (!(await registrationAt(deps, request, reply, method, 'password'))) return undefined;
      const id = deps.journeys.get(request, 'registration');
      // The save ends the session this browser held before (its cookie is on the request).
      return id === undefined ? undefined : { id, request };
    },
    checkJourney: ({ id }) => ({ registrationId: id }),
    async save({ id, request }, { password, confirmPassword }, context, reply) {
      const done = await deps.registration.setPassword(id, { password, confirmPassword }, context);
      if (done.ok && done.value.session)
        await switchSession(request, reply, deps.accounts.sessions, done.value.session, deps.secureCookies);
      return done;
    },
  });
}
