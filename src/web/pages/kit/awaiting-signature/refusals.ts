/**
 * A refusal of an asynchronous signature method as a page: the API's problem texts, the status, and the ways
 * on. What differs between methods is which codes mean what (`RefusalRules`); the rest is shared.
 */
import type { PageContext } from '../context.ts';
import type { AwaitingSignaturePaths } from './paths.ts';
import type { Action } from './templates.tsx';
import type { AwaitingSignatureTexts } from './texts.ts';

export interface RefusalRules {
  /** Refusals of a start: no registration exists, so the code travels in the address. */
  atStart: ReadonlySet<string>;
  /** A partner down: 503 with Retry-After. */
  unavailable: ReadonlySet<string>;
  /** Refusals where this method cannot work for the citizen now, so another method is the first way on. */
  otherMethodFirst?: ReadonlySet<string>;
}

export type Journey = 'registration' | 'sign-in';

export function describeRefusal(
  ctx: PageContext,
  texts: AwaitingSignatureTexts,
  paths: AwaitingSignaturePaths,
  rules: RefusalRules,
  code: string,
  journey: Journey,
) {
  const s = texts;
  const problems = ctx.api.problems as Record<string, { title: string; detail: string } | undefined>;
  const problem = problems[code] ?? problems.SIGNATURE_EXPIRED ?? { title: s.refusedTitle, detail: '' };
  const again: Action = {
    href: journey === 'registration' ? paths.register.form : paths.signIn,
    text: s.startAgain,
  };
  const others: Action = {
    href: journey === 'registration' ? '/register' : '/sign-in',
    text: s.otherMethods,
  };
  const signIn: Action = { href: '/sign-in', text: s.signIn };
  const details: string[] = [];
  let actions: Action[] = [again, others];
  if (code === 'ACCOUNT_EXISTS') {
    details.push(s.existsHow);
    actions = [signIn, { href: '/forgot-password', text: ctx.m.common.forgotPassword }];
  } else if (code === 'CERTIFICATE_NOT_REGISTERED') {
    actions = [{ href: paths.register.form, text: s.register }, signIn];
  } else if (rules.otherMethodFirst?.has(code)) {
    actions = [others, again];
  }
  const status = rules.unavailable.has(code)
    ? 503
    : code === 'ACCOUNT_EXISTS'
      ? 409
      : code === 'RATE_LIMITED'
        ? 429
        : 422;
  return {
    status,
    page: {
      title: journey === 'registration' ? s.refusedTitle : s.refusedSignInTitle,
      lead: problem.title,
      details: [problem.detail, ...details].filter(Boolean),
      actions,
    },
  };
}
