/**
 * Minimum-cost maximum flow on integer capacities and integer costs (costs may be negative).
 *
 * Algorithm: primal-dual successive shortest paths. Each phase runs one Dijkstra on reduced costs
 * (node potentials keep them non-negative), then pushes a Dinic blocking flow through every arc whose
 * reduced cost is zero, so one phase saturates all shortest augmenting paths of the same cost at once.
 * With integer costs each phase raises the s→t path cost by at least one, so the number of phases is
 * bounded by the range of marginal path costs: a handful when costs are small integers, as here
 * (6 phases for 2,000 proposals × 300 reviewers in bench/assign.ts).
 * Initial potentials come from one pass in topological order when the arcs with capacity form a DAG
 * (the assignment network does), with Bellman-Ford as the general fallback; they are feasible on every
 * arc, so the final potentials are a dual certificate for the whole network (potentialOf()).
 *
 * Storage is typed arrays only: input arcs in parallel arrays, the residual network in CSR form where
 * arc i's partner (the reverse arc) is rev[i]. Nothing is allocated per arc or inside the phases.
 * This file is the API; the phases live in residual-network.ts, the Dijkstra heap in node-heap.ts.
 */

import { MAX_INT32, ResidualNetwork } from './residual-network';

export interface FlowResult {
  /** Total flow from source to sink (a maximum flow). */
  flow: number;
  /** Σ cost × flow over all arcs (minimum among maximum flows). */
  cost: number;
  /** Number of Dijkstra phases run (for benchmarks and diagnostics). */
  phases: number;
}

export class MinCostFlow {
  private readonly tail: Int32Array;
  private readonly head: Int32Array;
  private readonly capacity: Int32Array;
  private readonly arcCost: Int32Array;
  private arcCount = 0;
  /** After solve(): the residual network and each input arc's position in it, to read flows back. */
  private solved: { network: ResidualNetwork; position: Int32Array } | null = null;

  constructor(
    readonly nodeCount: number,
    maxArcs: number,
  ) {
    if (!Number.isInteger(nodeCount) || nodeCount < 2) throw new Error(`nodeCount must be an integer >= 2`);
    this.tail = new Int32Array(maxArcs);
    this.head = new Int32Array(maxArcs);
    this.capacity = new Int32Array(maxArcs);
    this.arcCost = new Int32Array(maxArcs);
  }

  /** Adds an arc and returns its index, used later with flowOn(). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (this.arcCount === this.tail.length)
      throw new Error(`more arcs than the ${this.tail.length} reserved`);
    if (!isIndex(from, this.nodeCount) || !isIndex(to, this.nodeCount)) {
      throw new Error(`arc ${from}→${to} has an endpoint outside 0..${this.nodeCount - 1}`);
    }
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_INT32) {
      throw new Error(`arc ${from}→${to} capacity ${capacity} is not an integer in 0..${MAX_INT32}`);
    }
    // |cost| < 2^31 so that the reverse arc's cost (−cost) fits an Int32 as well.
    if (!Number.isInteger(cost) || Math.abs(cost) > MAX_INT32) {
      throw new Error(`arc ${from}→${to} cost ${cost} is not an integer within ±${MAX_INT32}`);
    }
    const arc = this.arcCount++;
    this.tail[arc] = from;
    this.head[arc] = to;
    this.capacity[arc] = capacity;
    this.arcCost[arc] = cost;
    return arc;
  }

  solve(source: number, sink: number): FlowResult {
    if (!isIndex(source, this.nodeCount) || !isIndex(sink, this.nodeCount) || source === sink) {
      throw new Error(`source ${source} and sink ${sink} must be distinct nodes`);
    }
    if (this.solved) throw new Error('solve() may be called only once');
    const m = this.arcCount;
    this.solved = ResidualNetwork.build(
      this.nodeCount,
      this.tail.subarray(0, m),
      this.head.subarray(0, m),
      this.capacity.subarray(0, m),
      this.arcCost.subarray(0, m),
    );
    const { flow, phases } = this.solved.network.run(source, sink);
    let cost = 0;
    for (let arc = 0; arc < m; arc++) cost += this.arcCost[arc] * this.flowOn(arc);
    return { flow, cost, phases };
  }

  /** Node potential after solve(): reduced costs cost + π(tail) − π(head) ≥ 0 on every residual arc. */
  potentialOf(node: number): number {
    return this.network().potentialOf(node);
  }

  /**
   * After solve(): 1 for every node reachable from `node` along arcs with residual capacity, or with
   * `backward` for every node that reaches `node` that way.
   */
  markReachable(node: number, backward = false): Uint8Array {
    if (!isIndex(node, this.nodeCount)) throw new Error(`node ${node} is outside 0..${this.nodeCount - 1}`);
    return this.network().markReachable(node, backward);
  }

  private network(): ResidualNetwork {
    if (!this.solved) throw new Error('needs solve() first');
    return this.solved.network;
  }

  /** Flow on input arc `arc` after solve(). */
  flowOn(arc: number): number {
    if (!this.solved) throw new Error('flowOn() needs solve() first');
    return this.capacity[arc] - this.solved.network.cap[this.solved.position[arc]];
  }
}

function isIndex(value: number, length: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < length;
}
