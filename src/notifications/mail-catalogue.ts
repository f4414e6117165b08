import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { AccountTokensService } from '@/auth/account-tokens.service';
import { EmailConfirmationsService } from '@/auth/email-confirmations.service';
import { LettersService } from '@/decision/letters.service';
import { ActionTokensService } from '@/review/action-tokens.service';
import { VOTABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { inStates } from '@/workflow/state-machine';
import { DataSource } from 'typeorm';
import { AssignmentInfo, MailData, ProposalInfo, Recipient } from './mail-data';
import type { MailEvent } from './mail-event';
import { MeetingMails } from './meeting-mails';
import { formatDate, formatDateTime, formatEuro, formatScore } from './mail-format';

/** Every mail of docs/CONTRACT.md §6; each is a pair of template files per locale under templates/. */
export const TEMPLATES = [
  'submission-receipt',
  'proposal-ineligible',
  'decision-letter',
  'proposal-closed',
  'ready-for-decision',
  'invitation',
  'invitation-declined',
  'assignment-ended',
  'reminder-respond',
  'reminder-due-soon',
  'reminder-overdue',
  'escalation',
  'office-digest',
  'vote-reminder',
  'confirm-address',
  'registration-attempt',
  'accessibility-feedback',
  'consensus-rapporteur',
  'consensus-sign-request',
  'account-invitation',
  'password-reset',
  'password-changed',
  'totp-enabled',
  'totp-disabled',
  'meeting-invitation',
  'meeting-cancelled',
  'meeting-reminder',
  'voting-started',
  'voting-reminder',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/**
 * Mails whose view only reads (it issues no link or token and makes no PDF): rendered before the mail
 * log is consulted, which then takes one statement with the claim instead of two. Every other mail is
 * rendered only once the log shows it has not gone out (a newer link would kill the one already sent).
 */
const READ_ONLY_VIEWS: ReadonlySet<TemplateName> = new Set<TemplateName>([
  'submission-receipt',
  'proposal-ineligible',
  'proposal-closed',
  'ready-for-decision',
  'invitation-declined',
  'assignment-ended',
  'reminder-due-soon',
  'reminder-overdue',
  'escalation',
  'vote-reminder',
  'registration-attempt',
  'accessibility-feedback',
  'consensus-rapporteur',
  'consensus-sign-request',
  'password-changed',
  'totp-enabled',
  'totp-disabled',
]);

type View = Record<string, unknown>;

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface MailSpec {
  /** Who gets the mail now; empty when the event no longer concerns anyone (the job is skipped). */
  recipients(event: MailEvent): Promise<Recipient[]>;
  /** The template's values for one recipient, in their language. */
  view(event: MailEvent, to: Recipient): Promise<View>;
  /** Files that go with the mail (a meeting's .ics, a decision letter's PDF). */
  attachments?(event: MailEvent, to: Recipient): Promise<MailAttachment[]>;
}

/**
 * Recipients and template values of every mail. Payloads carry ids; everything else is read now, so a
 * mail tells the current state. Applicants never see reviewer names or confidential comments.
 */
@Injectable()
export class MailCatalogue {
  private readonly specs: Record<TemplateName, MailSpec>;

  constructor(
    private readonly data: MailData,
    private readonly tokens: ActionTokensService,
    private readonly confirmations: EmailConfirmationsService,
    private readonly accountTokens: AccountTokensService,
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    meetings: MeetingMails,
    private readonly letters: LettersService,
  ) {
    this.specs = {
      ...meetings.specs(),
      'submission-receipt': this.toApplicant(async (p, event) => ({
        round: Number(event.payload.round ?? p.round),
        resubmission: Number(event.payload.round ?? p.round) > 1,
      })),
      'proposal-ineligible': this.toApplicant(async (_p, event) => ({ reason: event.text('reason') })),
      'decision-letter': {
        ...this.toApplicant(async (p, event, to) => this.decisionView(p, event, to)),
        attachments: async (event) => {
          const p = await event.mustProposal();
          const round = Number(event.payload.round ?? p.round);
          const pdf = await this.letters.pdf(p.id, round);
          if (!pdf) throw new Error(`No decision recorded for proposal ${p.id}, round ${round}`);
          const name = (p.acronym || 'proposal').replace(/[^A-Za-z0-9_-]+/g, '_');
          return [
            { filename: `decision-${name}-round-${round}.pdf`, content: pdf, contentType: 'application/pdf' },
          ];
        },
      },
      'proposal-closed': this.toApplicant(async (_p, event) => ({
        revisionPeriodEnded: event.payload.reason === 'revision-period-ended',
        reason: event.payload.reason === 'revision-period-ended' ? '' : event.text('reason'),
      })),
      'ready-for-decision': {
        recipients: async (event) => {
          const steering = await this.data.steeringFor(event.text('proposalId'));
          const office = await this.data.office();
          return unique([...office, ...steering]);
        },
        view: async (event, to) => this.proposalView(await event.mustProposal(), to),
      },
      invitation: this.toReviewer(async (a, p, to) => ({
        ...(await this.answerLinks(a.id, to.id, a.dueAt)),
        abstractUrl: this.proposalUrl(p.id),
      })),
      'invitation-declined': this.toOffice(async (event) => ({
        reason: event.text('reason'),
      })),
      'assignment-ended': this.toReviewer(async (_a, _p, _to, event) => ({
        withdrawn: event.payload.reason === 'withdrawn',
      })),
      'reminder-respond': this.toReviewer(async (a, _p, to) => this.answerLinks(a.id, to.id, a.dueAt)),
      'reminder-due-soon': this.toReviewer(async () => ({})),
      'reminder-overdue': this.toReviewer(async () => ({})),
      escalation: this.toOffice(async () => ({})),
      'office-digest': {
        recipients: () => this.data.office(),
        view: async (_event, to) => {
          const digest = await this.data.digest();
          return {
            name: to.name,
            appUrl: this.config.appUrl,
            date: formatDate(new Date(), to.locale),
            ...digest,
            hasToScreen: digest.toScreen.length > 0,
            hasAwaitingDecision: digest.awaitingDecision.length > 0,
            mailsUrl: `${this.config.appUrl}/api/mails?status=unknown`,
          };
        },
      },
      'vote-reminder': {
        recipients: async (event) => {
          const p = await event.proposal();
          if (!p || !inStates(VOTABLE_PROPOSAL_STATES, p.state)) return [];
          const voters = await this.data.steeringYetToVote(p.id);
          return event.payload.userId ? voters.filter((v) => v.id === event.payload.userId) : voters;
        },
        view: async (event, to) => ({
          ...this.proposalView(await event.mustProposal(), to),
          meetingAt: event.payload.meetingAt ? formatDateTime(event.text('meetingAt'), to.locale) : '',
        }),
      },
      // Registration (issue 11): the applicant proves the address; a known address warns its owner.
      'confirm-address': {
        recipients: async (event) =>
          (await this.confirmations.awaitsConfirmation(event.text('userId'))) ? this.accountOwner(event) : [],
        view: async (_event, to) => ({
          name: to.name,
          appUrl: this.config.appUrl,
          confirmUrl: `${this.config.appUrl}/confirm/${await this.confirmations.issue(to.id)}`,
        }),
      },
      // Consensus (DESIGN §12): the rapporteur while drafting; the co-reviewers who have not answered.
      'consensus-rapporteur': {
        recipients: async (event) => this.consensusRecipients(event, 'rapporteur'),
        view: async (event, to) => this.consensusView(event, to),
      },
      'consensus-sign-request': {
        recipients: async (event) => this.consensusRecipients(event, 'signers'),
        view: async (event, to) => this.consensusView(event, to),
      },
      'registration-attempt': {
        recipients: (event) => this.accountOwner(event),
        view: async (_event, to) => ({
          name: to.name,
          appUrl: this.config.appUrl,
          email: to.email,
          signInUrl: `${this.config.appUrl}/login`,
        }),
      },
      'accessibility-feedback': {
        recipients: () => this.data.office(),
        view: async (event, to) => {
          const [row]: { message: string; contact: string; created_at: Date }[] = await this.db.query(
            'SELECT message, contact, created_at FROM accessibility_feedback WHERE id = $1',
            [event.text('feedbackId')],
          );
          if (!row) throw new Error(`No accessibility feedback ${event.text('feedbackId')}`);
          return {
            name: to.name,
            appUrl: this.config.appUrl,
            message: row.message,
            contact: row.contact,
            anonymous: row.contact === '',
            receivedAt: formatDateTime(row.created_at, to.locale),
          };
        },
      },
      // Accounts (issue 14): the links are issued when the mail is rendered; a newer one kills the older.
      'account-invitation': {
        recipients: async (event) => {
          const rows: unknown[] = await this.db.query(
            'SELECT 1 FROM users WHERE id = $1 AND active AND password_hash IS NULL',
            [event.text('userId')],
          );
          return rows.length > 0 ? this.accountOwner(event) : [];
        },
        view: async (_event, to) => ({
          ...this.accountView(to),
          setPasswordUrl: `${this.config.appUrl}/set-password/${await this.accountTokens.issue(to.id, 'invitation')}`,
        }),
      },
      'password-reset': {
        recipients: (event) => this.accountOwner(event),
        view: async (_event, to) => ({
          ...this.accountView(to),
          setPasswordUrl: `${this.config.appUrl}/set-password/${await this.accountTokens.issue(to.id, 'password-reset')}`,
          forgotUrl: `${this.config.appUrl}/password-reset`,
        }),
      },
      'password-changed': this.toAccountOwner(),
      'totp-enabled': this.toAccountOwner(),
      'totp-disabled': this.toAccountOwner(),
    };
  }

  /** Whether rendering the mail only reads (see READ_ONLY_VIEWS). */
  viewOnlyReads(template: TemplateName): boolean {
    return READ_ONLY_VIEWS.has(template);
  }

  recipients(template: TemplateName, event: MailEvent): Promise<Recipient[]> {
    return this.specs[template].recipients(event);
  }

  view(template: TemplateName, event: MailEvent, to: Recipient): Promise<View> {
    return this.specs[template].view(event, to);
  }

  async attachments(template: TemplateName, event: MailEvent, to: Recipient): Promise<MailAttachment[]> {
    return (await this.specs[template].attachments?.(event, to)) ?? [];
  }

  private toApplicant(extra: (p: ProposalInfo, event: MailEvent, to: Recipient) => Promise<View>): MailSpec {
    return {
      recipients: async (event) => {
        const applicant = (await event.proposal())?.applicant;
        return applicant?.active ? [applicant] : [];
      },
      view: async (event, to) => {
        const p = await event.mustProposal();
        return { ...this.proposalView(p, to), ...(await extra(p, event, to)) };
      },
    };
  }

  private toReviewer(
    extra: (a: AssignmentInfo, p: ProposalInfo, to: Recipient, event: MailEvent) => Promise<View>,
  ): MailSpec {
    return {
      recipients: async (event) => {
        const a = await event.assignment();
        return a?.reviewer.active ? [a.reviewer] : [];
      },
      view: async (event, to) => {
        const a = await event.mustAssignment();
        const p = await event.mustProposal();
        return {
          ...this.proposalView(p, to),
          dueAt: formatDateTime(a.dueAt, to.locale),
          reviewUrl: `${this.config.appUrl}/assignments/${a.id}`,
          ...(await extra(a, p, to, event)),
        };
      },
    };
  }

  /** Office mails about an assignment: they name the reviewer (the office assigns them). */
  private toOffice(extra: (event: MailEvent) => Promise<View>): MailSpec {
    return {
      recipients: () => this.data.office(),
      view: async (event, to) => {
        const a = await event.mustAssignment();
        const p = await event.mustProposal();
        return {
          ...this.proposalView(p, to),
          reviewerName: a.reviewer.name,
          reviewerEmail: a.reviewer.email,
          dueAt: formatDateTime(a.dueAt, to.locale),
          ...(await extra(event)),
        };
      },
    };
  }

  /**
   * Who a consensus mail of the payload's proposal and round still concerns: the rapporteur while the
   * report is drafted (and still the one named in the payload), or the co-reviewers who have not answered
   * while it awaits signatures. Nobody once the report moved on (the job is skipped).
   */
  private async consensusRecipients(event: MailEvent, who: 'rapporteur' | 'signers'): Promise<Recipient[]> {
    const rows: { id: string }[] = await this.db.query(
      who === 'rapporteur'
        ? `SELECT cr.rapporteur_id AS id FROM consensus_reports cr
            WHERE cr.proposal_id = $1 AND cr.round = $2 AND cr.state = 'drafting' AND cr.rapporteur_id = $3`
        : `SELECT a.reviewer_id AS id FROM consensus_reports cr
             JOIN assignments a ON a.proposal_id = cr.proposal_id AND a.round = cr.round AND a.state = 'submitted'
            WHERE cr.proposal_id = $1 AND cr.round = $2 AND cr.state = 'signing'
              AND a.reviewer_id IS DISTINCT FROM cr.rapporteur_id
              AND NOT EXISTS (SELECT 1 FROM consensus_signatures s
                               WHERE s.report_id = cr.id AND s.reviewer_id = a.reviewer_id)
            ORDER BY a.created_at, a.id`,
      who === 'rapporteur'
        ? [event.text('proposalId'), Number(event.payload.round), event.text('userId')]
        : [event.text('proposalId'), Number(event.payload.round)],
    );
    const users = await Promise.all(rows.map((r) => this.data.user(r.id)));
    return users.filter((u): u is Recipient & { active: boolean } => u !== null && u.active);
  }

  private async consensusView(event: MailEvent, to: Recipient): Promise<View> {
    const p = await event.mustProposal();
    return {
      ...this.proposalView(p, to),
      reminder: event.payload.reminder === true,
      consensusUrl: `${this.config.appUrl}/proposals/${p.id}/consensus`,
    };
  }

  /** The active account of the payload's `userId`. */
  private async accountOwner(event: MailEvent): Promise<Recipient[]> {
    const user = await this.data.user(event.text('userId'));
    return user?.active ? [user] : [];
  }

  /** A mail about the recipient's own account: it names them, their address and where to sign in. */
  private toAccountOwner(): MailSpec {
    return {
      recipients: (event) => this.accountOwner(event),
      view: async (_event, to) => this.accountView(to),
    };
  }

  private accountView(to: Recipient): View {
    return {
      name: to.name,
      email: to.email,
      appUrl: this.config.appUrl,
      signInUrl: `${this.config.appUrl}/login`,
      profileUrl: `${this.config.appUrl}/profile`,
      forgotUrl: `${this.config.appUrl}/password-reset`,
    };
  }

  private proposalView(p: ProposalInfo, to: Recipient): View {
    return {
      name: to.name,
      appUrl: this.config.appUrl,
      proposal: {
        id: p.id,
        title: p.title,
        acronym: p.acronym || '—',
        round: p.round,
        url: this.proposalUrl(p.id),
      },
      callTitle: p.callTitle,
    };
  }

  private async decisionView(p: ProposalInfo, event: MailEvent, to: Recipient): Promise<View> {
    const round = Number(event.payload.round ?? p.round);
    const letter = await this.data.decisionLetter(p, round);
    if (!letter) throw new Error(`No decision recorded for proposal ${p.id}, round ${round}`);
    const content = await this.letters.content(p.id, round);
    const consensus = content?.consensus ?? false;
    return {
      paragraph: content?.paragraph.trim() ?? '',
      hasConsensus: consensus,
      consensusText: content?.consensusText ?? '',
      minorityViews: (content?.minorityViews ?? []).map((text, i) => ({ n: i + 1, text })),
      round,
      approved: letter.outcome === 'approved',
      rejected: letter.outcome === 'rejected',
      revisionRequested: letter.outcome === 'revision_requested',
      // The outline's decision (two-stage calls): invited to the full proposal, or not.
      invited: letter.outcome === 'invited',
      notInvited: letter.outcome === 'not_invited',
      grantedFunding:
        letter.outcome === 'approved' && letter.grantedFundingEur !== null
          ? formatEuro(letter.grantedFundingEur, to.locale)
          : '',
      means: letter.means.map((m) => ({
        label: m.label?.[to.locale] ?? m.key,
        mean: m.mean === null ? '—' : formatScore(m.mean, to.locale),
      })),
      total: letter.total === null ? '—' : formatScore(letter.total, to.locale),
      // With a final consensus the applicant reads its text, never the individual comments.
      hasComments: !consensus && letter.comments.length > 0,
      comments: consensus ? [] : letter.comments.map(({ letter: reviewer, text }) => ({ reviewer, text })),
      rationale: letter.rationale.trim(),
      revisionDeadline:
        letter.outcome === 'revision_requested' && p.revisionDeadline
          ? formatDateTime(p.revisionDeadline, to.locale)
          : '',
    };
  }

  /** One-click accept/decline links (fresh tokens each mail), valid until the review is due, ≥ 1 day. */
  private async answerLinks(assignmentId: string, userId: string, dueAt: Date): Promise<View> {
    const ttlMs = Math.max(dueAt.getTime() - Date.now(), 86_400_000);
    const link = async (purpose: 'accept-invitation' | 'decline-invitation') =>
      `${this.config.appUrl}/actions/${await this.tokens.issue(this.db.manager, { purpose, userId, assignmentId, ttlMs })}`;
    return { acceptUrl: await link('accept-invitation'), declineUrl: await link('decline-invitation') };
  }

  private proposalUrl(id: string): string {
    return `${this.config.appUrl}/proposals/${id}`;
  }
}

function unique(recipients: Recipient[]): Recipient[] {
  return [...new Map(recipients.map((r) => [r.id, r])).values()];
}
