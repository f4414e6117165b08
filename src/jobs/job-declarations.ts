import type { Job } from 'bullmq';
import { CallDeadline } from '@/calls/call-deadline';
import type { TemplateName } from '@/notifications/mail-catalogue';
import { RevisionDeadline } from '@/proposals/revision-deadline';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { VotingDeadline } from '@/decision/voting-deadline';
import { ConsensusJobs } from './consensus-jobs';
import { DeadlineSweep } from './deadline-sweep';
import { declareJob, JobDeclaration } from './job-declaration';
import { JOB, JobName } from './job-names';
import { CHORE_POLICY, MAIL_POLICY, SWEEP_POLICY } from './job-policies';
import { MailJobs } from './mail-jobs';
import { QUEUES } from './queues';
import { RetentionService } from '@/privacy/retention.service';
import { RedisReconciler } from './redis-reconciler';
import { ReminderJobs } from './reminder-jobs';

/** A job that mails `template` to the recipients of its event (an outbox row). */
const eventMail = (name: JobName, template: TemplateName) =>
  declareJob({
    name,
    queue: QUEUES.notifications,
    policy: MAIL_POLICY,
    handler: MailJobs,
    run: (mails, job) => mails.event(job, template),
  });

/** One of an assignment's delayed reminders, mailing `template` if it is still due. */
const reminder = (name: JobName, template: TemplateName) =>
  declareJob({
    name,
    queue: QUEUES.reminders,
    policy: MAIL_POLICY,
    handler: ReminderJobs,
    run: (reminders, job) => reminders.remind(job, template),
  });

const data = (job: Job, key: string) => String(job.data[key]);

/**
 * Every job of the service, declared once (name, queue, retry and removal policy, handler). The
 * catalogue (JobCatalogue), the workers' routing and the dashboard's queues are derived from this list.
 * A new mailed job: one line here (and, if a transaction writes it, its kind in `OUTBOX`), plus the
 * mail in notifications/mail-catalogue.ts and its template files.
 */
