import type { ConsensusState } from './consensus-report.entity';

export const CONSENSUS_ACTIONS = ['name-rapporteur', 'edit', 'submit', 'sign', 'close'] as const;
export type ConsensusAction = (typeof CONSENSUS_ACTIONS)[number];

export interface ConsensusMember {
  reviewerId: string;
  name: string;
  rapporteur: boolean;
  /** null: not answered yet (the rapporteur never answers). */
  agree: boolean | null;
  minorityView: string | null;
  signedAt: string | null;
}

/** What the office and the round's reviewers read of a consensus (never the applicant). */
export interface ConsensusView {
  proposalId: string;
  round: number;
  state: ConsensusState;
  rapporteurId: string | null;
  /** The draft, or — before the first save — the criterion means rounded to the rubric's step. */
  scores: Record<string, number | null>;
  /** The exact criterion means of the round's reviews (rubric order). */
  means: Record<string, number | null>;
  commentToApplicant: string;
  /** True while nothing was saved: scores and comment are the pre-filled values. */
  prefilled: boolean;
  submittedAt: string | null;
  finalizedAt: string | null;
  /** From when the office may close a report still waiting for signatures. */
  closableFrom: string | null;
  members: ConsensusMember[];
  allowedActions: ConsensusAction[];
}

/** What the applicant reads of a final consensus: the text and the minority views, without names. */
export interface ApplicantConsensus {
  commentToApplicant: string;
  minorityViews: string[];
  scores: Record<string, number>;
}
