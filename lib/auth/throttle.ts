// Throttling of sign-in, token creation and sign-up, kept in Redis (rate-limiter-flexible) so
// every web process shares the counts. Failed sign-ins count per account and per client
// address; a success clears the account's count. Sign-ups count per address and per email.
// When Redis is unreachable the checks let requests through (and log): throttling protects
// accounts, it must not take sign-in down with it.
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';

type Limiters = {
  signinAccount: RateLimiterRedis;
  signinAddress: RateLimiterRedis;
  signupAddress: RateLimiterRedis;
  signupEmail: RateLimiterRedis;
  resetAddress: RateLimiterRedis;
  resetEmail: RateLimiterRedis;
};

const globalForThrottle = globalThis as unknown as { atelierThrottle?: { redis: IORedis; limiters: Limiters } };

function limiters(): Limiters {
  if (globalForThrottle.atelierThrottle) return globalForThrottle.atelierThrottle.limiters;
  const e = env();
  const redis = new IORedis(e.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', () => undefined); // reported per call below
  const make = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: `${e.QUEUE_PREFIX}:throttle:${name}`, points, duration });
  const l: Limiters = {
    signinAccount: make('signin-account', e.SIGNIN_MAX_FAILURES_PER_ACCOUNT, e.SIGNIN_THROTTLE_WINDOW_S),
    signinAddress: make('signin-address', e.SIGNIN_MAX_FAILURES_PER_ADDRESS, e.SIGNIN_THROTTLE_WINDOW_S),
    signupAddress: make('signup-address', e.SIGNUP_MAX_PER_ADDRESS, 3600),
    signupEmail: make('signup-email', e.SIGNUP_MAX_PER_EMAIL, 3600),
    resetAddress: make('reset-address', e.PASSWORD_RESET_MAX_PER_ADDRESS, 3600),
    resetEmail: make('reset-email', e.PASSWORD_RESET_MAX_PER_EMAIL, 3600),
  };
  globalForThrottle.atelierThrottle = { redis, limiters: l };
  return l;
}

export class Throttled extends ApiError {
  constructor(retryAfterSeconds: number, what: string) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super('too_many_requests', `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, retryAfterSeconds);
  }
}

function redisFailed(err: unknown) {
  if (err instanceof RateLimiterRes) return false;
  console.error('[throttle] Redis unavailable, not throttling', err);
  return true;
}

const accountKey = (email: string) => email.trim().toLowerCase().slice(0, 254);

/** Seconds until this account and address may try to sign in again, or 0 when they may now. */
export async function signInBlockedFor(email: string, address: string): Promise<number> {
  const l = limiters();
  try {
    const [account, addr] = await Promise.all([l.signinAccount.get(accountKey(email)), l.signinAddress.get(address)]);
    let wait = 0;
    if (account && account.consumedPoints >= l.signinAccount.points) wait = Math.max(wait, account.msBeforeNext);
    if (addr && addr.consumedPoints >= l.signinAddress.points) wait = Math.max(wait, addr.msBeforeNext);
    return Math.ceil(wait / 1000);
  } catch (err) {
    redisFailed(err);
    return 0;
  }
}

/** Counts a failure; returns the failures now counted for the account and the address, and whether this one reached a limit. */
export async function recordSignInFailure(email: string, address: string) {
  const l = limiters();
  const [account, addr] = await Promise.all([
    l.signinAccount.penalty(accountKey(email), 1).catch((err) => void redisFailed(err)),
    l.signinAddress.penalty(address, 1).catch((err) => void redisFailed(err)),
  ]);
  const accountFailures = account?.consumedPoints ?? 0;
  const addressFailures = addr?.consumedPoints ?? 0;
  return { accountFailures, addressFailures, nowThrottled: accountFailures === l.signinAccount.points || addressFailures === l.signinAddress.points };
}

export async function recordSignInSuccess(email: string) {
  await limiters().signinAccount.delete(accountKey(email)).catch(redisFailed);
}

/** Counts one sign-up attempt; throws 429 past the address's or the email's limit. */
export async function consumeSignUp(email: string, address: string) {
  const l = limiters();
  for (const [limiter, key] of [
    [l.signupAddress, address],
    [l.signupEmail, accountKey(email)],
  ] as const) {
    try {
      await limiter.consume(key, 1);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new Throttled(Math.ceil(err.msBeforeNext / 1000), 'sign-ups from here');
      redisFailed(err);
    }
  }
}

/**
 * Counts one password-reset request; throws 429 past the address's or the email's limit. The
 * count is kept per email as typed, so the answer is the same whether an account exists or not.
 */
export async function consumePasswordResetRequest(email: string, address: string) {
  const l = limiters();
  for (const [limiter, key] of [
    [l.resetAddress, address],
    [l.resetEmail, accountKey(email)],
  ] as const) {
    try {
      await limiter.consume(key, 1);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new Throttled(Math.ceil(err.msBeforeNext / 1000), 'password-reset requests');
      redisFailed(err);
    }
  }
}

/** Closes this process's Redis connection for throttling (tests, shutdown). */
export async function closeThrottle() {
  await globalForThrottle.atelierThrottle?.redis.quit().catch(() => undefined);
  globalForThrottle.atelierThrottle = undefined;
}
