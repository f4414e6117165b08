/**
 * Every kind of outbox row; each is also the name of the BullMQ job the relay enqueues for it (declared
 * once in src/jobs/job-declarations.ts). Names are `<area>.<action>`. Payloads carry ids only, so a
 * worker always reads the current state from the database.
 */
export const OUTBOX = {
  /** {proposalId, round} → applicant */
  submissionReceipt: 'mail.submission-receipt',
  /** {proposalId, reason} → applicant */
  proposalIneligible: 'mail.proposal-ineligible',
  /** {proposalId, round} → applicant */
  decisionLetter: 'mail.decision-letter',
  /** {proposalId, reason} → applicant (revision period ended, or closed by the system) */
  proposalClosed: 'mail.proposal-closed',
  /** {proposalId, round} → office and non-conflicted steering */
  readyForDecision: 'mail.ready-for-decision',
  /** {assignmentId} → reviewer, with one-click accept/decline links */
  invitation: 'mail.invitation',
  /** {assignmentId, reason} → office */
  invitationDeclined: 'mail.invitation-declined',
  /** {assignmentId, reason: 'revoked' | 'withdrawn'} → reviewer */
  assignmentEnded: 'mail.assignment-ended',
  /** {assignmentId} → schedule the respond/due-soon/overdue/escalation reminders */
  scheduleReminders: 'reminder.schedule',
  /** {assignmentId} → remove every pending reminder of the assignment */
  cancelReminders: 'reminder.cancel',
  /** {userId} → a newly registered (unconfirmed) applicant, with a one-time confirmation link */
  confirmAddress: 'mail.confirm-address',
  /** {userId} → the owner of an address someone tried to register again */
  registrationAttempt: 'mail.registration-attempt',
  /** {proposalId, round, userId} → the named rapporteur; plans the reminder to draft the consensus report */
  consensusRapporteur: 'mail.consensus-rapporteur',
  /** {proposalId, round} → the co-reviewers, asked to sign; plans the reminder for those who have not */
  consensusSubmitted: 'mail.consensus-sign-request',
  /** {proposalId, round} → remove the consensus reminders of the round (the report is final) */
  consensusFinished: 'reminder.consensus-cancel',
  /** {userId} → an invited account without a password yet, with a set-password link (7 days) */
  accountInvitation: 'mail.account-invitation',
  /** {userId} → the owner of a known active address, with a password-reset link */
  passwordReset: 'mail.password-reset',
  /** {userId} → the owner: the password was changed or reset (all other sessions ended) */
  passwordChanged: 'mail.password-changed',
  /** {userId} → the owner: the second factor was switched on */
  totpEnabled: 'mail.totp-enabled',
  /** {userId} → the owner: the second factor was switched off */
  totpDisabled: 'mail.totp-disabled',
  /** {meetingId} → every active steering member: invitation (or update) with an .ics (METHOD:REQUEST) */
  meetingInvitation: 'mail.meeting-invitation',
  /** {meetingId} → every active steering member: cancellation with an .ics (METHOD:CANCEL, same UID) */
  meetingCancelled: 'mail.meeting-cancelled',
  /** {callId, closesAt} → active steering members: the written procedure runs until closesAt */
  votingStarted: 'mail.voting-started',
  /** {mailId}: the office resends a logged mail (written by the mails API). */
  resendMail: 'mail.resend',
  /** {feedbackId} → office: a message of the accessibility statement's feedback form */
  accessibilityFeedback: 'mail.accessibility-feedback',
} as const;

export type OutboxKind = (typeof OUTBOX)[keyof typeof OUTBOX];
