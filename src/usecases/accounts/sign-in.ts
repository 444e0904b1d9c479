/**
 * Sign-in with the ID number and password. Unknown users and wrong passwords get the same answer after the
 * same work (a dummy hash is verified); five consecutive failures lock password sign-in for 15 minutes,
 * counted per username (existing or not, so the lock reveals nothing) and, generously, per IP.
 */
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { AccountDependencies } from './dependencies.ts';
import type { Session } from './sessions.ts';

/** Keys of the consecutive-failure counter and of the lock (which holds its end time, by the injected clock). */
export function signInLockKeys(deps: Pick<AccountDependencies, 'protector'>, username: string) {
  const subject = deps.protector.blindIndex('id', username.trim());
  return { failures: `signin-failures:${subject}`, lock: `signin-lock:${subject}` };
}

export function createSignIn(deps: AccountDependencies) {
  const { signInRules: rules } = deps;
  // Made once, up front, so that even the first unknown user costs exactly one verification.
  const dummyHash = deps.passwords.hash(deps.random.token());

  return async function signIn(
    input: { username: string; password: string },
    context: RequestContext,
  ): Promise<Outcome<{ session: Session }>> {
    const now = deps.clock.now();
    const keys = signInLockKeys(deps, input.username);
    const ipKey = `signin-failures-ip:${deps.protector.blindIndex('ip', context.clientIp)}`;
    const subject = deps.protector.blindIndex('id', input.username.trim());

    const lockedUntil = Number((await deps.store.get(keys.lock)) ?? 0);
    if (lockedUntil > now.getTime()) {
      deps.metrics.step('sign_in', 'locked');
      return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) });
    }
    if (lockedUntil > 0) await Promise.all([deps.store.delete(keys.lock), deps.store.delete(keys.failures)]);
    const ipFailures = Number((await deps.store.get(ipKey)) ?? 0);
    if (ipFailures >= rules.failuresPerIpPer10Minutes) {
      deps.metrics.step('sign_in', 'ip_limited');
      return failure('RATE_LIMITED', { retryAfterSeconds: 600 });
    }

    const account = await deps.accounts.findByIdNumber(subject);
    const verified = await deps.passwords.verify(account?.passwordHash ?? (await dummyHash), input.password);
    if (!account || !verified) {
      const counted = await deps.store.increment(keys.failures, rules.lockMs);
      await deps.store.increment(ipKey, 10 * 60_000);
      const locked = counted.count >= rules.maxConsecutiveFailures;
      if (locked) await deps.store.set(keys.lock, String(now.getTime() + rules.lockMs), rules.lockMs);
      deps.metrics.step('sign_in', locked ? 'locked' : 'failed');
      await deps.audit.record({
        event: locked ? 'session.locked' : 'session.sign_in_failed',
        at: now,
        subject,
        ...(account && { accountId: account.id }),
        requestId: context.requestId,
        clientIp: context.clientIp,
      });
      return failure('INVALID_CREDENTIALS');
    }

    await deps.store.delete(keys.failures);
    if (deps.passwords.needsRehash(account.passwordHash)) {
      await deps.accounts.updatePassword(
        account.id,
        await deps.passwords.hash(input.password),
        account.passwordChangedAt,
      );
    }
    const session = await deps.sessions.create(account.id);
    deps.metrics.step('sign_in', 'signed_in');
    await deps.audit.record({
      event: 'session.signed_in',
      at: now,
      accountId: account.id,
      subject,
      requestId: context.requestId,
      clientIp: context.clientIp,
    });
    return success({ session });
  };
}
