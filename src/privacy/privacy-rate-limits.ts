import { Injectable } from '@nestjs/common';
import { problem } from '@/common/problem';
import { RateCounters } from '@/auth/rate-counters';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Exports read every table and every attachment of a person: 10 an hour per account is plenty for
 * the person and stops a stolen session from hammering the database. The feedback form is public:
 * 5 messages an hour per client address keep the office's mailbox readable.
 */
@Injectable()
export class PrivacyRateLimits {
  constructor(private readonly counters: RateCounters) {}

  takeExport(userId: string): Promise<void> {
    return this.take(`privacy:export:${userId}`, 10);
  }

  takeFeedback(address: string): Promise<void> {
    return this.take(`privacy:feedback:${address}`, 5);
  }

  private async take(key: string, max: number): Promise<void> {
    const [count] = await this.counters.hit([{ key, windowMs: HOUR_MS }]);
    if (count.count > max)
      throw problem('rate-limited', {}, 'Too many requests; try again later.', {
        retryAfter: Math.ceil(Math.max(count.msLeft, 1000) / 1000),
      });
  }
}
