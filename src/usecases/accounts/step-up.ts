/**
 * Step-up to LoA2 (hub.md "Assurance levels"): a citizen signed in with the password (LoA1) is asked only for
 * the missing factor, a code sent by SMS to the account's verified phone. The code is sent when the step-up
 * begins, through the same one-time-code engine, SMS texts and daily limits as registration and recovery;
 * once accepted, the session is replaced by one at LoA2 (amr pwd + sms), so the raised level cannot ride on a
 * token issued before it was proved.
 *
 * A step-up belongs to one hub session: its state is keyed on the session token's keyed hash, so opening the
 * page again (or in two tabs at once) shows the code already sent instead of sending another.
 */
import { maskPhone } from '../../domain/phone.ts';
import { codeCheckRefusal, codeTimes, resendRefusal, submittedCode } from '../codes/code-rules.ts';
import { createOneTimeCodes } from '../codes/one-time-codes.ts';
import { sendCode } from '../codes/send-code.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { AccountRecord } from '../ports/repositories.ts';
import type { AccountDependencies } from './dependencies.ts';
import type { Authentication, Session } from './sessions.ts';

export type StepUpDependencies = Pick<
  AccountDependencies,
  | 'accounts'
  | 'audit'
  | 'store'
  | 'sessions'
  | 'protector'
  | 'sms'
  | 'smsQuota'
  | 'clock'
  | 'random'
  | 'metrics'
  | 'codeRules'
  | 'portalName'
>;

/** Password and a code sent to the verified phone: two factors. */
export const PASSWORD_AND_SMS: Authentication = { amr: ['pwd', 'sms'], acr: 'LoA2' };

/**
 * What counts as the first factor the SMS code completes: the password, or a sign-in at an identity provider the
 * hub federates (PostID: `fed`), whose own authentication stands where the password would.
 */
const FIRST_FACTORS = ['pwd', 'fed'];
const firstFactorOf = (session: Session) => session.amr.find((method) => FIRST_FACTORS.includes(method));

export type StepUpStatus =
  /** The session is at LoA2 already: nothing to ask. */
  | { kind: 'not_needed' }
  /** The session holds no first factor (no password, no federated sign-in): the password first, then the code. */
  | { kind: 'password_first' }
  /** The account has no verified phone to send the code to: it cannot reach LoA2 this way. */
  | { kind: 'no_phone' }
  | { kind: 'code_sent'; maskedPhone: string; otpExpiresAt: Date; resendAvailableAt: Date };

interface StoredStepUp {
  accountId: string;
  codesSent: number;
  codeExpiresAt: number;
  resendAvailableAt: number;
  expiresAt: number;
}

