import { Injectable } from '@nestjs/common';
import { problem } from '@/common/problem';
import { RateCounters } from './rate-counters';

const MINUTE = 60 * 1000;

/**
 * Password-reset requests, counted for every request, known address or not (so the counts tell
 * nothing either):
 * - One client address: 20 per 15 minutes, then 429. Stops one address from mailing many people.
 * - One e-mail address: 5 an hour. Beyond that the answer is still 202 but no mail goes out, so a
 *   stranger can neither flood someone's mailbox nor tell from a 429 which addresses have accounts.
 */
const PER_CLIENT = { max: 20, windowMs: 15 * MINUTE };
const PER_EMAIL = { max: 5, windowMs: 60 * MINUTE };

@Injectable()
export class PasswordResetRateLimiter {
  constructor(private readonly counters: RateCounters) {}

  /** Counts this request; 429 past the client limit; answers whether a mail may still go to `email`. */
  async take(email: string, address: string): Promise<{ mayMail: boolean }> {
    const [client, mailbox] = await this.counters.hit([
      { key: `password-resets:address:${address}`, windowMs: PER_CLIENT.windowMs },
      { key: `password-resets:email:${email}`, windowMs: PER_EMAIL.windowMs },
    ]);
    if (client.count > PER_CLIENT.max) {
      throw problem(
        'rate-limited',
        {},
        'Too many password-reset requests from this address; try again later.',
        {
          retryAfter: Math.ceil(Math.max(client.msLeft, 1000) / 1000),
        },
      );
    }
    return { mayMail: mailbox.count <= PER_EMAIL.max };
  }
}
