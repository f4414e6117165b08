import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@/common/redis.module';
import { problem } from '@/common/problem';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_PER_ACCOUNT = 5;
const MAX_PER_ADDRESS = 50;

/**
 * Failed sign-ins per account and per client address in a fixed 15-minute window (DESIGN §9).
 * Kept in Redis so every app instance sees the same counts; successful sign-ins are not counted.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private keys(email: string, address: string): [string, string] {
    return [`login-failures:account:${email}`, `login-failures:address:${address}`];
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const [accountKey, addressKey] = this.keys(email, address);
    const [account, addressCount] = await this.redis.mget(accountKey, addressKey);
    if (Number(account ?? 0) >= MAX_PER_ACCOUNT || Number(addressCount ?? 0) >= MAX_PER_ADDRESS) {
      const ttl = Math.max(
        await this.redis.pttl(Number(account ?? 0) >= MAX_PER_ACCOUNT ? accountKey : addressKey),
        1000,
      );
      throw problem('rate-limited', {}, 'Too many failed sign-ins; try again later.', {
        retryAfter: Math.ceil(ttl / 1000),
      });
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const pipeline = this.redis.multi();
    for (const key of this.keys(email, address)) {
      pipeline.set(key, 0, 'PX', WINDOW_MS, 'NX').incr(key);
    }
    await pipeline.exec();
  }
}
