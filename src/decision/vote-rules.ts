import type { DecisionOutcome } from './decision.entity';
import type { VoteChoice } from './vote.entity';

export const OUTCOME_OF_VOTE: Record<Exclude<VoteChoice, 'abstain'>, DecisionOutcome> = {
  approve: 'approved',
  reject: 'rejected',
  revise: 'revision_requested',
};

/** An outline's votes (DESIGN §11): approve = invite, reject = do not invite; revise is refused. */
export const OUTLINE_OUTCOME_OF_VOTE: Record<'approve' | 'reject', DecisionOutcome> = {
  approve: 'invited',
  reject: 'not_invited',
};

export interface CountedVote {
  vote: VoteChoice;
  /** Cast by the chair of the steering group (breaks ties). */
  chair: boolean;
}

export interface VoteTally {
  tally: Record<VoteChoice, number>;
  /** Non-conflicted active steering members. */
  eligibleVoters: number;
  /** Votes cast, abstentions included. */
  voted: number;
  quorum: { required: number; reached: boolean };
  /** The majority of approve/reject/revise; a tie goes to the option the chair voted; else null. */
  proposedOutcome: DecisionOutcome | null;
}

/**
 * docs/CONTRACT.md §5: quorum when at least half of the eligible members voted (abstentions count as voted;
 * with nobody eligible there is no quorum). Only votes of eligible members may be passed in.
 */
export function tallyVotes(
  votes: CountedVote[],
  eligibleVoters: number,
  stage: 'outline' | 'full' = 'full',
): VoteTally {
  const outcomes: Partial<Record<VoteChoice, DecisionOutcome>> =
    stage === 'outline' ? OUTLINE_OUTCOME_OF_VOTE : OUTCOME_OF_VOTE;
  const tally: Record<VoteChoice, number> = { approve: 0, reject: 0, revise: 0, abstain: 0 };
  for (const v of votes) tally[v.vote]++;
  const required = Math.ceil(eligibleVoters / 2);
  const options = Object.keys(outcomes) as (keyof typeof OUTCOME_OF_VOTE)[];
  const top = Math.max(...options.map((o) => tally[o]));
  const leaders = top > 0 ? options.filter((o) => tally[o] === top) : [];
  let winner: keyof typeof OUTCOME_OF_VOTE | undefined;
  if (leaders.length === 1) winner = leaders[0];
  else if (leaders.length > 1) {
    const chairVote = votes.find((v) => v.chair)?.vote;
    winner = leaders.find((o) => o === chairVote);
  }
  return {
    tally,
    eligibleVoters,
    voted: votes.length,
    quorum: { required, reached: eligibleVoters > 0 && votes.length >= required },
    proposedOutcome: winner ? (outcomes[winner] ?? null) : null,
  };
}
