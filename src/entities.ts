import { AccountToken } from '@/auth/account-token.entity';
import { EmailConfirmation } from '@/auth/email-confirmation.entity';
import { Session } from '@/auth/session.entity';
import { Call } from '@/calls/call.entity';
import { ConsensusReport } from '@/consensus/consensus-report.entity';
import { ConsensusSignature } from '@/consensus/consensus-signature.entity';
import { Decision } from '@/decision/decision.entity';
import { RoundScore } from '@/decision/round-score.entity';
import { Vote } from '@/decision/vote.entity';
import { VotingResult } from '@/decision/voting-result.entity';
import { MeetingItem } from '@/meetings/meeting-item.entity';
import { Meeting } from '@/meetings/meeting.entity';
import { MailLogEntry } from '@/notifications/mail-log.entity';
import {
  Organisation,
  OrganisationCompetitor,
  OrganisationKey,
  PersonalConflict,
} from '@/organisations/organisation.entity';
import { Attachment } from '@/proposals/attachment.entity';
import { Proposal } from '@/proposals/proposal.entity';
import { ActionToken } from '@/review/action-token.entity';
import { Assignment } from '@/review/assignment.entity';
import { Bid } from '@/review/bid.entity';
import { Conflict } from '@/review/conflict.entity';
import { ReviewScore } from '@/review/review-score.entity';
import { Review } from '@/review/review.entity';
import { ReviewerCapacity } from '@/review/reviewer-capacity.entity';
import { User } from '@/users/user.entity';
import { AuditEvent } from '@/workflow/audit-event.entity';
import { OutboxMessage } from '@/workflow/outbox-message.entity';
import { AccessibilityFeedback } from '@/privacy/accessibility-feedback.entity';
import { ErasureRequest } from '@/privacy/erasure-request.entity';
import { PrivacyConsent } from '@/privacy/privacy-consent.entity';
import { RetentionPurge } from '@/privacy/retention-purge.entity';

/**
 * Every entity of the application, listed once by the composition root (the database layer knows
 * none): the app module, the migrations CLI and the migration check pass it to `dataSourceOptions`.
 */
export const ENTITIES = [
  User,
  Session,
  Call,
  Proposal,
  Attachment,
  AuditEvent,
  OutboxMessage,
  Conflict,
  Bid,
  Assignment,
  Review,
  ReviewScore,
  ActionToken,
  Vote,
  Decision,
  RoundScore,
  Organisation,
  OrganisationKey,
  OrganisationCompetitor,
  PersonalConflict,
  ConsensusReport,
  ConsensusSignature,
  MailLogEntry,
  EmailConfirmation,
  // privacy (issue 18)
  PrivacyConsent,
  ErasureRequest,
  AccessibilityFeedback,
  RetentionPurge,
  AccountToken,
  ReviewerCapacity,
  VotingResult,
  Meeting,
  MeetingItem,
];
