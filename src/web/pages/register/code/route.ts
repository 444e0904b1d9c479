/**
 * Enter the code of a registration: the masked phone, the time left, when a new code may be asked for,
 * resend, and the attempts left after a wrong code (the shared code step does the rest).
 */
import type { FastifyInstance } from 'fastify';
import { formatDdMmYyyy } from '../../../../domain/dates.ts';
import { type CodeStep, codeStepRoutes } from '../../kit/code-step.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { seeOther } from '../../kit/reply.ts';
import { format, type PageMessages } from '../../messages.ts';
import { registrationAt } from '../guard.ts';
import { METHODS_PATH, type RegistrationPaths } from '../paths.ts';

export interface CodePageOptions {
  /**
   * What a citizen whose code goes to the wrong phone can do. By default the phone is the one they typed,
   * so they start again with the right one; a method whose phone comes from a partner's record says how
   * to change it there.
   */
  wrongPhone?: CodeStep['startAgain'];
}

/** A phone the citizen did not type is changed at the partner's; meanwhile another method may do. */
export const phoneFromARecord =
  (text: (m: PageMessages) => string): CodeStep['startAgain'] =>
  (ctx) => ({ href: METHODS_PATH, text: text(ctx.m) });

export async function registrationCodePage(
  app: FastifyInstance,
  deps: PageDeps,
  method: string,
  paths: RegistrationPaths,
  options: CodePageOptions = {},
) {
  // For the notice after a resend; the page itself uses what the guard loaded.
  const maskedPhone = async (id: string) => {
    const status = await deps.registration.status(id);
    return status.ok ? status.value.maskedPhone : '';
  };
  codeStepRoutes(app, deps, {
    journey: 'registration',
    method,
    paths: {
      otp: paths.otp,
      resend: paths.resend,
      next: paths.password,
    },
    async at(request, reply) {
      const status = await registrationAt(deps, request, reply, method, 'otp');
      return (
        status && {
          otpExpiresAt: status.otpExpiresAt ?? deps.now(),
          resendAvailableAt: status.resendAvailableAt ?? deps.now(),
          maskedPhone: status.maskedPhone,
        }
      );
    },
    lead: (ctx, status) => format(ctx.m.code.lead, { phone: status.maskedPhone ?? '' }),
    verify: (id, code, context) => deps.registration.verifyCode(id, code, context),
    resend: (id, context) => deps.registration.resendCode(id, context),
    resentNotice: async (id) => ({ key: 'code.resent', params: { phone: await maskedPhone(id) } }),
    startAgain:
      options.wrongPhone ??
      ((ctx) => ({ href: paths.wrongNumber, text: ctx.m.code.wrongNumber, post: true })),
    otherMethods: (ctx) => ({ href: METHODS_PATH, text: ctx.m.code.otherMethods }),
  });
  if (!options.wrongPhone) wrongNumberRoute(app, deps, paths);
}

/**
 * The phone the citizen typed was wrong: the form comes back with the other entries of this registration
 * filled in (as the registration holds them, sealed), never the wrong number; the next start supersedes
 * this registration.
 */
function wrongNumberRoute(app: FastifyInstance, deps: PageDeps, paths: RegistrationPaths) {
  app.post(paths.wrongNumber, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'registration');
    const typed = id ? await deps.registration.typedEntries(id) : undefined;
    // Past the code step (or gone): the code page's guard knows where this registration is.
    if (!typed?.ok) return seeOther(reply, paths.otp);
    const { idNumber, fullName, birthDate } = typed.value;
    deps.journeys.clear(reply, 'registration');
    deps.flash.set(reply, {
      values: { idNumber, fullName, birthDate: formatDdMmYyyy(birthDate) },
      notice: { key: 'code.wrongNumberKept' },
    });
    return seeOther(reply, paths.form);
  });
}
