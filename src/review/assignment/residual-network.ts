/**
 * The residual network of MinCostFlow (min-cost-flow.ts) in CSR form, and the primal-dual loop over
 * it: potentials, Dijkstra on reduced costs, then Dinic blocking flows on the tight arcs.
 */
import { NodeHeap } from './node-heap';

/** Largest Int32: capacities and |costs| are bounded by it so that every array entry fits. */
export const MAX_INT32 = 0x7fffffff;

/** The residual network and the working arrays of the primal-dual loop, all allocated once. */
export class ResidualNetwork {
  // Arcs out of node v sit at start[v] .. start[v+1]-1.
  readonly start: Int32Array;
  readonly to: Int32Array;
  readonly cap: Int32Array;
  readonly cost: Int32Array;
  readonly rev: Int32Array;
  // Potentials and Dijkstra distances are integral; Float64 keeps sums exact well past Int32.
  private readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly heap: NodeHeap;
  // Zero-reduced-cost ("tight") arcs of the current phase, CSR again, for the blocking flow.
  private readonly tightStart: Int32Array;
  private readonly tightArc: Int32Array;
  private readonly level: Int32Array;
  private readonly queue: Int32Array;
  private readonly nextArc: Int32Array;
  private readonly pathArc: Int32Array;
  private readonly pathNode: Int32Array;

  private constructor(nodeCount: number, arcCount: number) {
    this.start = new Int32Array(nodeCount + 1);
    this.to = new Int32Array(arcCount);
    this.cap = new Int32Array(arcCount);
    this.cost = new Int32Array(arcCount);
    this.rev = new Int32Array(arcCount);
    this.potential = new Float64Array(nodeCount);
    this.dist = new Float64Array(nodeCount);
    this.heap = new NodeHeap(nodeCount, this.dist);
    this.tightStart = new Int32Array(nodeCount + 1);
    this.tightArc = new Int32Array(arcCount);
    this.level = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
    this.nextArc = new Int32Array(nodeCount);
    this.pathArc = new Int32Array(nodeCount);
    this.pathNode = new Int32Array(nodeCount);
  }

