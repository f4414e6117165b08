/**
 * Exact automatic reviewer assignment (docs/CONTRACT.md §4): fill as many missing reviewer slots as possible,
 * then maximise Σ affinity. That lexicographic objective is exactly a minimum-cost maximum flow on
 *
 *   source ─(remaining load)→ reviewer ─(1, −affinity)→ proposal ─(missing reviewers)→ sink
 *
 * where only allowed pairs get a reviewer→proposal arc (conflicts, kept and declined pairs are left
 * out by the caller). Pure function of typed arrays: no Nest, no database.
 */
import { MinCostFlow } from './min-cost-flow';

export interface AssignmentInstance {
  /** Per reviewer index: remaining load (>= 0). */
  reviewerCapacity: ArrayLike<number>;
  /** Per proposal index: missing reviewers (>= 0). */
  proposalDemand: ArrayLike<number>;
  /** Allowed pairs, as parallel arrays. */
  edgeReviewer: Int32Array;
  edgeProposal: Int32Array;
  edgeAffinity: Int32Array;
}

export interface AssignmentSolution {
  /** Chosen new pairs, as parallel arrays. */
  pairReviewer: Int32Array;
  pairProposal: Int32Array;
  /** Number of new pairs (= max flow). */
  filled: number;
  /** Σ affinity of the chosen new pairs. */
  affinity: number;
  /** Per proposal: demand − pairs chosen for it. */
  shortBy: Int32Array;
}

/** Affinities are small in practice; the bound keeps every path cost exact and every cost an Int32. */
const MAX_ABS_AFFINITY = 1_000_000;
const MAX_COUNT = 0x7fffffff;

export function solveAssignment(instance: AssignmentInstance): AssignmentSolution {
  validateInstance(instance);
  const { reviewerCapacity, proposalDemand, edgeReviewer, edgeProposal, edgeAffinity } = instance;
  const reviewers = reviewerCapacity.length;
  const proposals = proposalDemand.length;
  const edges = edgeReviewer.length;

  // Node layout: reviewers 0..R-1, proposals R..R+P-1, then source and sink.
  const source = reviewers + proposals;
  const sink = source + 1;
  const network = new MinCostFlow(reviewers + proposals + 2, edges + reviewers + proposals);
  // Pair arcs first, so that arc index e is edge e.
  for (let e = 0; e < edges; e++) {
    network.addArc(edgeReviewer[e], reviewers + edgeProposal[e], 1, -edgeAffinity[e]);
  }
  for (let r = 0; r < reviewers; r++) network.addArc(source, r, reviewerCapacity[r], 0);
  const firstDemandArc = edges + reviewers;
  for (let p = 0; p < proposals; p++) network.addArc(reviewers + p, sink, proposalDemand[p], 0);

  const { flow, cost } = network.solve(source, sink);

  const pairReviewer = new Int32Array(flow);
  const pairProposal = new Int32Array(flow);
  let pairs = 0;
  for (let e = 0; e < edges; e++) {
    if (network.flowOn(e) === 0) continue;
    pairReviewer[pairs] = edgeReviewer[e];
    pairProposal[pairs] = edgeProposal[e];
    pairs++;
  }
  if (pairs !== flow)
    throw new Error(`internal error: ${pairs} pairs carry flow but the flow value is ${flow}`);

  const shortBy = new Int32Array(proposals);
  for (let p = 0; p < proposals; p++) shortBy[p] = proposalDemand[p] - network.flowOn(firstDemandArc + p);

  // Every arc but the pair arcs costs 0, so the flow cost is −Σ affinity; `+ 0` turns −0 into 0.
  return { pairReviewer, pairProposal, filled: flow, affinity: -cost + 0, shortBy };
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

/** Groups edges by reviewer (counting sort), then stamps each reviewer's proposals: O(E + R + P). */
function checkNoDuplicatePair(
  edgeReviewer: Int32Array,
  edgeProposal: Int32Array,
  reviewers: number,
  proposals: number,
): void {
  const start = new Int32Array(reviewers + 1);
  for (let e = 0; e < edgeReviewer.length; e++) start[edgeReviewer[e] + 1]++;
  for (let r = 0; r < reviewers; r++) start[r + 1] += start[r];
  const fill = start.slice(0, reviewers);
  const byReviewer = new Int32Array(edgeReviewer.length);
  for (let e = 0; e < edgeReviewer.length; e++) byReviewer[fill[edgeReviewer[e]]++] = e;

  const stamp = new Int32Array(proposals).fill(-1);
  for (let r = 0; r < reviewers; r++) {
    for (let i = start[r]; i < start[r + 1]; i++) {
      const e = byReviewer[i];
      const p = edgeProposal[e];
      if (stamp[p] === r) throw new Error(`duplicate pair (reviewer ${r}, proposal ${p}) at edge ${e}`);
      stamp[p] = r;
    }
  }
}
