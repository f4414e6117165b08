import { Injectable } from '@nestjs/common';
import { problem } from '@/common/problem';
import { RateCounters } from './rate-counters';

/**
 * Registrations per client address: 20 an hour. A person registers once; 20 leaves room for the
 * staff of one firm behind one NAT address on the day a call opens, and stops a script from making
 * accounts by the thousand (issue 11 saw 60 in 0.88 s). Every attempt counts, refused ones too, so the
 * limit also slows probing which addresses have an account.
 */
const MAX_PER_ADDRESS = 20;
const WINDOW_MS = 60 * 60 * 1000;

@Injectable()
export class RegistrationRateLimiter {
  constructor(private readonly counters: RateCounters) {}

  /** Counts this attempt; refuses it when the address has used up its registrations. */
  async take(address: string): Promise<void> {
    const [count] = await this.counters.hit([
      { key: `registrations:address:${address}`, windowMs: WINDOW_MS },
    ]);
    if (count.count > MAX_PER_ADDRESS) {
      throw problem('rate-limited', {}, 'Too many registrations from this address; try again later.', {
        retryAfter: Math.ceil(Math.max(count.msLeft, 1000) / 1000),
      });
    }
  }
}
