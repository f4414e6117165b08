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
  selectCandidates(instance, state, extraP, extraR);

  // The candidates in edge order; pairs the proof rejects are appended.
  let pairs = new Int32Array(1024);
  let candidates = 0;
  const addPair = (e: number): void => {
    if (candidates === pairs.length) {
      const grown = new Int32Array(pairs.length * 2);
      grown.set(pairs);
      pairs = grown;
    }
    pairs[candidates++] = e;
    state[e] = 1;
  };
  for (let e = 0; e < edges; e++) if (state[e] === 1) addPair(e);
  let solves = 0;
  let phases = 0;
  for (;;) {
    const { network, source, sink, solution } = solveOnPairs(instance, pairs.subarray(0, candidates));
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
        addPair(e);
        continue;
      }
      if (state[e] !== 0 || flowProved) continue;
      const r = edgeReviewer[e];
      const p = reviewers + edgeProposal[e];
      const crosses = useS ? fromSource[r] === 1 && fromSource[p] === 0 : toSink[r] === 0 && toSink[p] === 1;
      if (crosses) addPair(e);
    }
  }
}

/** Above this affinity range (or table size) candidates are chosen by sorting groups, not by histograms. */
const MAX_HISTOGRAM_RANGE = 4096;
const MAX_HISTOGRAM_CELLS = 1 << 24;

/**
 * Marks (state 1) each proposal's `demand + extraP` and each reviewer's `min(load, degree) + extraR`
 * best useful pairs by affinity (ties in edge order). With the small integer affinities of practice,
 * per-key histograms of the affinities give each key's threshold in two sequential passes over the
 * pairs; otherwise the pairs are grouped per key and the threshold found by quickselect.
 */
function selectCandidates(
  instance: AssignmentInstance,
  state: Uint8Array,
  extraP: number,
  extraR: number,
): void {
  const { reviewerCapacity, proposalDemand, edgeReviewer, edgeProposal, edgeAffinity } = instance;
  const reviewers = reviewerCapacity.length;
  const proposals = proposalDemand.length;
  let min = Infinity;
  let max = -Infinity;
  for (let e = 0; e < edgeAffinity.length; e++) {
    if (state[e] === 2) continue;
    const a = edgeAffinity[e];
    if (a < min) min = a;
    if (a > max) max = a;
  }
  if (min > max) return; // no useful pair
  const range = max - min + 1;
  const quotaP = (p: number, _degree: number): number => proposalDemand[p] + extraP;
  const quotaR = (r: number, degree: number): number => Math.min(reviewerCapacity[r], degree) + extraR;
  if (range > MAX_HISTOGRAM_RANGE || (reviewers + proposals) * range > MAX_HISTOGRAM_CELLS) {
    const scratch = new Int32Array(Math.max(reviewers, proposals, 1));
    const byProposal = groupEdges(edgeProposal, proposals);
    for (let p = 0; p < proposals; p++) markBest(byProposal, p, quotaP, edgeAffinity, state, scratch);
    const byReviewer = groupEdges(edgeReviewer, reviewers);
    for (let r = 0; r < reviewers; r++) markBest(byReviewer, r, quotaR, edgeAffinity, state, scratch);
    return;
  }
  const histP = new Int32Array(proposals * range);
  const histR = new Int32Array(reviewers * range);
  for (let e = 0; e < edgeAffinity.length; e++) {
    if (state[e] === 2) continue;
    const bucket = edgeAffinity[e] - min;
    histP[edgeProposal[e] * range + bucket]++;
    histR[edgeReviewer[e] * range + bucket]++;
  }
  const thresholdP = new Float64Array(proposals);
  const atThresholdP = new Int32Array(proposals);
  const thresholdR = new Float64Array(reviewers);
  const atThresholdR = new Int32Array(reviewers);
  const thresholds = (
    hist: Int32Array,
    keys: number,
    quota: (key: number, degree: number) => number,
    threshold: Float64Array,
    atThreshold: Int32Array,
  ): void => {
    for (let k = 0; k < keys; k++) {
      let degree = 0;
      for (let b = 0; b < range; b++) degree += hist[k * range + b];
      let left = quota(k, degree);
      threshold[k] = Infinity; // quota 0: nothing
      if (left <= 0) continue;
      for (let b = range - 1; b >= 0; b--) {
        const count = hist[k * range + b];
        if (count === 0) continue;
        threshold[k] = min + b;
        if (count >= left) {
          atThreshold[k] = left;
          break;
        }
        atThreshold[k] = count;
        left -= count;
      }
    }
  };
  thresholds(histP, proposals, quotaP, thresholdP, atThresholdP);
  thresholds(histR, reviewers, quotaR, thresholdR, atThresholdR);
  for (let e = 0; e < edgeAffinity.length; e++) {
    if (state[e] === 2) continue;
    const a = edgeAffinity[e];
    const p = edgeProposal[e];
    const r = edgeReviewer[e];
    if (a > thresholdP[p] || (a === thresholdP[p] && atThresholdP[p]-- > 0)) state[e] = 1;
    if (a > thresholdR[r] || (a === thresholdR[r] && atThresholdR[r]-- > 0)) state[e] = 1;
  }
}

/**
 * Marks as candidates (state 1) the `quota` edges of group `key` with the highest affinity (ties in
 * group order), skipping useless ones (state 2). Quickselect on a scratch copy of the affinities.
 */
function markBest(
  groups: EdgeGroups,
  key: number,
  quota: (key: number, degree: number) => number,
  affinity: Int32Array,
  state: Uint8Array,
  scratch: Int32Array,
): void {
  const { start, order } = groups;
  let n = 0;
  for (let i = start[key]; i < start[key + 1]; i++)
    if (state[order[i]] !== 2) scratch[n++] = affinity[order[i]];
  const best = quota(key, n);
  if (n === 0 || best <= 0) return;
  if (n <= best) {
    for (let i = start[key]; i < start[key + 1]; i++) if (state[order[i]] !== 2) state[order[i]] = 1;
    return;
  }
  const threshold = kthLargest(scratch, n, best);
  let atThreshold = best;
  for (let i = start[key]; i < start[key + 1]; i++)
    if (state[order[i]] !== 2 && affinity[order[i]] > threshold) atThreshold--;
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
