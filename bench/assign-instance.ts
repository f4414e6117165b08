/**
 * The synthetic assignment instances of bench/assign.ts and bench/assign-national.ts: 40 topics
 * (proposals 1–5, reviewers 3–10 expertise keywords), affinity = topic overlap + a bid in −2..2 on
 * ~10 % of pairs, 5 % conflicts, fixed seed.
 */
import type { AssignmentInstance } from '@/review/assignment/assignment-solver';

const TOPICS = 40;
const BID_RATE = 0.1;
const CONFLICT_RATE = 0.05;
const SEED = 20260601;

export interface InstanceShape {
  proposals: number;
  reviewers: number;
  /** Missing reviewers per proposal. */
  k: number;
  /** Remaining load per reviewer. */
  maxLoad: number;
}

/** Mulberry32: small, fast, seedable; good enough for instance generation. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A set of `count` distinct topics out of TOPICS, as a 40-bit mask split into two 32-bit words. */
function topicMask(random: () => number, count: number): [number, number] {
  const mask: [number, number] = [0, 0];
  let chosen = 0;
  while (chosen < count) {
    const t = Math.floor(random() * TOPICS);
    const word = t >> 5;
    const bit = 1 << (t & 31);
    if (mask[word] & bit) continue;
    mask[word] |= bit;
    chosen++;
  }
  return mask;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** Every allowed pair of the shape (about 95 % of proposals × reviewers), grouped by proposal. */
export function generateAssignmentInstance(shape: InstanceShape): AssignmentInstance {
  const { proposals, reviewers } = shape;
  const random = prng(SEED);
  const proposalTopics = Array.from({ length: proposals }, () =>
    topicMask(random, 1 + Math.floor(random() * 5)),
  );
  const expertise = Array.from({ length: reviewers }, () => topicMask(random, 3 + Math.floor(random() * 8)));
  const edgeReviewer = new Int32Array(proposals * reviewers);
  const edgeProposal = new Int32Array(proposals * reviewers);
  const edgeAffinity = new Int32Array(proposals * reviewers);
  let edges = 0;
  for (let p = 0; p < proposals; p++) {
    const [lo, hi] = proposalTopics[p];
    for (let r = 0; r < reviewers; r++) {
      if (random() < CONFLICT_RATE) continue;
      const overlap = popcount(lo & expertise[r][0]) + popcount(hi & expertise[r][1]);
      const bid = random() < BID_RATE ? Math.floor(random() * 5) - 2 : 0;
      edgeReviewer[edges] = r;
      edgeProposal[edges] = p;
      edgeAffinity[edges] = overlap + bid;
      edges++;
    }
  }
  // subarray, not slice: no second copy of 19 M pairs at national size.
  return {
    reviewerCapacity: new Int32Array(reviewers).fill(shape.maxLoad),
    proposalDemand: new Int32Array(proposals).fill(shape.k),
    edgeReviewer: edgeReviewer.subarray(0, edges),
    edgeProposal: edgeProposal.subarray(0, edges),
    edgeAffinity: edgeAffinity.subarray(0, edges),
  };
}
