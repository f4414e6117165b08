/** Every BullMQ queue of the service, with the settings of its workers. */
export const QUEUES = {
  /** Render and send mails: one job per outbox row (all recipients of one event), the daily digest. */
  notifications: 'notifications',
  /** Delayed reminder jobs with deterministic ids per assignment, plus their schedule/cancel jobs. */
  reminders: 'reminders',
  /** Closing calls at their deadline, ending revision periods, scheduling vote reminders. */
  deadlines: 'deadlines',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Per queue: parallel jobs per worker process. Mail jobs wait on SMTP, so several run at once. */
export const CONCURRENCY: Record<QueueName, number> = {
  [QUEUES.notifications]: 16,
  // A burst of reminders due at once waits mostly on PostgreSQL (its read, claim and marks), not on SMTP:
  // more of them in flight keep the 5 SMTP connections busy (bench:queue: p99 lateness 1.68× → 1.40× bare).
  [QUEUES.reminders]: 64,
  [QUEUES.deadlines]: 1,
};

/**
 * Worker lock settings: a worker that dies mid-job loses its lock after LOCK_DURATION_MS, and another
 * worker's stalled check (every STALLED_INTERVAL_MS) moves the job back to waiting — so a killed
 * process delays its jobs by ~20 s at most, instead of BullMQ's default of about a minute.
 */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;
