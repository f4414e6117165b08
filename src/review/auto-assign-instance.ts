import { createHash } from 'node:crypto';
import { solveAssignment } from './assignment/assignment-solver';
import { LIVE_ASSIGNMENT_STATES } from './assignment-transitions';

/**
 * Turns the rows of a call (proposals, reviewers, existing assignments, bids, conflicts) into the typed
 * arrays of the solver and its solution back into pairs — pure, no database, so it is easy to test and
 * cheap to run inside the commit transaction again.
 */

export interface PlanProposal {
  id: string;
  round: number;
  topics: string[];
  /** This proposal's k when it differs from the run's (a two-stage call's outlines: outlineReviews). */
  k?: number;
}

export interface PlanReviewer {
  id: string;
  name: string;
  expertise: string[];
  /** Active with the reviewer role: may get new pairs. Others only appear through kept pairs. */
  eligible: boolean;
  /** Live (invited, accepted, submitted) assignments in the call, any round. */
  load: number;
  /** The reviewer's own lower limit for this call (reviewer_capacities); null/absent: the call's cap. */
  maxLoad?: number | null;
}

export interface PlanAssignment {
  proposalId: string;
  reviewerId: string;
  state: string;
  /** Of the proposal's current round. */
  current: boolean;
}

export interface PlanInput {
  /** Reviews per proposal, unless a proposal carries its own `k`. */
  k: number;
  maxLoad: number;
  proposals: PlanProposal[];
  reviewers: PlanReviewer[];
  assignments: PlanAssignment[];
  bids: { proposalId: string; reviewerId: string; bid: number }[];
  conflicts: { proposalId: string; userId: string }[];
}

export interface PlannedPair {
  proposalId: string;
  reviewerId: string;
  affinity: number;
  kept: boolean;
}

export type ShortReason = 'too-few-eligible-reviewers' | 'load-caps';

export interface Plan {
  /** Σ affinity of the whole assignment: kept pairs and new ones. */
  objective: number;
  /** New pairs chosen. */
  filled: number;
  /** Slots that were missing before (Σ over proposals of k − kept). */
  needed: number;
  pairs: PlannedPair[];
  load: { reviewerId: string; name: string; before: number; after: number; capacity: number }[];
  short: { proposalId: string; missing: number; reason: ShortReason }[];
  /** SHA-256 of the new pairs: a commit may insist that it creates exactly what was previewed. */
  fingerprint: string;
}

const LIVE: ReadonlySet<string> = new Set(LIVE_ASSIGNMENT_STATES);
const KEPT = 1;
const BLOCKED = 2;

