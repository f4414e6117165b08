import {
  ASSIGNABLE_PROPOSAL_STATES,
  DECIDABLE_PROPOSAL_STATES,
  REVIEWABLE_PROPOSAL_STATES,
} from '@/proposals/proposal-transitions';
import { inStates } from '@/workflow/state-machine';

/**
 * Conflicts of interest matter while reviewers are found, review and the vote are to come; on a
 * decided, withdrawn or formally rejected proposal a new conflict changes nothing.
 */
export const CONFLICT_PROPOSAL_STATES = [...ASSIGNABLE_PROPOSAL_STATES, ...DECIDABLE_PROPOSAL_STATES];

export const conflictsMatter = (state: string): boolean => inStates(CONFLICT_PROPOSAL_STATES, state);

/** What the sections below need to know about the page; each part null where the service refused it. */
export interface SectionInput {
  state: string;
  allowedActions: readonly string[];
  office: boolean;
  assignments: readonly unknown[] | null;
  visibleReviews: number | null;
  votes: { votes: readonly unknown[] } | null;
}

export interface ProposalSections {
  assignments: boolean;
  reviews: boolean;
  votes: boolean;
  conflicts: boolean;
}

/**
 * Which board sections the proposal page shows: only those the proposal's state and the user's
 * `allowedActions` give a meaning (no "Quorum fehlt" on a formally rejected proposal), and those
 * that have something to show from before.
 */
export function proposalSections(input: SectionInput): ProposalSections {
  const may = (action: string) => input.allowedActions.includes(action);
  const reviewing =
    inStates(REVIEWABLE_PROPOSAL_STATES, input.state) || inStates(DECIDABLE_PROPOSAL_STATES, input.state);
  return {
    assignments: input.assignments !== null && (input.assignments.length > 0 || may('assign')),
    reviews: input.visibleReviews !== null && (input.visibleReviews > 0 || reviewing),
    votes: input.votes !== null && (input.votes.votes.length > 0 || may('vote') || may('decide')),
    conflicts: input.office && conflictsMatter(input.state),
  };
}

/** The office reopens a submitted review while the proposal is in review (the transition's guard). */
export function reopenable(assignment: { allowedEvents: readonly string[] }, proposalState: string): boolean {
  return assignment.allowedEvents.includes('reopen') && inStates(REVIEWABLE_PROPOSAL_STATES, proposalState);
}
