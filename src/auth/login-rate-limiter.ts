import { Injectable } from '@nestjs/common';
import { problem } from '@/common/problem';
import { CounterHit, RateCounters } from './rate-counters';

const MINUTE = 60 * 1000;

/**
 * Failed sign-ins, counted three ways (docs/CONTRACT.md §9, issue 11). Successful sign-ins are not counted.
 * - One account from one address: 5 per 15 minutes. Stops guessing at one account, and it is the only
 *   limit a stranger trips by typing wrong passwords for someone else — the owner, signing in from
 *   another address, is not affected.
 * - One address over all accounts: 50 per 15 minutes. Stops one address trying many accounts.
 * - One account from all addresses together: 100 per hour. The slow global rate against guessing from
 *   many addresses (a botnet): at most 2,400 guesses a day against a password of 10 or more
 *   characters. Locking the owner out this way takes 100 failures from at least 20 addresses
 *   (5 each, by the first limit) and lasts at most until the hour is over.
 */
const LIMITS = {
  pair: { max: 5, windowMs: 15 * MINUTE },
  address: { max: 50, windowMs: 15 * MINUTE },
  account: { max: 100, windowMs: 60 * MINUTE },
} as const;

type Scope = keyof typeof LIMITS;

@Injectable()
export class LoginRateLimiter {
  constructor(private readonly counters: RateCounters) {}

  private hits(email: string, address: string): (CounterHit & { max: number })[] {
    const keys: Record<Scope, string> = {
      pair: `login-failures:pair:${address}:${email}`,
      address: `login-failures:address:${address}`,
      account: `login-failures:account:${email}`,
    };
    return (Object.keys(LIMITS) as Scope[]).map((scope) => ({ key: keys[scope], ...LIMITS[scope] }));
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const hits = this.hits(email, address);
    const counts = await this.counters.read(hits.map((h) => h.key));
    const blocked = counts.filter((c, i) => c.count >= hits[i].max);
    if (blocked.length > 0) {
      const msLeft = Math.max(1000, ...blocked.map((c) => c.msLeft));
      throw problem('rate-limited', {}, 'Too many failed sign-ins; try again later.', {
        retryAfter: Math.ceil(msLeft / 1000),
      });
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.counters.hit(this.hits(email, address));
  }
}
