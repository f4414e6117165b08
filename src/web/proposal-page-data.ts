import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService, CallView, toCallView } from '@/calls/calls.service';
import { Problem } from '@/common/problem';
import { rubricOfRound, type Rubric } from '@/calls/rubric';
import { DecisionsService, DecisionView } from '@/decision/decisions.service';
import { ScoresService, ScoresView } from '@/decision/scores.service';
import { VotesService, VotesView } from '@/decision/votes.service';
import { HistoryEntry, ProposalsService, ProposalView } from '@/proposals/proposals.service';
import { AssignmentsService, AssignmentView } from '@/review/assignments.service';
import { PartnerSuggestion, PartnerSuggestionsService } from '@/organisations/partner-suggestions.service';
import { ConflictEntry, ConflictService } from '@/review/conflicts.service';
import { ReviewsService, ReviewView } from '@/review/reviews.service';
import { UsersService } from '@/users/users.service';
import type { FormState } from './form-state';
import type { Page } from './pages.service';
import { ProposalSections, proposalSections, reopenable } from './proposal-sections';

export interface ProposalPage {
  /** The office or a reviewer of the round may open the consensus report (in_consensus only). */
  consensusLink: boolean;
  proposal: ProposalView;
  call: CallView;
  history: HistoryEntry[];
  isOwner: boolean;
  /** From the proposal's `allowedActions`: the page decides nothing itself. */
  editable: boolean;
  /** Each null when the service refuses this user (the API would answer 403/404). */
  reviews: ReviewView[] | null;
  scores: ScoresView | null;
  votes: VotesView | null;
  decisions: DecisionView[];
  assignments: AssignmentView[] | null;
  myVote: VotesView['votes'][number] | null;
  mayVote: boolean;
  mayDecide: boolean;
  /** The board sections this state and user allow. */
  sections: ProposalSections;
  /** Office: assignment ids whose submitted review may be reopened now. */
  reopenable: string[];
  /** Office: who is conflicted and why, and the board members a conflict can be declared for. */
  conflicts: ConflictEntry[];
  boardMembers: { id: string; name: string }[];
  /** The rubric a round was scored on (the outline rubric for a two-stage call's outline, round 0). */
  rubricOf: (round: number) => Rubric;
  /** "Mögliche Partner": for the owner while the proposal is editable, and for the office; else null. */
  partnerSuggestions: PartnerSuggestion[] | null;
}

/** Answers null where the service refuses: the part is simply not on this user's page. */
async function ifAllowed<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof Problem && [403, 404].includes(error.getStatus())) return null;
    throw error;
  }
}

/**
 * Gathers what the proposal page shows, each part from the service the API uses for it, with the
 * caller's own visibility: what the API would refuse this user is never loaded.
 */
@Injectable()
export class ProposalPageData {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly calls: CallsService,
    private readonly reviewsService: ReviewsService,
    private readonly scoresService: ScoresService,
    private readonly votesService: VotesService,
    private readonly decisionsService: DecisionsService,
    private readonly assignmentsService: AssignmentsService,
    private readonly conflictService: ConflictService,
    private readonly users: UsersService,
    private readonly suggestions: PartnerSuggestionsService,
  ) {}

  async load(id: string, user: AuthUser): Promise<ProposalPage> {
    const { proposal, attachments, call: fullCall } = await this.proposals.get(id, user);
    const view = this.proposals.view(proposal, user, attachments, fullCall);
    const board = user.roles.some((r) => r === 'office' || r === 'steering' || r === 'reviewer');
    const [call, history, reviews, scores, votes, decisions, assignments] = await Promise.all([
      this.calls.getVisible(proposal.callId, user),
      this.proposals.history(id, user),
      board ? ifAllowed(() => this.reviewsService.listForProposal(id, user)) : null,
      board ? ifAllowed(() => this.scoresService.forReader(id, user)) : null,
      board ? ifAllowed(() => this.votesService.forReader(id, user)) : null,
      ifAllowed(() => this.decisionsService.listForReader(id, user)),
      user.roles.includes('office')
        ? ifAllowed(
            async () => (await this.assignmentsService.list({ proposalId: id, limit: 100 }, user)).items,
          )
        : null,
    ]);
    const isOwner = proposal.applicantId === user.id;
    const office = user.roles.includes('office');
    const sections = proposalSections({
      state: view.state,
      allowedActions: view.allowedActions,
      office,
      assignments,
      visibleReviews: reviews ? reviews.filter((r) => r.submittedAt).length : null,
      votes,
    });
    const { conflicts, boardMembers } = sections.conflicts
      ? await this.conflictsOf(id, user)
      : { conflicts: [], boardMembers: [] };
    const partnerSuggestions =
      office || (isOwner && view.allowedActions.includes('edit'))
        ? await this.suggestions.forProposal(id, user, 10)
        : null;
    // Vote and decision forms need the votes part on the page and the round still undecided.
    const open = votes !== null && !votes.decided;
    return {
      consensusLink:
        view.state === 'in_consensus' &&
        (office || (reviews ?? []).some((r) => r.reviewerId === user.id && r.submittedAt !== null)),
      proposal: view,
      call: toCallView(call, user),
      rubricOf: (round: number) => rubricOfRound(call, round),
      history,
      isOwner,
      editable: view.allowedActions.includes('edit'),
      reviews,
      scores,
      votes,
      decisions: decisions ?? [],
      assignments,
      myVote: votes?.votes.find((v) => v.voterId === user.id) ?? null,
      // Buttons only; the services decide (quorum, conflicts, state) when the form is sent.
      mayVote: open && view.allowedActions.includes('vote'),
      mayDecide: open && view.allowedActions.includes('decide'),
      sections,
      reopenable: (assignments ?? []).filter((a) => reopenable(a, view.state)).map((a) => a.id),
      conflicts,
      boardMembers,
      partnerSuggestions,
    };
  }

  /** Office: the proposal's conflicts and every active reviewer or steering member not yet conflicted. */
  private async conflictsOf(id: string, user: AuthUser) {
    const [conflicts, reviewers, steering] = await Promise.all([
      this.conflictService.listForProposal(id, user),
      this.users.list({ role: 'reviewer', limit: 100 }),
      this.users.list({ role: 'steering', limit: 100 }),
    ]);
    const conflicted = new Set(conflicts.map((c) => c.userId));
    const members = new Map(
      [...reviewers.items, ...steering.items]
        .filter((u) => u.active && !conflicted.has(u.id))
        .map((u) => [u.id, { id: u.id, name: u.name }]),
    );
    const boardMembers = [...members.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
    return { conflicts, boardMembers };
  }

  async render(page: Page, id: string, form: FormState): Promise<void> {
    const data = await this.load(id, page.user as NonNullable<Page['user']>);
    await page.render('proposal', { title: data.proposal.title || data.proposal.acronym, ...data }, form);
  }
}