  /** Lays input arcs and their reverse arcs out in CSR order (counting sort by tail). */
  static build(
    n: number,
    tail: Int32Array,
    head: Int32Array,
    capacity: Int32Array,
    cost: Int32Array,
  ): { network: ResidualNetwork; position: Int32Array } {
    const m = tail.length;
    const net = new ResidualNetwork(n, 2 * m);
    const start = net.start;
    for (let i = 0; i < m; i++) {
      start[tail[i] + 1]++;
      start[head[i] + 1]++;
    }
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const fill = start.slice(0, n);
    const position = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const forward = fill[tail[i]]++;
      const backward = fill[head[i]]++;
      position[i] = forward;
      net.to[forward] = head[i];
      net.cap[forward] = capacity[i];
      net.cost[forward] = cost[i];
      net.rev[forward] = backward;
      net.to[backward] = tail[i];
      net.cost[backward] = -cost[i];
      net.rev[backward] = forward;
    }
    return { network: net, position };
  }

  run(source: number, sink: number): { flow: number; phases: number } {
    this.initPotentials();
    let flow = 0;
    let phases = 0;
    while (this.shortestPathsAndReprice(source, sink)) {
      phases++;
      this.collectTightArcs();
      const pushed = this.maxFlowOnTightArcs(source, sink);
      // The shortest path just found is made of tight arcs, so a phase that pushes nothing is a bug.
      if (pushed === 0) throw new Error('internal error: a min-cost flow phase found no augmenting path');
      flow += pushed;
    }
    return { flow, phases };
  }

  /**
   * Feasible potentials for every node: shortest distances from a virtual root joined to every node
   * by a 0-cost arc, with the original (possibly negative) costs. Every arc with capacity then has a
   * non-negative reduced cost before the first Dijkstra, including arcs out of nodes the source
   * never reaches — so the final potentials are a dual certificate for the whole residual network
   * (candidate-solve.ts relies on that to prove optimality over pairs left out of the network).
   */
  private initPotentials(): void {
    const { start, to, cap, cost, potential } = this;
    const n = potential.length;
    let anyNegative = false;
    for (let a = 0; a < cap.length; a++) if (cap[a] > 0 && cost[a] < 0) anyNegative = true;
    potential.fill(0);
    if (!anyNegative) return;

    const dist = this.dist;
    dist.fill(0);
    // Kahn's topological order over arcs with capacity; one relaxation pass suffices on a DAG.
    const indegree = this.level;
    indegree.fill(0);
    for (let a = 0; a < cap.length; a++) if (cap[a] > 0) indegree[to[a]]++;
    const order = this.queue;
    let tailIdx = 0;
    for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tailIdx++] = v;
    for (let headIdx = 0; headIdx < tailIdx; headIdx++) {
      const v = order[headIdx];
      const dv = dist[v];
      for (let a = start[v]; a < start[v + 1]; a++) {
        if (cap[a] <= 0) continue;
        const w = to[a];
        if (dv + cost[a] < dist[w]) dist[w] = dv + cost[a];
        if (--indegree[w] === 0) order[tailIdx++] = w;
      }
    }
    if (tailIdx < n) this.bellmanFord();
    potential.set(dist);
  }

  /** General fallback for networks with cycles (distances from the virtual root); throws on a negative-cost cycle. */
  private bellmanFord(): void {
    const { start, to, cap, cost, dist } = this;
    const n = dist.length;
    dist.fill(0);
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let v = 0; v < n; v++) {
        const dv = dist[v];
        for (let a = start[v]; a < start[v + 1]; a++) {
          if (cap[a] > 0 && dv + cost[a] < dist[to[a]]) {
            dist[to[a]] = dv + cost[a];
            changed = true;
          }
        }
      }
      if (!changed) return;
    }
    throw new Error('the network has a negative-cost cycle; min-cost flow is unbounded');
  }

  /** Node potential after run(): every arc with residual capacity has cost + π(tail) − π(head) ≥ 0. */
  potentialOf(node: number): number {
    return this.potential[node];
  }

  /**
   * Marks (1) every node reachable from `node` along arcs with residual capacity (BFS), or with
   * `backward` every node that reaches `node` (BFS over the reverse arcs).
   */
  markReachable(node: number, backward: boolean): Uint8Array {
    const { start, to, cap, rev, queue } = this;
    const marked = new Uint8Array(this.potential.length);
    marked[node] = 1;
    queue[0] = node;
    let qTail = 1;
    for (let qHead = 0; qHead < qTail; qHead++) {
      const v = queue[qHead];
      for (let a = start[v], end = start[v + 1]; a < end; a++) {
        const w = to[a];
        if (marked[w] === 0 && cap[backward ? rev[a] : a] > 0) {
          marked[w] = 1;
          queue[qTail++] = w;
        }
      }
    }
    return marked;
  }

  /**
   * Dijkstra on reduced costs, stopped when the sink is settled; then potential += min(dist, dist[sink]),
   * which keeps reduced costs non-negative and makes every shortest s→t path consist of tight arcs.
   * Returns false when the sink is unreachable (the flow is maximum).
   */
  private shortestPathsAndReprice(source: number, sink: number): boolean {
    const { start, to, cap, cost, potential, dist, heap } = this;
    dist.fill(Infinity);
    dist[source] = 0;
    heap.clear();
    heap.pushOrDecrease(source);
    while (!heap.isEmpty()) {
      const v = heap.popMin();
      if (v === sink) break;
      const base = dist[v] + potential[v];
      for (let a = start[v], end = start[v + 1]; a < end; a++) {
        if (cap[a] <= 0) continue;
        const w = to[a];
        const candidate = base + cost[a] - potential[w];
        if (candidate < dist[w]) {
          dist[w] = candidate;
          heap.pushOrDecrease(w);
        }
      }
    }
    const sinkDist = dist[sink];
    if (sinkDist === Infinity) return false;
    for (let v = 0; v < potential.length; v++) potential[v] += dist[v] < sinkDist ? dist[v] : sinkDist;
    return true;
  }

  /**
   * Tight arcs: reduced cost 0 and capacity in either direction. All of them, so that after the blocking
   * flows no zero-cost augmenting path is left and the next phase's path is strictly more expensive.
   */
  private collectTightArcs(): void {
    const { start, to, cap, cost, rev, potential, tightStart, tightArc } = this;
    const n = potential.length;
    let count = 0;
    for (let v = 0; v < n; v++) {
      tightStart[v] = count;
      const pv = potential[v];
      for (let a = start[v], end = start[v + 1]; a < end; a++) {
        if (cost[a] + pv - potential[to[a]] === 0 && (cap[a] > 0 || cap[rev[a]] > 0)) tightArc[count++] = a;
      }
    }
    tightStart[n] = count;
  }

  /** Dinic's algorithm restricted to the tight arcs: BFS levels, then blocking flows, until no path is left. */
  private maxFlowOnTightArcs(source: number, sink: number): number {
    let total = 0;
    while (this.levelTightGraph(source, sink)) total += this.blockingFlow(source, sink);
    return total;
  }

  private levelTightGraph(source: number, sink: number): boolean {
    const { to, cap, tightStart, tightArc, level, queue } = this;
    level.fill(-1);
    level[source] = 0;
    queue[0] = source;
    let qTail = 1;
    for (let qHead = 0; qHead < qTail; qHead++) {
      const v = queue[qHead];
      if (level[sink] >= 0 && level[v] >= level[sink]) break;
      for (let i = tightStart[v], end = tightStart[v + 1]; i < end; i++) {
        const a = tightArc[i];
        const w = to[a];
        if (cap[a] > 0 && level[w] < 0) {
          level[w] = level[v] + 1;
          queue[qTail++] = w;
        }
      }
    }
    return level[sink] >= 0;
  }

  /** Iterative DFS with current-arc pointers: each dead end is abandoned for the rest of the round. */
  private blockingFlow(source: number, sink: number): number {
    const { to, cap, rev, tightStart, tightArc, level, nextArc, pathArc, pathNode } = this;
    nextArc.set(tightStart.subarray(0, nextArc.length));
    let total = 0;
    let depth = 0;
    let v = source;
    for (;;) {
      if (v === sink) {
        let push = MAX_INT32;
        for (let i = 0; i < depth; i++) if (cap[pathArc[i]] < push) push = cap[pathArc[i]];
        let retreatTo = -1;
        for (let i = 0; i < depth; i++) {
          const a = pathArc[i];
          cap[a] -= push;
          cap[rev[a]] += push;
          if (retreatTo < 0 && cap[a] === 0) retreatTo = i;
        }
        total += push;
        depth = retreatTo; // resume from the tail of the first saturated arc
        v = pathNode[depth];
        continue;
      }
      const end = tightStart[v + 1];
      let i = nextArc[v];
      for (; i < end; i++) {
        const a = tightArc[i];
        if (cap[a] > 0 && level[to[a]] === level[v] + 1) break;
      }
      nextArc[v] = i;
      if (i < end) {
        pathNode[depth] = v;
        pathArc[depth++] = tightArc[i];
        v = to[tightArc[i]];
      } else {
        if (depth === 0) return total;
        v = pathNode[--depth];
        nextArc[v]++; // the arc into the dead end is useless for this round
      }
    }
  }
}