export function buildPlan(input: PlanInput): Plan {
  const { proposals, reviewers } = input;
  const P = proposals.length;
  const R = reviewers.length;
  const pIndex = new Map(proposals.map((p, i) => [p.id, i]));
  const rIndex = new Map(reviewers.map((r, i) => [r.id, i]));

  // Keywords → small integers; expertise as a reviewer × topic membership matrix.
  const topicIds = new Map<string, number>();
  const topicId = (word: string) => {
    const key = word.trim().toLowerCase();
    let id = topicIds.get(key);
    if (id === undefined) topicIds.set(key, (id = topicIds.size));
    return id;
  };
  const proposalTopics = proposals.map((p) => Int32Array.from(new Set(p.topics.map(topicId))));
  const reviewerTopics = reviewers.map((r) => [...new Set(r.expertise.map(topicId))]);
  const T = topicIds.size;
  const member = new Uint8Array(R * T);
  reviewerTopics.forEach((ts, r) => ts.forEach((t) => (member[r * T + t] = 1)));

  const bid = new Int8Array(R * P);
  for (const b of input.bids) {
    const r = rIndex.get(b.reviewerId);
    const p = pIndex.get(b.proposalId);
    if (r !== undefined && p !== undefined) bid[r * P + p] = b.bid;
  }
  const affinity = (r: number, p: number) => {
    let overlap = 0;
    for (const t of proposalTopics[p]) overlap += member[r * T + t];
    return overlap + bid[r * P + p];
  };

  // Pairs the solver may not choose: conflicts, declines (any round), revocations and live pairs
  // of the current round (the latter are kept and count toward k).
  const flags = new Uint8Array(R * P);
  for (const c of input.conflicts) {
    const r = rIndex.get(c.userId);
    const p = pIndex.get(c.proposalId);
    if (r !== undefined && p !== undefined) flags[r * P + p] |= BLOCKED;
  }
  const keptPairs: number[] = [];
  const keptCount = new Int32Array(P);
  for (const a of input.assignments) {
    const r = rIndex.get(a.reviewerId);
    const p = pIndex.get(a.proposalId);
    if (r === undefined || p === undefined) continue;
    if (a.state === 'declined' || (a.state === 'revoked' && a.current)) flags[r * P + p] |= BLOCKED;
    if (a.current && LIVE.has(a.state) && !(flags[r * P + p] & KEPT)) {
      flags[r * P + p] |= KEPT;
      keptPairs.push(r * P + p);
      keptCount[p]++;
    }
  }

  const demand = new Int32Array(P);
  for (let p = 0; p < P; p++) demand[p] = Math.max(0, (proposals[p].k ?? input.k) - keptCount[p]);
  const capacity = new Int32Array(R);
  const cap = (r: PlanReviewer) => Math.min(input.maxLoad, r.maxLoad ?? input.maxLoad);
  reviewers.forEach((r, i) => (capacity[i] = r.eligible ? Math.max(0, cap(r) - r.load) : 0));

  const edgeReviewer = new Int32Array(R * P);
  const edgeProposal = new Int32Array(R * P);
  const edgeAffinity = new Int32Array(R * P);
  const candidates = new Int32Array(P);
  let edges = 0;
  for (let r = 0; r < R; r++) {
    if (!reviewers[r].eligible) continue;
    for (let p = 0; p < P; p++) {
      if (demand[p] === 0 || flags[r * P + p] !== 0) continue;
      candidates[p]++;
      if (capacity[r] === 0) continue;
      edgeReviewer[edges] = r;
      edgeProposal[edges] = p;
      edgeAffinity[edges] = affinity(r, p);
      edges++;
    }
  }
  const solution = solveAssignment({
    reviewerCapacity: capacity,
    proposalDemand: demand,
    edgeReviewer: edgeReviewer.subarray(0, edges),
    edgeProposal: edgeProposal.subarray(0, edges),
    edgeAffinity: edgeAffinity.subarray(0, edges),
  });

  // Pairs grouped by proposal in input order: kept ones first, then new ones.
  const byProposal: PlannedPair[][] = proposals.map(() => []);
  let keptAffinity = 0;
  for (const cell of keptPairs) {
    const r = Math.floor(cell / P);
    const p = cell % P;
    const a = affinity(r, p);
    keptAffinity += a;
    byProposal[p].push({ proposalId: proposals[p].id, reviewerId: reviewers[r].id, affinity: a, kept: true });
  }
  const added = new Int32Array(R);
  const newKeys: string[] = [];
  for (let i = 0; i < solution.filled; i++) {
    const r = solution.pairReviewer[i];
    const p = solution.pairProposal[i];
    added[r]++;
    newKeys.push(`${proposals[p].id}:${reviewers[r].id}`);
    byProposal[p].push({
      proposalId: proposals[p].id,
      reviewerId: reviewers[r].id,
      affinity: affinity(r, p),
      kept: false,
    });
  }

  const short: Plan['short'] = [];
  for (let p = 0; p < P; p++) {
    if (solution.shortBy[p] <= 0) continue;
    short.push({
      proposalId: proposals[p].id,
      missing: solution.shortBy[p],
      reason: candidates[p] < demand[p] ? 'too-few-eligible-reviewers' : 'load-caps',
    });
  }
  return {
    objective: keptAffinity + solution.affinity,
    filled: solution.filled,
    needed: demand.reduce((sum, d) => sum + d, 0),
    pairs: byProposal.flat(),
    load: reviewers
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.eligible)
      .map(({ r, i }) => ({
        reviewerId: r.id,
        name: r.name,
        before: r.load,
        after: r.load + added[i],
        capacity: cap(r),
      })),
    short,
    fingerprint: createHash('sha256').update(newKeys.sort().join('\n')).digest('hex'),
  };
}
