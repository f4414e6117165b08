/** Indexed binary min-heap of node ids keyed by an external distance array (decrease-key in place). */
export class NodeHeap {
  private readonly items: Int32Array;
  private readonly slot: Int32Array;
  private size = 0;

  constructor(
    nodeCount: number,
    private readonly key: Float64Array,
  ) {
    this.items = new Int32Array(nodeCount);
    this.slot = new Int32Array(nodeCount).fill(-1);
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.slot[this.items[i]] = -1;
    this.size = 0;
  }

  /** Inserts `node`, or restores heap order after its key decreased. */
  pushOrDecrease(node: number): void {
    let i = this.slot[node];
    if (i < 0) i = this.size++;
    const { items, slot, key } = this;
    const k = key[node];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (key[items[parent]] <= k) break;
      items[i] = items[parent];
      slot[items[i]] = i;
      i = parent;
    }
    items[i] = node;
    slot[node] = i;
  }

  popMin(): number {
    const { items, slot, key } = this;
    const top = items[0];
    slot[top] = -1;
    const last = items[--this.size];
    if (this.size === 0) return top;
    const k = key[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && key[items[child + 1]] < key[items[child]]) child++;
      if (key[items[child]] >= k) break;
      items[i] = items[child];
      slot[items[i]] = i;
      i = child;
    }
    items[i] = last;
    slot[last] = i;
    return top;
  }
}
