/**
 * Exact assignment on candidate pairs with a proof over all pairs (issue 19, DESIGN §15).
 *
 * 1. Candidates: per proposal its `demand + extraPerProposal` best pairs by affinity, per reviewer its
 *    `min(load, degree) + extraPerReviewer` best — a few percent of the pairs of a national call.
 * 2. Solve the min-cost max-flow on the candidates (assignment-network.ts). Its final node potentials π
 *    are feasible on every arc of that residual network (min-cost-flow.ts).
 * 3. Proof over every left-out pair r→p (residual capacity 1, cost −a, no flow):
 *    - cost: −a + π(r) − π(p) ≥ 0 for all of them. Then π is feasible on the residual network of ALL
 *      pairs, so it has no negative cycle: the flow has the least cost among flows of its value.
 *    - flow value: the set S reachable from the source stays closed (no left-out pair from S to
 *      outside S), or the set T that reaches the sink stays closed (no left-out pair from outside T
 *      into T). Either way a cut separates source and sink in the full residual network: no
 *      augmenting path, the flow is maximum.
 *    Both together are the lexicographic optimum of the full instance (fill slots, then Σ affinity).
 * 4. Pairs that break the proof join the candidates and the network is solved again; the candidate
 *    set only grows, so this ends (at worst with every pair).
 * Pairs of a reviewer with no load left or of a proposal with no missing reviewer can never carry flow;
 * they are neither candidates nor checked.
 */
import { type AssignmentInstance, type AssignmentSolution, solveOnPairs } from './assignment-network';
import { type EdgeGroups, groupEdges } from './edge-groups';

export interface CandidateOptions {
  /** Candidates per proposal beyond its demand (default 3). */
  extraPerProposal?: number;
  /** Candidates per reviewer beyond its load (default 2). */
  extraPerReviewer?: number;
}

export function solveOnCandidates(
  instance: AssignmentInstance,
  byReviewer: EdgeGroups,
  options: CandidateOptions = {},
): AssignmentSolution {
  const { reviewerCapacity, proposalDemand, edgeReviewer, edgeProposal, edgeAffinity } = instance;
  const reviewers = reviewerCapacity.length;
  const proposals = proposalDemand.length;
  const edges = edgeReviewer.length;
  const extraP = options.extraPerProposal ?? 3;
  const extraR = options.extraPerReviewer ?? 2;

  // 0 = left out, 1 = candidate, 2 = useless (can never carry flow).
  const state = new Uint8Array(edges);
  for (let e = 0; e < edges; e++) {
    if (reviewerCapacity[edgeReviewer[e]] === 0 || proposalDemand[edgeProposal[e]] === 0) state[e] = 2;
  }
  const scratch = new Int32Array(Math.max(reviewers, proposals, 1));
  const byProposal = groupEdges(edgeProposal, proposals);
  for (let p = 0; p < proposals; p++) {
    if (proposalDemand[p] > 0) markBest(byProposal, p, proposalDemand[p] + extraP, edgeAffinity, state, scratch);
  }
  for (let r = 0; r < reviewers; r++) {
    const degree = byReviewer.start[r + 1] - byReviewer.start[r];
    if (reviewerCapacity[r] > 0) {
      markBest(byReviewer, r, Math.min(reviewerCapacity[r], degree) + extraR, edgeAffinity, state, scratch);
    }
  }

  let candidates = 0;
  for (let e = 0; e < edges; e++) if (state[e] === 1) candidates++;
  let solves = 0;
  let phases = 0;
  for (;;) {
    const pairs = new Int32Array(candidates);
    for (let e = 0, i = 0; e < edges; e++) if (state[e] === 1) pairs[i++] = e;
    const { network, source, sink, solution } = solveOnPairs(instance, pairs);
    solves++;
    phases += solution.stats.phases;

    const potential = new Float64Array(reviewers + proposals);
    for (let v = 0; v < potential.length; v++) potential[v] = network.potentialOf(v);
    const fromSource = network.markReachable(source);
    const toSink = network.markReachable(sink, true);
    // Left-out pairs that break the cost proof are marked 3; those crossing a cut are counted.
    let costBreaks = 0;
    let leavingS = 0;
    let enteringT = 0;
    for (let e = 0; e < edges; e++) {
      if (state[e] !== 0) continue;
      const r = edgeReviewer[e];
      const p = reviewers + edgeProposal[e];
      if (-edgeAffinity[e] + potential[r] - potential[p] < 0) {
        state[e] = 3;
        costBreaks++;
      }
      if (fromSource[r] === 1 && fromSource[p] === 0) leavingS++;
      if (toSink[r] === 0 && toSink[p] === 1) enteringT++;
    }
    const flowProved = leavingS === 0 || enteringT === 0;
    if (costBreaks === 0 && flowProved) {
      solution.stats = { method: 'candidates', pairsInNetwork: candidates, solves, phases };
      return solution;
    }
    // Add the cost breakers, and the smaller of the two cut-crossing sets when neither cut holds.
    const useS = leavingS <= enteringT;
    for (let e = 0; e < edges; e++) {
      if (state[e] === 3) {
        state[e] = 1;
        candidates++;
        continue;
      }
      if (state[e] !== 0 || flowProved) continue;
      const r = edgeReviewer[e];
      const p = reviewers + edgeProposal[e];
      const crosses = useS
        ? fromSource[r] === 1 && fromSource[p] === 0
        : toSink[r] === 0 && toSink[p] === 1;
      if (crosses) {
        state[e] = 1;
        candidates++;
      }
    }
  }
}

/**
 * Marks as candidates (state 1) the `best` edges of group `key` with the highest affinity (ties in
 * group order), skipping useless ones (state 2). Quickselect on a scratch copy of the affinities.
 */
function markBest(
  groups: EdgeGroups,
  key: number,
  best: number,
  affinity: Int32Array,
  state: Uint8Array,
  scratch: Int32Array,
): void {
  const { start, order } = groups;
  let n = 0;
  for (let i = start[key]; i < start[key + 1]; i++) if (state[order[i]] !== 2) scratch[n++] = affinity[order[i]];
  if (n === 0) return;
  if (n <= best) {
    for (let i = start[key]; i < start[key + 1]; i++) if (state[order[i]] !== 2) state[order[i]] = 1;
    return;
  }
  const threshold = kthLargest(scratch, n, best);
  let atThreshold = best;
  for (let i = start[key]; i < start[key + 1]; i++) if (state[order[i]] !== 2 && affinity[order[i]] > threshold) atThreshold--;
  for (let i = start[key]; i < start[key + 1]; i++) {
    const e = order[i];
    if (state[e] === 2) continue;
    const a = affinity[e];
    if (a > threshold) state[e] = 1;
    else if (a === threshold && atThreshold > 0) {
      state[e] = 1;
      atThreshold--;
    }
  }
}

/** The k-th largest (1-based) of values[0..n-1]; reorders values. Hoare partition, median-of-three pivot. */
function kthLargest(values: Int32Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}
