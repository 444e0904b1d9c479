/**
 * Password recovery ("Quên mật khẩu"): ID number + captcha → a code by SMS to the account's phone (the
 * registration's code rules) → a new password (same policy, not the current one) → every session of the
 * account ends and the sign-in lock lifts.
 *
 * Nothing a caller can observe depends on whether the ID number has an account; for an unknown one a
 * decoy recovery is made that sends nothing and accepts no code. How each observable is kept equal:
 * - Statuses and how many before 429: the only limit a caller can meet is `recoveryCodesPerIdNumberPerDay`
 *   (starts and resends, per ID-number index, 24 h sliding window), reserved before the account is looked
 *   up, with the same key and count for both. The SMS limits per phone and per ID number (shared with
 *   registration) still apply to real codes, but silently: a code over them is not sent, and the answer
 *   is the same 201. So is an SMS centre that cannot take the message (nothing counts then).
 * - Codes: a decoy stores an unmatchable code hash (`issueDecoy`) where a real recovery stores the code's
 *   hash, so answers are compared, counted and locked by the same one-time-code path.
 * - Timing: the answer is given before any SMS work. Both paths do the same foreground work (captcha, the
 *   limit, one account look-up, one code stored with the same crypto, the recovery saved); the real SMS
 *   (SMS limits, then the hand-over to the SMS centre, milliseconds) runs after the answer, on its own.
 *   A decoy sends no SMS to anybody and does no fake hand-over.
 * The cost: a citizen over the SMS limits, or during an SMS centre outage, is told a code was sent and
 * gets none; resend (after 60 s) or a new start tomorrow is the way out, as for any lost SMS.
 */
import { parseIdNumber } from '../../domain/id-number.ts';
import type { PersonalData } from '../../domain/password.ts';
import { afterCommit } from '../after-commit.ts';
import { codeCheckRefusal, codeTimes, resendRefusal, submittedCode } from '../codes/code-rules.ts';
import { deliverIssuedCode } from '../codes/send-code.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { AccountRecord, EncryptedContact } from '../ports/repositories.ts';
import { checkNewPassword, personalDataOf } from './account.ts';
import type { AccountDependencies } from './dependencies.ts';
import { signInLockKeys } from './sign-in.ts';

const DAY_MS = 24 * 60 * 60_000;

interface Recovery {
  accountId: string | null;
  subject: string;
  state: 'code_sent' | 'code_verified';
  codesSent: number;
  codeExpiresAt: number;
  resendAvailableAt: number;
  expiresAt: number;
}

export interface RecoveryStarted {
  recoveryId: string;
  otpExpiresAt: Date;
  resendAvailableAt: Date;
}

