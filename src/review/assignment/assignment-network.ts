/**
 * The assignment as a minimum-cost maximum flow (docs/CONTRACT.md §4):
 *
 *   source ─(remaining load)→ reviewer ─(1, −affinity)→ proposal ─(missing reviewers)→ sink
 *
 * Node layout: reviewers 0..R-1, proposals R..R+P-1, then source and sink. solveOnPairs() builds the
 * network on all allowed pairs or on a subset of them (candidate-solve.ts) and solves it.
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
  /** How the optimum was found (for benchmarks and diagnostics). */
  stats: SolveStats;
}

export interface SolveStats {
  method: 'full' | 'candidates';
  /** Pairs in the network of the last solve (all allowed pairs for 'full'). */
  pairsInNetwork: number;
  /** Network solves: 1 for 'full'; for 'candidates' 1 + the rounds that added pairs the proof rejected. */
  solves: number;
  /** Dijkstra phases summed over the solves. */
  phases: number;
}

export interface SolvedNetwork {
  network: MinCostFlow;
  source: number;
  sink: number;
  solution: AssignmentSolution;
}

/**
 * Solves the flow on the pairs listed in `pairs` (edge indices into the instance), or on every pair
 * when `pairs` is null. The instance must be valid (assignment-solver.ts checks it).
 */
export function solveOnPairs(instance: AssignmentInstance, pairs: Int32Array | null): SolvedNetwork {
  const { reviewerCapacity, proposalDemand, edgeReviewer, edgeProposal, edgeAffinity } = instance;
  const reviewers = reviewerCapacity.length;
  const proposals = proposalDemand.length;
  const count = pairs === null ? edgeReviewer.length : pairs.length;
  const edgeAt = (i: number): number => (pairs === null ? i : pairs[i]);

  const source = reviewers + proposals;
  const sink = source + 1;
  const network = new MinCostFlow(reviewers + proposals + 2, count + reviewers + proposals);
  // Pair arcs first, so that arc index i is the i-th listed pair.
  for (let i = 0; i < count; i++) {
    const e = edgeAt(i);
    network.addArc(edgeReviewer[e], reviewers + edgeProposal[e], 1, -edgeAffinity[e]);
  }
  for (let r = 0; r < reviewers; r++) network.addArc(source, r, reviewerCapacity[r], 0);
  const firstDemandArc = count + reviewers;
  for (let p = 0; p < proposals; p++) network.addArc(reviewers + p, sink, proposalDemand[p], 0);

  const { flow, cost, phases } = network.solve(source, sink);

  const pairReviewer = new Int32Array(flow);
  const pairProposal = new Int32Array(flow);
  let chosen = 0;
  for (let i = 0; i < count; i++) {
    if (network.flowOn(i) === 0) continue;
    const e = edgeAt(i);
    pairReviewer[chosen] = edgeReviewer[e];
    pairProposal[chosen] = edgeProposal[e];
    chosen++;
  }
  if (chosen !== flow)
    throw new Error(`internal error: ${chosen} pairs carry flow but the flow value is ${flow}`);

  const shortBy = new Int32Array(proposals);
  for (let p = 0; p < proposals; p++) shortBy[p] = proposalDemand[p] - network.flowOn(firstDemandArc + p);

  // Every arc but the pair arcs costs 0, so the flow cost is −Σ affinity; `+ 0` turns −0 into 0.
  const solution: AssignmentSolution = {
    pairReviewer,
    pairProposal,
    filled: flow,
    affinity: -cost + 0,
    shortBy,
    stats: { method: pairs === null ? 'full' : 'candidates', pairsInNetwork: count, solves: 1, phases },
  };
  return { network, source, sink, solution };
}