export function createStepUp(deps: StepUpDependencies) {
  const rules = deps.codeRules;
  const codes = createOneTimeCodes({
    purpose: 'step-up',
    store: deps.store,
    protector: deps.protector,
    random: deps.random,
    length: rules.codeLength,
    retentionMs: rules.registrationTtlMs,
    maxWrongAnswers: rules.maxWrongAnswersPerCode,
  });
  const ownerOf = (session: Session) => deps.protector.blindIndex('step-up', session.token);
  const key = (owner: string) => `step-up:${owner}`;
  const ttl = (stepUp: StoredStepUp) => Math.max(1, stepUp.expiresAt - deps.clock.now().getTime());

  async function load(owner: string, accountId: string): Promise<StoredStepUp | undefined> {
    const raw = await deps.store.get(key(owner));
    const stepUp = raw ? (JSON.parse(raw) as StoredStepUp) : undefined;
    const live = stepUp && stepUp.accountId === accountId && stepUp.expiresAt > deps.clock.now().getTime();
    return live ? stepUp : undefined;
  }

  const codeSent = (account: AccountRecord, stepUp: StoredStepUp): StepUpStatus => ({
    kind: 'code_sent',
    maskedPhone: account.phone ? maskPhone(deps.protector.decrypt(account.phone.enc)) : '',
    otpExpiresAt: new Date(stepUp.codeExpiresAt),
    resendAvailableAt: new Date(stepUp.resendAvailableAt),
  });

  /** Code `number` to the account's verified phone, within the daily SMS limits. */
  const send = (account: AccountRecord, owner: string, number: number, nowMs: number) => {
    const phone = account.phone as NonNullable<AccountRecord['phone']>;
    return sendCode(
      {
        codes,
        sms: deps.sms,
        smsQuota: deps.smsQuota,
        metrics: deps.metrics,
        rules,
        portalName: deps.portalName,
      },
      {
        purpose: 'step_up',
        owner,
        number,
        to: deps.protector.decrypt(phone.enc),
        phoneIndex: phone.index,
        idNumberIndex: account.subjectIndex,
        nowMs,
      },
    );
  };

  /** What the session needs before a code can be sent, or the account when a code may be. */
  async function precondition(
    session: Session,
  ): Promise<Outcome<{ stop: StepUpStatus } | { account: AccountRecord }>> {
    const account = await deps.accounts.findById(session.accountId);
    if (!account) return failure('UNAUTHENTICATED');
    if (session.acr === 'LoA2') return success({ stop: { kind: 'not_needed' } });
    if (!firstFactorOf(session)) return success({ stop: { kind: 'password_first' } });
    if (!account.phone) return success({ stop: { kind: 'no_phone' } });
    return success({ account });
  }

  return {
    /**
     * Where the step-up of this session is; the first call sends code 1. Later calls (the page opened again,
     * a second tab) answer with the code already sent: only `resend` sends another.
     */
    async begin(session: Session): Promise<Outcome<StepUpStatus>> {
      const ready = await precondition(session);
      if (!ready.ok) return ready;
      if ('stop' in ready.value) return success(ready.value.stop);
      const { account } = ready.value;
      const owner = ownerOf(session);
      const nowMs = deps.clock.now().getTime();
      const times = codeTimes(rules, nowMs);
      const stepUp: StoredStepUp = {
        accountId: account.id,
        codesSent: 1,
        codeExpiresAt: times.codeExpiresAtMs,
        resendAvailableAt: times.resendAvailableAtMs,
        expiresAt: nowMs + rules.registrationTtlMs,
      };
      // Claimed before sending, so two simultaneous openings send one SMS between them.
      if (!(await deps.store.setIfAbsent(key(owner), JSON.stringify(stepUp), ttl(stepUp)))) {
        const existing = await load(owner, account.id);
        return existing ? success(codeSent(account, existing)) : failure('STEP_NOT_ALLOWED');
      }
      const sent = await send(account, owner, 1, nowMs);
      if (!sent.ok) {
        await deps.store.delete(key(owner));
        deps.metrics.step('step_up', 'code_not_sent', { reason: sent.failure.code });
        return sent;
      }
      deps.metrics.step('step_up', 'code_sent');
      return success(codeSent(account, stepUp));
    },

    /** The step-up in progress, without sending anything (the code page's guard). */
    async status(session: Session): Promise<Outcome<StepUpStatus>> {
      const ready = await precondition(session);
      if (!ready.ok) return ready;
      if ('stop' in ready.value) return success(ready.value.stop);
      const { account } = ready.value;
      const stepUp = await load(ownerOf(session), account.id);
      return stepUp ? success(codeSent(account, stepUp)) : failure('CODE_NOT_FOUND');
    },

    async resend(session: Session): Promise<Outcome<StepUpStatus>> {
      const ready = await precondition(session);
      if (!ready.ok) return ready;
      if ('stop' in ready.value) return success(ready.value.stop);
      const { account } = ready.value;
      const owner = ownerOf(session);
      const stepUp = await load(owner, account.id);
      if (!stepUp) return failure('CODE_NOT_FOUND');
      const nowMs = deps.clock.now().getTime();
      const refusal = resendRefusal(
        rules,
        {
          codesSent: stepUp.codesSent,
          codeExpiresAtMs: stepUp.codeExpiresAt,
          resendAvailableAtMs: stepUp.resendAvailableAt,
          journeyExpiresAtMs: stepUp.expiresAt,
        },
        nowMs,
      );
      if (refusal) return refusal;
      const lockKey = `step-up-resend-lock:${owner}`;
      if (!(await deps.store.setIfAbsent(lockKey, '1', 10_000)))
        return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: 1 });
      try {
        const number = stepUp.codesSent + 1;
        const sent = await send(account, owner, number, nowMs);
        if (!sent.ok) return sent;
        const times = codeTimes(rules, nowMs);
        const next = {
          ...stepUp,
          codesSent: number,
          codeExpiresAt: times.codeExpiresAtMs,
          resendAvailableAt: times.resendAvailableAtMs,
        };
        await deps.store.set(key(owner), JSON.stringify(next), ttl(next));
        deps.metrics.step('step_up', 'code_resent');
        return success(codeSent(account, next));
      } finally {
        await deps.store.delete(lockKey);
      }
    },

    /**
     * The code the citizen received. Accepted once: the session is replaced by one at LoA2 (authenticated
     * now), the old one ends, and the new one is returned for the browser's cookie.
     */
    async verify(
      session: Session,
      code: string,
      context: RequestContext,
    ): Promise<Outcome<{ session: Session }>> {
      const ready = await precondition(session);
      if (!ready.ok) return ready;
      if ('stop' in ready.value) return failure('STEP_NOT_ALLOWED');
      const { account } = ready.value;
      const owner = ownerOf(session);
      const stepUp = await load(owner, account.id);
      if (!stepUp) return failure('CODE_NOT_FOUND');
      const now = deps.clock.now();
      if (stepUp.codeExpiresAt <= now.getTime()) return failure('OTP_EXPIRED');
      const check = await codes.check(owner, stepUp.codesSent, submittedCode(rules, code));
      const refusal = codeCheckRefusal(check);
      if (refusal) {
        deps.metrics.step('step_up', check.result);
        return refusal;
      }
      await deps.store.delete(key(owner));
      const first = firstFactorOf(session) ?? 'pwd';
      const raised = await deps.sessions.create(
        account.id,
        first === 'pwd' ? PASSWORD_AND_SMS : { amr: [first, 'sms'], acr: 'LoA2' },
        now,
      );
      await deps.sessions.end(session.token);
      deps.metrics.step('step_up', 'stepped_up');
      await deps.audit.record({
        event: 'session.stepped_up',
        at: now,
        accountId: account.id,
        subject: account.subjectIndex,
        requestId: context.requestId,
        clientIp: context.clientIp,
      });
      return success({ session: raised });
    },
  };
}

export type StepUp = ReturnType<typeof createStepUp>;
