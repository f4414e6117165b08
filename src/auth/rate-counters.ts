import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@/common/redis.module';

/** Longest a sign-in or registration waits for Redis before it counts in memory (issue 11: ≤ 500 ms). */
export const REDIS_TIMEOUT_MS = 300;
/** Bounds the in-memory counters, so a flood of made-up accounts or addresses cannot fill the heap. */
const MAX_MEMORY_KEYS = 100_000;

export interface WindowCount {
  count: number;
  /** Until the window ends and the count starts again from 0. */
  msLeft: number;
}

export interface CounterHit {
  key: string;
  windowMs: number;
}

/**
 * Fixed-window counters (a key counts hits until `windowMs` after its first hit), kept in Redis so all
 * instances see the same counts. Redis is not needed to sign in, though: when it is down, or does not
 * answer within REDIS_TIMEOUT_MS (frozen, overloaded), the counts of this process are used instead, so
 * each instance limits on its own for that time — weaker by the number of instances, but never a hang
 * and never a 500. Every hit is also counted in memory, so the fallback starts from what this process saw.
 */
@Injectable()
export class RateCounters {
  private readonly logger = new Logger(RateCounters.name);
  private readonly memory = new Map<string, { count: number; resetAt: number }>();
  private degraded = false;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async read(keys: string[]): Promise<WindowCount[]> {
    const shared = await this.fromRedis(async () => {
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.get(key).pttl(key);
      const values = unwrap(await pipeline.exec());
      return keys.map((_key, i) => ({
        count: Number(values[2 * i] ?? 0),
        msLeft: Math.max(Number(values[2 * i + 1]), 0),
      }));
    });
    return shared ?? keys.map((key) => this.readMemory(key));
  }

  /** Adds one to each counter and answers the new counts. */
  async hit(hits: CounterHit[]): Promise<WindowCount[]> {
    const local = hits.map((h) => this.hitMemory(h.key, h.windowMs));
    const shared = await this.fromRedis(async () => {
      const multi = this.redis.multi();
      for (const { key, windowMs } of hits) multi.set(key, 0, 'PX', windowMs, 'NX').incr(key).pttl(key);
      const values = unwrap(await multi.exec());
      return hits.map((_hit, i) => ({
        count: Number(values[3 * i + 1]),
        msLeft: Math.max(Number(values[3 * i + 2]), 0),
      }));
    });
    return shared ?? local;
  }

  /** The Redis answer, or null when Redis is not connected or too slow. */
  private async fromRedis<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.redis.status !== 'ready') return this.fallBack('not connected');
    const pending = work();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), REDIS_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([pending, timeout]);
      if (result === 'timeout') {
        // The commands stay queued in ioredis; their late answer (or error) is dropped.
        pending.catch(() => undefined);
        return this.fallBack(`no answer within ${REDIS_TIMEOUT_MS} ms`);
      }
      if (this.degraded) this.logger.log('Redis answers again: rate limits are shared again.');
      this.degraded = false;
      return result;
    } catch (error) {
      return this.fallBack((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private fallBack(reason: string): null {
    if (!this.degraded) this.logger.warn(`Redis unavailable (${reason}): rate limits count per process.`);
    this.degraded = true;
    return null;
  }

  private readMemory(key: string): WindowCount {
    const entry = this.memory.get(key);
    const now = Date.now();
    if (!entry || entry.resetAt <= now) return { count: 0, msLeft: 0 };
    return { count: entry.count, msLeft: entry.resetAt - now };
  }

  private hitMemory(key: string, windowMs: number): WindowCount {
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      this.memory.delete(key);
      if (this.memory.size >= MAX_MEMORY_KEYS) this.prune(now);
      entry = { count: 0, resetAt: now + windowMs };
      this.memory.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, msLeft: entry.resetAt - now };
  }

  /** Drops expired counters; when all are live, the oldest (Map order is insertion order). */
  private prune(now: number): void {
    for (const [key, entry] of this.memory) if (entry.resetAt <= now) this.memory.delete(key);
    for (const key of this.memory.keys()) {
      if (this.memory.size < MAX_MEMORY_KEYS) break;
      this.memory.delete(key);
    }
  }
}

function unwrap(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('transaction discarded');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
