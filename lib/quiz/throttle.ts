// Anonymous play is rate-limited per client address (rate-limiter-flexible, counts in Redis,
// shared by every web process). Signed-in players are limited by their account instead.
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '@/lib/env';
import { Throttled } from '@/lib/auth/throttle';
import { ANON_ROUNDS_PER_WINDOW, ANON_WINDOW_S } from './constants';

const globalForQuiz = globalThis as unknown as { atelierQuizLimiter?: { anon: RateLimiterRedis; user: RateLimiterRedis } };

function limiters() {
  if (globalForQuiz.atelierQuizLimiter) return globalForQuiz.atelierQuizLimiter;
  const e = env();
  const redis = new IORedis(e.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', () => undefined);
  const make = (name: string, points: number) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${e.QUEUE_PREFIX}:throttle:quiz-${name}`, points, duration: ANON_WINDOW_S });
  globalForQuiz.atelierQuizLimiter = { anon: make('anon', ANON_ROUNDS_PER_WINDOW), user: make('user', ANON_ROUNDS_PER_WINDOW * 10) };
  return globalForQuiz.atelierQuizLimiter;
}

/** Counts one new round; throws 429 when the address (anonymous) or account is over its limit. */
export async function consumeRound(player: { userId: string | null }, address: string): Promise<void> {
  const l = limiters();
  try {
    if (player.userId) await l.user.consume(player.userId);
    else await l.anon.consume(address);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new Throttled(err.msBeforeNext / 1000, 'quiz rounds');
    console.error('[quiz] Redis unavailable, not throttling', err);
  }
}
