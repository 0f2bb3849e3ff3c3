import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Cache and pub/sub: Redis when REDIS_URL is set (shared by every hub process), an in-process
 * store otherwise. Nothing that must survive a restart lives here.
 */
export interface Cache {
  kind: 'redis' | 'memory';
  redis?: Redis;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Atomically adds 1 and returns the new count; the window starts with the first hit. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, fn: (message: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createCache(redisUrl?: string, prefix = 'bizosaas:'): Cache {
  return redisUrl ? redisCache(redisUrl, prefix) : memoryCache();
}

function redisCache(url: string, prefix: string): Cache {
  // keyPrefix covers keys; channels are prefixed by hand (ioredis leaves them alone).
  const redis = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  redis.on('error', () => {}); // surfaced through /ready; ioredis reconnects by itself
  let sub: Redis | undefined;
  const handlers = new Map<string, Set<(m: string) => void>>();
  return {
    kind: 'redis',
    redis,
    get: (k) => redis.get(k),
    async set(k, v, ttl) {
      await redis.set(k, v, 'EX', ttl);
    },
    async del(k) {
      await redis.del(k);
    },
    async incr(k, ttl) {
      const [[, n]] = (await redis.multi().incr(k).expire(k, ttl, 'NX').exec()) as [[null, number]];
      return n;
    },
    async publish(ch, m) {
      await redis.publish(prefix + ch, m);
    },
    async subscribe(channel, fn) {
      const ch = prefix + channel;
      if (!sub) {
        sub = redis.duplicate();
        sub.on('error', () => {});
        sub.on('message', (c: string, m: string) => {
          for (const h of handlers.get(c) ?? []) h(m);
        });
      }
      let set = handlers.get(ch);
      if (!set) {
        set = new Set();
        handlers.set(ch, set);
        await sub.subscribe(ch);
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
        if (set.size === 0) {
          handlers.delete(ch);
          await sub?.unsubscribe(ch);
        }
      };
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await Promise.allSettled([redis.quit(), sub?.quit()]);
    },
  };
}

function memoryCache(): Cache {
  const store = new Map<string, { v: string; exp: number }>();
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const live = (k: string) => {
    const e = store.get(k);
    if (e && e.exp <= Date.now()) {
      store.delete(k);
      return undefined;
    }
    return e;
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [k, e] of store) if (e.exp <= now) store.delete(k);
  }, 60_000);
  sweep.unref();
  return {
    kind: 'memory',
    get: async (k) => live(k)?.v ?? null,
    async set(k, v, ttl) {
      store.set(k, { v, exp: Date.now() + ttl * 1000 });
    },
    async del(k) {
      store.delete(k);
    },
    async incr(k, ttl) {
      const e = live(k);
      const n = (e ? Number(e.v) : 0) + 1;
      store.set(k, { v: String(n), exp: e?.exp ?? Date.now() + ttl * 1000 });
      return n;
    },
    async publish(ch, m) {
      bus.emit(ch, m);
    },
    async subscribe(ch, fn) {
      bus.on(ch, fn);
      return async () => {
        bus.off(ch, fn);
      };
    },
    async ping() {},
    async close() {
      clearInterval(sweep);
      store.clear();
    },
  };
}
