/** Captcha API: create one (POST /api/v1/captchas) and fetch its image (GET …/{captchaId}/image). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CaptchaUseCases } from '../../../usecases/captcha/captcha.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';

export async function captchaRoutes(app: FastifyInstance, options: { captchas: CaptchaUseCases }) {
  const { captchas } = options;

  app.post(
    '/api/v1/captchas',
    {
      schema: {
        tags: ['captcha'],
        summary: 'Create a captcha (single use, valid 2 minutes)',
        response: {
          201: Type.Object({ captchaId: Type.String(), imageUrl: Type.String(), expiresAt: DateTime }),
          ...problems(429),
        },
      },
    },
    async (request, reply) => {
      const created = await captchas.create(request.ip);
      if (!created.ok) return replyFailure(request, reply, created.failure);
      const { captchaId, expiresAt } = created.value;
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        captchaId,
        imageUrl: `/api/v1/captchas/${captchaId}/image`,
        expiresAt: expiresAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/v1/captchas/:captchaId/image',
    {
      schema: {
        tags: ['captcha'],
        summary: 'The captcha image (SVG)',
        params: Type.Object({ captchaId: Type.String({ maxLength: 64 }) }),
        response: {
          200: { description: 'SVG image', content: { 'image/svg+xml': { schema: Type.String() } } },
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const { captchaId } = request.params as { captchaId: string };
      const image = await captchas.image(captchaId);
      if (!image.ok) return replyFailure(request, reply, image.failure);
      reply.header('cache-control', 'no-store');
      return reply.type(image.value.contentType).send(image.value.body);
    },
  );
}