export function createRecovery(deps: AccountDependencies) {
  const rules = deps.codeRules;
  const key = (id: string) => `recovery:${id}`;
  const load = async (id: string): Promise<Recovery | undefined> => {
    const raw = /^[\w-]{16,64}$/.test(id) ? await deps.store.get(key(id)) : null;
    const recovery = raw ? (JSON.parse(raw) as Recovery) : undefined;
    return recovery && recovery.expiresAt > deps.clock.now().getTime() ? recovery : undefined;
  };
  const save = (id: string, recovery: Recovery) =>
    deps.store.set(
      key(id),
      JSON.stringify(recovery),
      Math.max(1, recovery.expiresAt - deps.clock.now().getTime()),
    );

  /** The per-ID-number limit, the same for every ID number: reserved before any look-up. */
  const reserveRecoveryCode = (subject: string, eventId: string, nowMs: number) =>
    deps.store.reserveInWindow(
      `recovery-codes:${subject}`,
      eventId,
      nowMs,
      DAY_MS,
      rules.recoveryCodesPerIdNumberPerDay,
    );

  /**
   * Stores code `number` (a decoy's matches nothing) with the same work either way. Returns what to call
   * once the answer is ready: it sends a real code to the account's phone after the answer has left.
   */
  async function issueCode(
    recoveryId: string,
    number: number,
    account: AccountRecord | undefined,
  ): Promise<() => void> {
    if (!account?.phone) {
      await deps.recoveryCodes.issueDecoy(recoveryId, number);
      return () => {};
    }
    const code = await deps.recoveryCodes.issue(recoveryId, number);
    const nowMs = deps.clock.now().getTime();
    const phone = account.phone;
    return () =>
      setImmediate(() => void deliverInBackground(recoveryId, number, { account, phone }, code, nowMs));
  }

  async function deliverInBackground(
    recoveryId: string,
    number: number,
    to: { account: AccountRecord; phone: EncryptedContact },
    code: string,
    nowMs: number,
  ) {
    try {
      const delivered = await deliverIssuedCode(
        { ...deps, rules },
        {
          purpose: 'recovery',
          owner: recoveryId,
          number,
          code,
          to: deps.protector.decrypt(to.phone.enc),
          phoneIndex: to.phone.index,
          idNumberIndex: to.account.subjectIndex,
          nowMs,
        },
      );
      deps.metrics.step('recovery', delivered === 'sent' ? 'code_sent' : 'code_not_sent', {
        ...(delivered !== 'sent' && { reason: delivered }),
      });
    } catch (error) {
      // Nobody waits for this answer any more; the store or SMS centre failure shows in readiness.
      deps.metrics.step('recovery', 'code_not_sent', { reason: 'error' });
      deps.warn?.('recovery code not delivered', {
        recoveryId,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  /** The account behind a recovery, by the same query for a decoy (which finds none of its own). */
  async function accountOf(recovery: Recovery): Promise<AccountRecord | undefined> {
    const account = await deps.accounts.findBySubject(recovery.subject);
    return account && account.id === recovery.accountId ? account : undefined;
  }

  return {
    /** Where a recovery is (for the pages' journey guard); a decoy looks the same as a real one. */
    async status(
      recoveryId: string,
    ): Promise<Outcome<{ step: 'otp' | 'password'; otpExpiresAt: Date; resendAvailableAt: Date }>> {
      const recovery = await load(recoveryId);
      if (!recovery) return failure('CODE_NOT_FOUND');
      return success({
        step: recovery.state === 'code_sent' ? ('otp' as const) : ('password' as const),
        otpExpiresAt: new Date(recovery.codeExpiresAt),
        resendAvailableAt: new Date(recovery.resendAvailableAt),
      });
    },

    async start(
      input: { idNumber: string; captchaId: string; captchaAnswer: string },
      _context: RequestContext,
    ): Promise<Outcome<RecoveryStarted>> {
      const idNumber = parseIdNumber(input.idNumber.trim());
      if (!idNumber.ok)
        return failure('VALIDATION_FAILED', { fieldErrors: [{ field: 'idNumber', code: idNumber.error }] });
      if (!(await deps.verifyCaptcha(input.captchaId, input.captchaAnswer)))
        return failure('CAPTCHA_INVALID');
      const now = deps.clock.now().getTime();
      const subject = deps.protector.blindIndex('id', idNumber.value.number);
      const recoveryId = deps.random.token();
      const allowed = await reserveRecoveryCode(subject, `${recoveryId}:1`, now);
      if (!allowed.allowed)
        return failure('RATE_LIMITED', {
          limit: 'RECOVERY_PER_ID_NUMBER',
          retryAfterSeconds: Math.ceil(allowed.retryAfterMs / 1000),
        });
      const account = await deps.accounts.findBySubject(subject);
      const times = codeTimes(rules, now);
      const recovery: Recovery = {
        accountId: account?.id ?? null,
        subject,
        state: 'code_sent',
        codesSent: 1,
        codeExpiresAt: times.codeExpiresAtMs,
        resendAvailableAt: times.resendAvailableAtMs,
        expiresAt: now + rules.registrationTtlMs,
      };
      const sendAfterAnswering = await issueCode(recoveryId, 1, account);
      await save(recoveryId, recovery);
      sendAfterAnswering();
      if (!account) deps.metrics.step('recovery', 'decoy');
      return success({
        recoveryId,
        otpExpiresAt: new Date(recovery.codeExpiresAt),
        resendAvailableAt: new Date(recovery.resendAvailableAt),
      });
    },

    async resendCode(recoveryId: string): Promise<Outcome<Omit<RecoveryStarted, 'recoveryId'>>> {
      const recovery = await load(recoveryId);
      if (!recovery) return failure('CODE_NOT_FOUND');
      if (recovery.state !== 'code_sent') return failure('STEP_NOT_ALLOWED');
      const now = deps.clock.now().getTime();
      const refusal = resendRefusal(
        rules,
        {
          codesSent: recovery.codesSent,
          codeExpiresAtMs: recovery.codeExpiresAt,
          resendAvailableAtMs: recovery.resendAvailableAt,
          journeyExpiresAtMs: recovery.expiresAt,
        },
        now,
      );
      if (refusal) return refusal;
      const lockKey = `recovery-resend-lock:${recoveryId}`;
      if (!(await deps.store.setIfAbsent(lockKey, '1', 10_000)))
        return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: 1 });
      let sendAfterAnswering = () => {};
      try {
        const number = recovery.codesSent + 1;
        const allowed = await reserveRecoveryCode(recovery.subject, `${recoveryId}:${number}`, now);
        if (!allowed.allowed)
          return failure('RATE_LIMITED', {
            limit: 'RECOVERY_PER_ID_NUMBER',
            retryAfterSeconds: Math.ceil(allowed.retryAfterMs / 1000),
          });
        sendAfterAnswering = await issueCode(recoveryId, number, await accountOf(recovery));
        const times = codeTimes(rules, now);
        const next = {
          ...recovery,
          codesSent: number,
          codeExpiresAt: times.codeExpiresAtMs,
          resendAvailableAt: times.resendAvailableAtMs,
        };
        await save(recoveryId, next);
        return success({
          otpExpiresAt: new Date(next.codeExpiresAt),
          resendAvailableAt: new Date(next.resendAvailableAt),
        });
      } finally {
        await deps.store.delete(lockKey);
        sendAfterAnswering();
      }
    },

    async verifyCode(recoveryId: string, code: string): Promise<Outcome<{ step: 'password' }>> {
      const recovery = await load(recoveryId);
      if (!recovery) return failure('CODE_NOT_FOUND');
      if (recovery.state !== 'code_sent') return failure('STEP_NOT_ALLOWED');
      if (recovery.codeExpiresAt <= deps.clock.now().getTime()) return failure('OTP_EXPIRED');
      // A decoy's stored code matches nothing: its answers are counted and locked like real ones.
      const check = await deps.recoveryCodes.check(
        recoveryId,
        recovery.codesSent,
        submittedCode(rules, code),
      );
      const refusal = codeCheckRefusal(check);
      if (refusal) return refusal;
      await save(recoveryId, { ...recovery, state: 'code_verified' });
      return success({ step: 'password' as const });
    },

    /** For the live password check: only once the code is verified, as the password step itself. */
    async passwordPersonalData(recoveryId: string): Promise<Outcome<PersonalData>> {
      const recovery = await load(recoveryId);
      if (!recovery?.accountId) return failure('CODE_NOT_FOUND');
      if (recovery.state !== 'code_verified') return failure('STEP_NOT_ALLOWED');
      const account = await deps.accounts.findById(recovery.accountId);
      return account ? success(personalDataOf(deps, account)) : failure('CODE_NOT_FOUND');
    },

    async setPassword(
      recoveryId: string,
      input: { password: string; confirmPassword: string },
      context: RequestContext,
    ): Promise<Outcome<{ accountId: string }>> {
      const recovery = await load(recoveryId);
      if (!recovery?.accountId) return failure('CODE_NOT_FOUND');
      if (recovery.state !== 'code_verified') return failure('STEP_NOT_ALLOWED');
      const account = await deps.accounts.findById(recovery.accountId);
      if (!account) return failure('CODE_NOT_FOUND');
      const policyFailure = await checkNewPassword(deps, account, input.password, input.confirmPassword);
      if (policyFailure) return policyFailure;
      const lockKey = `recovery-password-lock:${recoveryId}`;
      if (!(await deps.store.setIfAbsent(lockKey, '1', 60_000))) return failure('STEP_NOT_ALLOWED');
      const now = deps.clock.now();
      if (!(await deps.store.take(key(recoveryId)))) return failure('STEP_NOT_ALLOWED');
      const hash = await deps.passwords.hash(input.password);
      // Sessions end before the password changes: a failure between the two leaves the old password and no
      // sessions, never the new password beside sessions that may be an intruder's.
      await deps.sessions.endAllOf(account.id);
      await deps.accounts.setPassword(account.id, hash, now);
      deps.metrics.step('recovery', 'completed');
      const details = { accountId: account.id };
      const lock = signInLockKeys(deps, deps.protector.decrypt(account.idNumberEnc));
      await afterCommit(deps.warn, 'sign-in lock not lifted after a recovery', details, () =>
        Promise.all([deps.store.delete(lock.lock), deps.store.delete(lock.failures)]),
      );
      await afterCommit(deps.warn, 'audit of a recovery not written', details, () =>
        deps.audit.record({
          event: 'account.password_recovered',
          at: now,
          accountId: account.id,
          subject: recovery.subject,
          requestId: context.requestId,
          clientIp: context.clientIp,
        }),
      );
      return success({ accountId: account.id });
    },
  };
}

export type RecoveryUseCases = ReturnType<typeof createRecovery>;
