/** Dev-mode-only portal routes for automated tests: the answer of a captcha. Never registered in production. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CaptchaUseCases } from '../../../usecases/captcha/captcha.ts';
import { Problem, sendProblem } from '../../problem.ts';

export async function devPortalRoutes(app: FastifyInstance, options: { captchas: CaptchaUseCases }) {
  app.get(
    '/sim/captchas/:captchaId',
    {
      schema: {
        hide: true,
        params: Type.Object({ captchaId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request, reply) => {
      const { captchaId } = request.params as { captchaId: string };
      const answer = await options.captchas.revealAnswer(captchaId);
      if (!answer) return sendProblem(request, reply, new Problem(404, 'CAPTCHA_NOT_FOUND'));
      return { answer };
    },
  );
}
