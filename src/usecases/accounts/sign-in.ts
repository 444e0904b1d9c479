/**
 * Sign-in with the ID number (an organisation: the tax code) and password. Unknown users, wrong passwords and
 * accounts without a password (made by a certificate or PostID) get the same answer after the same work (a
 * dummy hash is verified); five consecutive failures lock password sign-in for 15 minutes,
 * counted per username (existing or not, so the lock reveals nothing) and, generously, per IP.
 *
 * Both limits count before they check: an attempt first claims a slot of the username's failure counter
 * and of the IP's failure budget, each in one atomic store operation, and only an attempt holding both is
 * verified. So however many attempts race, at most `maxConsecutiveFailures` verifications per username are
 * in flight or done between successes, and the IP budget is never exceeded. A success resets the
 * username's counter and gives its IP slot back (it was not a failure); an attempt refused by one limit
 * gives back the slot it took from the other. The lock itself keeps its end time by the injected clock.
 */
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { AccountDependencies } from './dependencies.ts';
import { PASSWORD_SIGN_IN, type Session } from './sessions.ts';
import { subjectIndexOfUsername } from './subject-index.ts';

/** Keys of the consecutive-failure counter and of the lock (which holds its end time, by the injected clock). */
export function signInLockKeys(deps: Pick<AccountDependencies, 'protector'>, username: string) {
  const subject = deps.protector.blindIndex('id', username.trim());
  return { failures: `signin-failures:${subject}`, lock: `signin-lock:${subject}` };
}

const IP_WINDOW_MS = 10 * 60_000;

export function createSignIn(deps: AccountDependencies) {
  const { signInRules: rules } = deps;
  // Made once, up front, so that even the first unknown user costs exactly one verification.
  const dummyHash = deps.passwords.hash(deps.random.token());

  /** The lock's end time, by the injected clock; an ended lock is lifted here, once, with its counter. */
  async function lockedUntil(keys: ReturnType<typeof signInLockKeys>, nowMs: number): Promise<number> {
    const stored = await deps.store.get(keys.lock);
    const until = Number(stored ?? 0);
    if (stored !== null && until <= nowMs && (await deps.store.compareAndDelete(keys.lock, stored)))
      await deps.store.delete(keys.failures);
    return until > nowMs ? until : 0;
  }

  /** Claims a verification slot per username and per IP; refuses (nothing held) when either is used up. */
  async function claimVerification(
    keys: ReturnType<typeof signInLockKeys>,
    ipKey: string,
  ): Promise<'claimed' | 'user_limited' | 'ip_limited'> {
    const user = await deps.store.incrementIfBelow(keys.failures, rules.maxConsecutiveFailures, rules.lockMs);
    if (!user.allowed) return 'user_limited';
    const ip = await deps.store.incrementIfBelow(ipKey, rules.failuresPerIpPer10Minutes, IP_WINDOW_MS);
    if (ip.allowed) return 'claimed';
    await deps.store.decrement(keys.failures);
    return 'ip_limited';
  }

  /** True for the one failed attempt that finds every slot used and sets the lock. */
  async function lockIfSlotsUsed(keys: ReturnType<typeof signInLockKeys>, nowMs: number): Promise<boolean> {
    const failures = Number((await deps.store.get(keys.failures)) ?? 0);
    if (failures < rules.maxConsecutiveFailures) return false;
    return deps.store.setIfAbsent(keys.lock, String(nowMs + rules.lockMs), rules.lockMs);
  }

  return async function signIn(
    input: { username: string; password: string },
    context: RequestContext,
  ): Promise<Outcome<{ session: Session }>> {
    const now = deps.clock.now();
    const keys = signInLockKeys(deps, input.username);
    const ipKey = `signin-failures-ip:${deps.protector.blindIndex('ip', context.clientIp)}`;
    const subject = subjectIndexOfUsername(deps.protector, input.username);

    const until = await lockedUntil(keys, now.getTime());
    if (until > 0) {
      deps.metrics.step('sign_in', 'locked');
      return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) });
    }
    const claim = await claimVerification(keys, ipKey);
    if (claim === 'user_limited') {
      // Every slot is held by attempts still being verified; the last of them sets the lock.
      deps.metrics.step('sign_in', 'locked');
      return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil(rules.lockMs / 1000) });
    }
    if (claim === 'ip_limited') {
      deps.metrics.step('sign_in', 'ip_limited');
      return failure('RATE_LIMITED', { retryAfterSeconds: IP_WINDOW_MS / 1000 });
    }

    const account = await deps.accounts.findBySubject(subject);
    const verified = await deps.passwords.verify(
      account?.password?.hash ?? (await dummyHash),
      input.password,
    );
    if (!account?.password || !verified) {
      const locked = await lockIfSlotsUsed(keys, now.getTime());
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

    await Promise.all([deps.store.delete(keys.failures), deps.store.decrement(ipKey)]);
    if (deps.passwords.needsRehash(account.password.hash)) {
      await deps.accounts.setPassword(
        account.id,
        await deps.passwords.hash(input.password),
        account.password.changedAt,
      );
    }
    const session = await deps.sessions.create(account.id, PASSWORD_SIGN_IN);
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
