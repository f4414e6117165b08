import type { JobsOptions } from 'bullmq';

/** How BullMQ retries and keeps one kind of job. */
export interface JobPolicy {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  /** Completed jobs stay a while for the dashboard and so that a re-enqueued jobId is still deduplicated. */
  removeOnComplete: JobsOptions['removeOnComplete'];
  /** Failed jobs are kept for inspection (bull-board) until the office deals with them. */
  removeOnFail: JobsOptions['removeOnFail'];
}

const DAY_S = 86_400;

/** Mails: ~10 attempts over ~40 minutes (5 s · 2ⁿ), so a short SMTP outage only delays them. */
export const MAIL_POLICY: JobPolicy = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * DAY_S, count: 20_000 },
  removeOnFail: false,
};

/** Bookkeeping jobs (schedule, cancel, deadlines): quick retries; the next sweep repairs anything missed. */
export const CHORE_POLICY: JobPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: DAY_S, count: 5_000 },
  removeOnFail: { age: 30 * DAY_S },
};

/** The sweep runs every few seconds: one attempt (the next run is the retry), only the last few kept. */
export const SWEEP_POLICY: JobPolicy = { ...CHORE_POLICY, attempts: 1, removeOnComplete: { count: 10 } };
