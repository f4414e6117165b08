/**
 * Coalesces the calls made in one turn of the event loop into one call of `flush` (one SQL statement
 * for many concurrent jobs instead of one each). `flush` gets the inputs in call order and returns one
 * output per input, in the same order. When a batch of several fails, each input is flushed again on
 * its own, so one bad input fails only its own caller — `flush` must therefore be all-or-nothing (one
 * statement), which a single SQL statement is.
 */
export class MicroBatch<I, O> {
  private pending: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly flush: (inputs: I[]) => Promise<O[]>,
    private readonly maxSize = 200,
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxSize) this.drain();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.drain();
        });
      }
    });
  }

  private drain(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flushChecked(batch.map((b) => b.input)).then(
      (outputs) => batch.forEach((b, i) => b.resolve(outputs[i])),
      (error: unknown) => {
        if (batch.length === 1) return batch[0].reject(error);
        for (const b of batch) this.flushChecked([b.input]).then(([o]) => b.resolve(o), b.reject);
      },
    );
  }

  private async flushChecked(inputs: I[]): Promise<O[]> {
    const outputs = await this.flush(inputs);
    if (outputs.length !== inputs.length) {
      throw new Error(`internal error: a batch of ${inputs.length} returned ${outputs.length} results`);
    }
    return outputs;
  }
}

/** Orders rows keyed by `keyOf` like `keys` (null where a key has no row): for `WHERE x = ANY($1)` batches. */
export function byKeys<K, R>(keys: K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const found = new Map<K, R>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((key) => found.get(key) ?? null);
}
