import type { JobsOptions } from 'bullmq';
import { OUTBOX } from '@/workflow/outbox-kinds';

/** Every BullMQ queue of the service. */
export const QUEUES = {
  /** Render and send mails: one job per outbox row (all recipients of one event), the daily digest. */
  notifications: 'notifications',
  /** Delayed reminder jobs with deterministic ids per assignment, plus their schedule/cancel jobs. */
  reminders: 'reminders',
  /** Closing calls at their deadline, ending revision periods, scheduling vote reminders. */
  deadlines: 'deadlines',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job names that no outbox row carries: scheduled or derived work. */
export const JOB = {
  /** {mailId}: the office resends a logged mail (written to the outbox by the mails API). */
  resendMail: 'mail.resend',
  officeDigest: 'mail.office-digest',
  remindRespond: 'reminder.respond',
  remindDueSoon: 'reminder.due-soon',
  remindOverdue: 'reminder.overdue',
  escalate: 'reminder.escalate',
  voteReminder: 'reminder.vote',
  sweepDeadlines: 'deadlines.sweep',
  closeCall: 'deadline.close-call',
  expireRevision: 'deadline.expire-revision',
} as const;

export type JobName = (typeof OUTBOX)[keyof typeof OUTBOX] | (typeof JOB)[keyof typeof JOB];

export interface JobPolicy {
  queue: QueueName;
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  /** Completed jobs stay a while for the dashboard and so that a re-enqueued jobId is still deduplicated. */
  removeOnComplete: JobsOptions['removeOnComplete'];
  /** Failed jobs are kept for inspection (bull-board) until the office deals with them. */
  removeOnFail: JobsOptions['removeOnFail'];
}

const DAY_S = 86_400;

/** Mails: ~10 attempts over ~40 minutes (5 s · 2ⁿ), so a short SMTP outage only delays them. */
const mail = (queue: QueueName = QUEUES.notifications): JobPolicy => ({
  queue,
  attempts: 10,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * DAY_S, count: 20_000 },
  removeOnFail: false,
});

/** Bookkeeping jobs (schedule, cancel, sweep): quick retries; the next sweep repairs anything missed. */
const chore = (queue: QueueName): JobPolicy => ({
  queue,
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: DAY_S, count: 5_000 },
  removeOnFail: { age: 30 * DAY_S },
});

/** The job catalogue: job name → queue, attempts, backoff and removal policy. */
export const JOBS: Record<JobName, JobPolicy> = {
  [OUTBOX.submissionReceipt]: mail(),
  [OUTBOX.proposalIneligible]: mail(),
  [OUTBOX.decisionLetter]: mail(),
  [OUTBOX.proposalClosed]: mail(),
  [OUTBOX.readyForDecision]: mail(),
  [OUTBOX.invitation]: mail(),
  [OUTBOX.invitationDeclined]: mail(),
  [OUTBOX.assignmentEnded]: mail(),
  [OUTBOX.scheduleReminders]: chore(QUEUES.reminders),
  [OUTBOX.cancelReminders]: chore(QUEUES.reminders),
  [JOB.resendMail]: mail(),
  [JOB.officeDigest]: mail(),
  [JOB.remindRespond]: mail(QUEUES.reminders),
  [JOB.remindDueSoon]: mail(QUEUES.reminders),
  [JOB.remindOverdue]: mail(QUEUES.reminders),
  [JOB.escalate]: mail(QUEUES.reminders),
  [JOB.voteReminder]: mail(QUEUES.reminders),
  [JOB.sweepDeadlines]: { ...chore(QUEUES.deadlines), attempts: 1, removeOnComplete: { count: 10 } },
  [JOB.closeCall]: chore(QUEUES.deadlines),
  [JOB.expireRevision]: chore(QUEUES.deadlines),
};

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, name);
}

/** BullMQ options for one job of the catalogue (jobId and delay added by the caller). */
export function jobOptions(name: JobName, extra: JobsOptions = {}): JobsOptions {
  const { attempts, backoff, removeOnComplete, removeOnFail } = JOBS[name];
  return { attempts, backoff, removeOnComplete, removeOnFail, ...extra };
}

/** Per queue: parallel jobs per worker process. Mail jobs wait on SMTP, so several run at once. */
export const CONCURRENCY: Record<QueueName, number> = {
  [QUEUES.notifications]: 16,
  [QUEUES.reminders]: 16,
  [QUEUES.deadlines]: 1,
};

/**
 * Worker lock settings: a worker that dies mid-job loses its lock after LOCK_DURATION_MS, and another
 * worker's stalled check (every STALLED_INTERVAL_MS) moves the job back to waiting — so a killed
 * process delays its jobs by ~20 s at most, instead of BullMQ's default of about a minute.
 */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;

/** Job schedulers (BullMQ upsertJobScheduler): the daily office digest and the deadline sweep. */
export const SCHEDULES = {
  officeDigest: { id: 'office-digest', pattern: '0 7 * * *', tz: 'Europe/Berlin' },
  /** Every sweep plans exact delayed jobs for the next minute, so a call closes at its deadline to the second. */
  sweepDeadlines: { id: 'deadline-sweep', every: 10_000 },
} as const;
