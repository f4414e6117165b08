/**
 * Exact automatic reviewer assignment (docs/CONTRACT.md §4): fill as many missing reviewer slots as possible,
 * then maximise Σ affinity. That lexicographic objective is exactly a minimum-cost maximum flow
 * (assignment-network.ts) where only allowed pairs get a reviewer→proposal arc (conflicts, kept and
 * declined pairs are left out by the caller). Large instances are solved on candidate pairs with a
 * proof of optimality over all pairs (candidate-solve.ts); the answer is the same optimum either way.
 * Pure function of typed arrays: no Nest, no database.
 */
import {
  type AssignmentInstance,
  type AssignmentSolution,
  type SolveStats,
  solveOnPairs,
} from './assignment-network';
import { type CandidateOptions, solveOnCandidates } from './candidate-solve';
import { groupEdges } from './edge-groups';

export type { AssignmentInstance, AssignmentSolution, SolveStats };

export interface SolveOptions extends CandidateOptions {
  /**
   * 'full': one network with every allowed pair; 'candidates': candidate pairs plus proof; 'auto'
   * (default): candidates once there are more than CANDIDATES_FROM pairs.
   */
  method?: 'auto' | 'full' | 'candidates';
}

/** Below this many allowed pairs the full network is small and solving it directly is as fast. */
export const CANDIDATES_FROM = 100_000;

/** Affinities are small in practice; the bound keeps every path cost exact and every cost an Int32. */
const MAX_ABS_AFFINITY = 1_000_000;
const MAX_COUNT = 0x7fffffff;

export function solveAssignment(
  instance: AssignmentInstance,
  options: SolveOptions = {},
): AssignmentSolution {
  validateInstance(instance);
  const method = options.method ?? 'auto';
  const useCandidates =
    method === 'candidates' || (method === 'auto' && instance.edgeReviewer.length > CANDIDATES_FROM);
  if (useCandidates) return solveOnCandidates(instance, options);
  return solveOnPairs(instance, null).solution;
}

/** Throws an Error naming the first problem found in the instance. */
function validateInstance(instance: AssignmentInstance): void {
  const { reviewerCapacity, proposalDemand, edgeReviewer, edgeProposal, edgeAffinity } = instance;
  const reviewers = reviewerCapacity.length;
  const proposals = proposalDemand.length;
  const edges = edgeReviewer.length;
  if (edgeProposal.length !== edges || edgeAffinity.length !== edges) {
    throw new Error(
      `edge arrays differ in length: edgeReviewer ${edges}, edgeProposal ${edgeProposal.length}, ` +
        `edgeAffinity ${edgeAffinity.length}`,
    );
  }
  checkCounts('reviewerCapacity', reviewerCapacity);
  checkCounts('proposalDemand', proposalDemand);

  for (let e = 0; e < edges; e++) {
    const r = edgeReviewer[e];
    const p = edgeProposal[e];
    const a = edgeAffinity[e];
    if (r < 0 || r >= reviewers) throw new Error(`edgeReviewer[${e}] = ${r} is outside 0..${reviewers - 1}`);
    if (p < 0 || p >= proposals) throw new Error(`edgeProposal[${e}] = ${p} is outside 0..${proposals - 1}`);
    if (a < -MAX_ABS_AFFINITY || a > MAX_ABS_AFFINITY) {
      throw new Error(`edgeAffinity[${e}] = ${a} is outside ±${MAX_ABS_AFFINITY}`);
    }
  }
  checkNoDuplicatePair(edgeReviewer, edgeProposal, reviewers, proposals);
}

function checkCounts(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v > MAX_COUNT) {
      throw new Error(`${name}[${i}] = ${v} is not an integer in 0..${MAX_COUNT}`);
    }
  }
}

/**
 * Pairs listed in strictly increasing (proposal, reviewer) or (reviewer, proposal) order — as callers
 * build them — have no duplicate: one sequential pass. Otherwise: group the edges by reviewer
 * (counting sort), then stamp each reviewer's proposals: O(E + R + P).
 */
function checkNoDuplicatePair(
  edgeReviewer: Int32Array,
  edgeProposal: Int32Array,
  reviewers: number,
  proposals: number,
): void {
  if (strictlyIncreasing(edgeProposal, edgeReviewer) || strictlyIncreasing(edgeReviewer, edgeProposal))
    return;
  const { start, order } = groupEdges(edgeReviewer, reviewers);
  const stamp = new Int32Array(proposals).fill(-1);
  for (let r = 0; r < reviewers; r++) {
    for (let i = start[r]; i < start[r + 1]; i++) {
      const e = order[i];
      const p = edgeProposal[e];
      if (stamp[p] === r) throw new Error(`duplicate pair (reviewer ${r}, proposal ${p}) at edge ${e}`);
      stamp[p] = r;
    }
  }
}

/** Whether the pairs (major[e], minor[e]) increase strictly in lexicographic order. */
function strictlyIncreasing(major: Int32Array, minor: Int32Array): boolean {
  for (let e = 1; e < major.length; e++) {
    if (major[e] < major[e - 1] || (major[e] === major[e - 1] && minor[e] <= minor[e - 1])) return false;
  }
  return true;
}
