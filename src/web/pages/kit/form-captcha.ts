/**
 * The captcha a form page shows: the one the citizen already answered, kept from a post that was sent back
 * for its fields (never checked, so never spent), while it is still live; otherwise a new one.
 */
import type { FastifyRequest } from 'fastify';
import type { Outcome } from '../../../usecases/outcome.ts';
import { success } from '../../../usecases/outcome.ts';
import type { PageDeps } from './deps.ts';
import type { Flash } from './flash.ts';

export interface FormCaptcha {
  id: string;
  /** What the citizen typed for a kept captcha; empty for a new one. */
  answer: string;
  /** Whether the recording of the characters can be offered. */
  audio: boolean;
}

export async function formCaptcha(
  deps: PageDeps,
  request: FastifyRequest,
  kept: Flash['captcha'],
): Promise<Outcome<FormCaptcha>> {
  const audio = deps.captchas.audioAvailable();
  if (kept && (await deps.captchas.isLive(kept.id)))
    return success({ id: kept.id, answer: kept.answer, audio });
  const created = await deps.captchas.create(request.ip);
  return created.ok ? success({ id: created.value.captchaId, answer: '', audio }) : created;
}

/** What to keep of a post sent back before its captcha was checked. */
export const unchecked = (values: { captchaId?: string; captchaAnswer?: string }): Flash['captcha'] =>
  values.captchaId ? { id: values.captchaId, answer: values.captchaAnswer ?? '' } : undefined;
