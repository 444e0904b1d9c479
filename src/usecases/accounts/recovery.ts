/**
 * Password recovery ("Quên mật khẩu"): ID number + captcha → a code by SMS to the account's phone (the
 * registration's code rules and limits) → a new password (same policy, not the current one) → every
 * session of the account ends and the sign-in lock lifts. The first step answers the same whether or not
 * an account exists: for an unknown ID a decoy recovery is made that sends nothing and accepts no code.
 */
import { parseIdNumber } from '../../domain/id-number.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import { sendCode } from '../send-code.ts';
import { checkNewPassword } from './account.ts';
import type { AccountDependencies } from './dependencies.ts';
import { signInLockKeys } from './sign-in.ts';

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

  /** Sends code `number` to the account's phone; a decoy (no account) sends nothing. */
  async function sendRecoveryCode(
    recoveryId: string,
    recovery: Recovery,
    number: number,
  ): Promise<Outcome<void>> {
    const account = recovery.accountId ? await deps.accounts.findById(recovery.accountId) : undefined;
    if (!account) return success(undefined);
    return sendCode(
      { ...deps, codes: deps.recoveryCodes, rules },
      {
        owner: recoveryId,
        number,
        to: deps.protector.decrypt(account.phoneEnc),
        phoneIndex: account.phoneIndex,
        idNumberIndex: account.idNumberIndex,
        nowMs: deps.clock.now().getTime(),
      },
    );
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
      const account = await deps.accounts.findByIdNumber(subject);
      const recoveryId = deps.random.token();
      const recovery: Recovery = {
        accountId: account?.id ?? null,
        subject,
        state: 'code_sent',
        codesSent: 1,
        codeExpiresAt: now + rules.codeTtlMs,
        resendAvailableAt: now + rules.resendAfterMs,
        expiresAt: now + rules.registrationTtlMs,
      };
      const sent = await sendRecoveryCode(recoveryId, recovery, 1);
      if (!sent.ok) return sent;
      await save(recoveryId, recovery);
      deps.metrics.step('recovery', account ? 'code_sent' : 'decoy');
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
      if (recovery.resendAvailableAt > now)
        return failure('OTP_RESEND_TOO_SOON', {
          retryAfterSeconds: Math.ceil((recovery.resendAvailableAt - now) / 1000),
        });
      if (recovery.codesSent >= rules.maxCodesPerRegistration)
        return failure('OTP_LIMIT_REACHED', {
          retryAfterSeconds: Math.ceil((recovery.expiresAt - now) / 1000),
        });
      const lockKey = `recovery-resend-lock:${recoveryId}`;
      if (!(await deps.store.setIfAbsent(lockKey, '1', 10_000)))
        return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: 1 });
      try {
        const number = recovery.codesSent + 1;
        const sent = await sendRecoveryCode(recoveryId, recovery, number);
        if (!sent.ok) return sent;
        const next = {
          ...recovery,
          codesSent: number,
          codeExpiresAt: now + rules.codeTtlMs,
          resendAvailableAt: now + rules.resendAfterMs,
        };
        await save(recoveryId, next);
        return success({
          otpExpiresAt: new Date(next.codeExpiresAt),
          resendAvailableAt: new Date(next.resendAvailableAt),
        });
      } finally {
        await deps.store.delete(lockKey);
      }
    },

    async verifyCode(recoveryId: string, code: string): Promise<Outcome<{ step: 'password' }>> {
      const recovery = await load(recoveryId);
      if (!recovery) return failure('CODE_NOT_FOUND');
      if (recovery.state !== 'code_sent') return failure('STEP_NOT_ALLOWED');
      if (recovery.codeExpiresAt <= deps.clock.now().getTime()) return failure('OTP_EXPIRED');
      // A decoy has no stored code: every answer is wrong, counted and locked like a real one.
      const check = await deps.recoveryCodes.check(
        recoveryId,
        recovery.codesSent,
        /^\d{6}$/.test(code.trim()) ? code.trim() : 'x',
      );
      if (check.result === 'gone' && !recovery.accountId) {
        const counted = await deps.store.increment(
          `decoy-failures:${recoveryId}:${recovery.codesSent}`,
          rules.codeTtlMs,
        );
        const left = rules.maxWrongAnswersPerCode - counted.count;
        return left > 0 ? failure('OTP_INVALID', { attemptsLeft: left }) : failure('OTP_LOCKED');
      }
      if (check.result === 'locked') return failure('OTP_LOCKED');
      if (check.result === 'wrong') return failure('OTP_INVALID', { attemptsLeft: check.attemptsLeft });
      if (check.result === 'gone') return failure('STEP_NOT_ALLOWED');
      await save(recoveryId, { ...recovery, state: 'code_verified' });
      return success({ step: 'password' as const });
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
      await deps.accounts.updatePassword(account.id, await deps.passwords.hash(input.password), now);
      await deps.sessions.endAllOf(account.id);
      const lock = signInLockKeys(deps, deps.protector.decrypt(account.idNumberEnc));
      await Promise.all([deps.store.delete(lock.lock), deps.store.delete(lock.failures)]);
      deps.metrics.step('recovery', 'completed');
      await deps.audit.record({
        event: 'account.password_recovered',
        at: now,
        accountId: account.id,
        subject: recovery.subject,
        requestId: context.requestId,
        clientIp: context.clientIp,
      });
      return success({ accountId: account.id });
    },
  };
}

export type RecoveryUseCases = ReturnType<typeof createRecovery>;
