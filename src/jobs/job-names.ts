import type { OutboxKind } from '@/workflow/outbox-kinds';

/**
 * Job names that no outbox row carries: scheduled or derived work. (Jobs written to the outbox are
 * named by their outbox kind, `OUTBOX` in src/workflow/outbox-kinds.ts.) Names are `<area>.<action>`.
 */
export const JOB = {
  officeDigest: 'mail.office-digest',
  remindRespond: 'reminder.respond',
  remindDueSoon: 'reminder.due-soon',
  remindOverdue: 'reminder.overdue',
  escalate: 'reminder.escalate',
  voteReminder: 'reminder.vote',
  meetingReminder: 'reminder.meeting',
  votingReminder: 'reminder.voting',
  countVotes: 'deadline.count-votes',
  remindConsensusDraft: 'reminder.consensus-draft',
  remindConsensusSign: 'reminder.consensus-sign',
  sweepDeadlines: 'deadline.sweep',
  closeCall: 'deadline.close-call',
  closeOutlines: 'deadline.close-outlines',
  expireRevision: 'deadline.expire-revision',
  reconcileRedis: 'redis.reconcile',
  retention: 'privacy.retention',
} as const;

export type JobName = OutboxKind | (typeof JOB)[keyof typeof JOB];
