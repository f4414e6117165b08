import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService, CallView, toCallView } from '@/calls/calls.service';
import { Problem } from '@/common/problem';
import { DecisionsService, DecisionView } from '@/decision/decisions.service';
import { ScoresService, ScoresView } from '@/decision/scores.service';
import { VotesService, VotesView } from '@/decision/votes.service';
import { HistoryEntry, ProposalsService, ProposalView } from '@/proposals/proposals.service';
import { AssignmentsService, AssignmentView } from '@/review/assignments.service';
import { ReviewsService, ReviewView } from '@/review/reviews.service';
import type { FormState } from './form-state';
import type { Page } from './pages.service';

export interface ProposalPage {
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
  ) {}

  async load(id: string, user: AuthUser): Promise<ProposalPage> {
    const { proposal, attachments } = await this.proposals.get(id, user);
    const view = this.proposals.view(proposal, user, attachments);
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
    // Vote and decision forms need the votes part on the page and the round still undecided.
    const open = votes !== null && !votes.decided;
    return {
      proposal: view,
      call: toCallView(call, user),
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
    };
  }

  async render(page: Page, id: string, form: FormState): Promise<void> {
    const data = await this.load(id, page.user as NonNullable<Page['user']>);
    await page.render('proposal', { title: data.proposal.title || data.proposal.acronym, ...data }, form);
  }
}
