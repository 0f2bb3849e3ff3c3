import { AppError } from './errors.js';
import type { Hub } from './hub.js';

export interface Limit {
  /** What is limited, e.g. `signin:ip`. */
  name: string;
  max: number;
  windowSeconds: number;
}

const windowOf = (limit: Limit) => Math.floor(Date.now() / 1000 / limit.windowSeconds);
const keyOf = (limit: Limit, subject: string, window: number) =>
  `rl:${limit.name}:${subject.toLowerCase()}:${window}`;

/**
 * Fixed-window counters on the shared cache (Redis when configured, so every hub process counts
 * together). Throws 429 with a Retry-After once a key is over its limit.
 */
export async function enforceLimit(hub: Pick<Hub, 'cache' | 'config'>, limit: Limit, subject: string) {
  if (!hub.config.RATE_LIMITS) return;
  const { cache } = hub;
  const window = windowOf(limit);
  const key = keyOf(limit, subject, window);
  const count = await cache.incr(key, limit.windowSeconds);
  if (count > limit.max) {
    const retryAfter = (window + 1) * limit.windowSeconds - Math.floor(Date.now() / 1000);
    throw new AppError(
      'HTTP.RATE_LIMITED',
      429,
      `Too many requests (${limit.name}); try again in ${retryAfter} s`,
      {
        retryAfter: Math.max(1, retryAfter),
      },
    );
  }
}

/** Starts a subject's count afresh, e.g. an account's failed sign-ins once the right password is given. */
export async function resetLimit(hub: Pick<Hub, 'cache'>, limit: Limit, subject: string) {
  await hub.cache.del(keyOf(limit, subject, windowOf(limit)));
}
