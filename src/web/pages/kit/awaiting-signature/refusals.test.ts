import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMessages } from '../../../i18n/api-messages.ts';
import { pageMessages } from '../../messages.ts';
import type { PageContext } from '../context.ts';
import { awaitingSignaturePaths } from './paths.ts';
import { describeRefusal, type RefusalRules } from './refusals.ts';

const ctx = {
  lang: 'vi',
  m: pageMessages.vi,
  api: apiMessages.vi,
  path: '/',
  signedIn: false,
  dev: false,
} as unknown as PageContext;
const rules: RefusalRules = {
  atStart: new Set(['RATE_LIMITED']),
  unavailable: new Set(['MOBILE_SIGNATURE_UNAVAILABLE']),
  otherMethodFirst: new Set(['SIM_PIN_BLOCKED']),
};
const paths = awaitingSignaturePaths('sim-signature');
const statusOf = (code: string) =>
  describeRefusal(ctx, pageMessages.vi.simSignature, paths, rules, code, 'registration').status;

describe('a refusal of an awaited signature as a page', () => {
  it('answers each kind of refusal with its own status, the same for every method', () => {
    assert.equal(statusOf('RATE_LIMITED'), 429);
    assert.equal(statusOf('MOBILE_SIGNATURE_UNAVAILABLE'), 503);
    assert.equal(statusOf('ACCOUNT_EXISTS'), 409);
    assert.equal(statusOf('SIGNATURE_CANCELLED'), 422);
  });

  it('leads with another method when this one cannot work for the citizen now', () => {
    const refusal = describeRefusal(
      ctx,
      pageMessages.vi.simSignature,
      paths,
      rules,
      'SIM_PIN_BLOCKED',
      'registration',
    );
    assert.equal(refusal.page.actions[0]?.href, '/register');
    const cancelled = describeRefusal(
      ctx,
      pageMessages.vi.simSignature,
      paths,
      rules,
      'SIGNATURE_CANCELLED',
      'sign-in',
    );
    assert.equal(cancelled.page.actions[0]?.href, paths.signIn);
  });
});
