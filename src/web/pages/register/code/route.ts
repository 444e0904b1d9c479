/**
 * Enter the code of a registration: the masked phone, the time left, when a new code may be asked for,
 * resend, and the attempts left after a wrong code (the shared code step does the rest).
 */
import type { FastifyInstance } from 'fastify';
import { codeStepRoutes } from '../../kit/code-step.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { format } from '../../messages.ts';
import { registrationAt } from '../guard.ts';
import { REGISTRATION_PATHS } from '../paths.ts';

export async function registrationCodePage(app: FastifyInstance, deps: PageDeps) {
  // For the notice after a resend; the page itself uses what the guard loaded.
  const maskedPhone = async (id: string) => {
    const status = await deps.registration.status(id);
    return status.ok ? status.value.maskedPhone : '';
  };
  codeStepRoutes(app, deps, {
    journey: 'registration',
    paths: {
      otp: REGISTRATION_PATHS.otp,
      resend: REGISTRATION_PATHS.resend,
      next: REGISTRATION_PATHS.password,
    },
    async at(request, reply) {
      const status = await registrationAt(deps, request, reply, 'otp');
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
    startAgain: (ctx) => ({ href: REGISTRATION_PATHS.form, text: ctx.m.code.wrongNumber }),
  });
}