export const JOB_DECLARATIONS: readonly JobDeclaration[] = [
  // notifications
  eventMail(OUTBOX.submissionReceipt, 'submission-receipt'),
  eventMail(OUTBOX.proposalIneligible, 'proposal-ineligible'),
  eventMail(OUTBOX.decisionLetter, 'decision-letter'),
  eventMail(OUTBOX.proposalClosed, 'proposal-closed'),
  eventMail(OUTBOX.readyForDecision, 'ready-for-decision'),
  declareJob({
    name: OUTBOX.invitation,
    queue: QUEUES.notifications,
    policy: MAIL_POLICY,
    handler: MailJobs,
    run: (mails, job) => mails.invitation(job),
  }),
  eventMail(OUTBOX.invitationDeclined, 'invitation-declined'),
  eventMail(OUTBOX.assignmentEnded, 'assignment-ended'),
  eventMail(OUTBOX.confirmAddress, 'confirm-address'),
  eventMail(OUTBOX.registrationAttempt, 'registration-attempt'),
  eventMail(OUTBOX.accessibilityFeedback, 'accessibility-feedback'),
  eventMail(OUTBOX.accountInvitation, 'account-invitation'),
  eventMail(OUTBOX.passwordReset, 'password-reset'),
  eventMail(OUTBOX.passwordChanged, 'password-changed'),
  eventMail(OUTBOX.totpEnabled, 'totp-enabled'),
  eventMail(OUTBOX.totpDisabled, 'totp-disabled'),
  eventMail(OUTBOX.meetingInvitation, 'meeting-invitation'),
  eventMail(OUTBOX.meetingCancelled, 'meeting-cancelled'),
  eventMail(OUTBOX.votingStarted, 'voting-started'),
  declareJob({
    name: OUTBOX.resendMail,
    queue: QUEUES.notifications,
    policy: MAIL_POLICY,
    handler: MailJobs,
    run: (mails, job) => mails.resend(job),
  }),
  declareJob({
    name: JOB.officeDigest,
    queue: QUEUES.notifications,
    policy: MAIL_POLICY,
    schedule: { id: 'office-digest', pattern: '0 7 * * *', tz: 'Europe/Berlin' },
    handler: MailJobs,
    run: (mails, job) => mails.digest(job),
  }),
  // reminders
  declareJob({
    name: OUTBOX.scheduleReminders,
    queue: QUEUES.reminders,
    policy: CHORE_POLICY,
    formerNames: ['reminders.schedule'],
    handler: ReminderJobs,
    run: (reminders, job) => reminders.schedule(job),
  }),
  declareJob({
    name: OUTBOX.cancelReminders,
    queue: QUEUES.reminders,
    policy: CHORE_POLICY,
    formerNames: ['reminders.cancel'],
    handler: ReminderJobs,
    run: (reminders, job) => reminders.cancel(job),
  }),
  reminder(JOB.remindRespond, 'reminder-respond'),
  reminder(JOB.remindDueSoon, 'reminder-due-soon'),
  reminder(JOB.remindOverdue, 'reminder-overdue'),
  reminder(JOB.escalate, 'escalation'),
  declareJob({
    name: JOB.voteReminder,
    queue: QUEUES.reminders,
    policy: MAIL_POLICY,
    handler: ReminderJobs,
    run: (reminders, job) => reminders.voteReminder(job),
  }),
  // Planned by the deadline sweep for a meeting's start and a written procedure's deadline.
  declareJob({
    name: JOB.meetingReminder,
    queue: QUEUES.reminders,
    policy: MAIL_POLICY,
    handler: MailJobs,
    run: (mails, job) => mails.event(job, 'meeting-reminder'),
  }),
  declareJob({
    name: JOB.votingReminder,
    queue: QUEUES.reminders,
    policy: MAIL_POLICY,
    handler: MailJobs,
    run: (mails, job) => mails.event(job, 'voting-reminder'),
  }),
  // consensus (DESIGN §12): a request mail plans its reminder; the final report removes them
  declareJob({
    name: OUTBOX.consensusRapporteur,
    queue: QUEUES.notifications,
    policy: MAIL_POLICY,
    handler: ConsensusJobs,
    run: (consensus, job) => consensus.rapporteurNamed(job),
  }),
  declareJob({
    name: OUTBOX.consensusSubmitted,
    queue: QUEUES.notifications,
    policy: MAIL_POLICY,
    handler: ConsensusJobs,
    run: (consensus, job) => consensus.signRequested(job),
  }),
  declareJob({
    name: JOB.remindConsensusDraft,
    queue: QUEUES.reminders,
    policy: MAIL_POLICY,
    handler: ConsensusJobs,
    run: (consensus, job) => consensus.remind(job),
  }),
  declareJob({
    name: JOB.remindConsensusSign,
    queue: QUEUES.reminders,
    policy: MAIL_POLICY,
    handler: ConsensusJobs,
    run: (consensus, job) => consensus.remind(job),
  }),
  declareJob({
    name: OUTBOX.consensusFinished,
    queue: QUEUES.reminders,
    policy: CHORE_POLICY,
    handler: ConsensusJobs,
    run: (consensus, job) => consensus.cancel(job),
  }),
  // deadlines
  declareJob({
    name: JOB.sweepDeadlines,
    queue: QUEUES.deadlines,
    policy: SWEEP_POLICY,
    // Every sweep plans exact delayed jobs for the next minute, so a call closes at its deadline to the second.
    schedule: { id: 'deadline-sweep', every: 10_000 },
    formerNames: ['deadlines.sweep'],
    handler: DeadlineSweep,
    run: (sweep) => sweep.sweep(),
  }),
  declareJob({
    name: JOB.closeCall,
    queue: QUEUES.deadlines,
    policy: CHORE_POLICY,
    handler: CallDeadline,
    run: (calls, job) => calls.close(data(job, 'callId'), data(job, 'deadline')),
  }),
  declareJob({
    name: JOB.closeOutlines,
    queue: QUEUES.deadlines,
    policy: CHORE_POLICY,
    handler: CallDeadline,
    run: (calls, job) => calls.closeOutlines(data(job, 'callId'), data(job, 'deadline')),
  }),
  declareJob({
    name: JOB.expireRevision,
    queue: QUEUES.deadlines,
    policy: CHORE_POLICY,
    handler: RevisionDeadline,
    run: (revisions, job) => revisions.expire(data(job, 'proposalId'), data(job, 'deadline')),
  }),
  declareJob({
    name: JOB.countVotes,
    queue: QUEUES.deadlines,
    policy: CHORE_POLICY,
    handler: VotingDeadline,
    run: (voting, job) => voting.count(data(job, 'callId'), data(job, 'deadline')),
  }),
  // Redis is not the system of record: daily, put back schedulers and delayed jobs it may have lost.
  declareJob({
    name: JOB.reconcileRedis,
    queue: QUEUES.deadlines,
    policy: CHORE_POLICY,
    schedule: { id: 'redis-reconcile', pattern: '30 3 * * *', tz: 'Europe/Berlin' },
    handler: RedisReconciler,
    run: (reconciler) => reconciler.reconcile(),
  }),
  // privacy: delete what is past its retention period (DESIGN §14, docs/PRIVACY.md)
  declareJob({
    name: JOB.retention,
    queue: QUEUES.deadlines,
    policy: CHORE_POLICY,
    schedule: { id: 'privacy-retention', pattern: '15 2 * * *', tz: 'Europe/Berlin' },
    handler: RetentionService,
    run: (retention) => retention.run(),
  }),
];
