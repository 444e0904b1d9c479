/**
 * Captcha API: create one (POST /api/v1/captchas), fetch its image (GET …/{captchaId}/image) or the recording
 * of the same characters spoken one by one (GET …/{captchaId}/audio, Vietnamese or English): the answer is
 * in neither address nor markup, only in the pixels and the sound.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CaptchaUseCases } from '../../../usecases/captcha/captcha.ts';
import { pageMessages } from '../../i18n/catalog/index.ts';
import { isLanguage, type Language } from '../../i18n/language.ts';
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

  app.get(
    '/api/v1/captchas/:captchaId/audio',
    {
      schema: {
        tags: ['captcha'],
        summary: "The captcha's characters spoken one by one (WAV), for citizens who cannot see the image",
        params: Type.Object({ captchaId: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({
          lang: Type.Optional(
            Type.String({ maxLength: 8, description: 'vi or en; else the request language' }),
          ),
        }),
        response: {
          200: { description: 'WAV audio', content: { 'audio/wav': { schema: Type.String() } } },
          ...problems(404, 429),
        },
      },
    },
    async (request, reply) => {
      const { captchaId } = request.params as { captchaId: string };
      const { lang } = request.query as { lang?: string };
      const voice = isLanguage(lang) ? lang : request.language;
      const clip = await captchas.audio(captchaId, voice, (characters) => captchaScript(characters, voice));
      if (!clip.ok) return replyFailure(request, reply, clip.failure);
      reply.header('cache-control', 'no-store');
      return reply.type(clip.value.contentType).send(clip.value.body);
    },
  );
}

/** "The characters to type are: letter em. number five. … Once more: …", each character on its own. */
export function captchaScript(characters: string[], lang: Language): string {
  const words = pageMessages[lang].captchaAudio as Record<string, string>;
  const spoken = characters.map((character) => words[character] ?? character).join('. ');
  return `${words.intro}: ${spoken}. ${words.again}: ${spoken}.`;
}
