import { byKeys, MicroBatch } from './micro-batch';

describe('MicroBatch', () => {
  it('coalesces the calls of one event-loop turn into one flush, answers in call order', async () => {
    const flushed: number[][] = [];
    const batch = new MicroBatch<number, number>(async (inputs) => {
      flushed.push(inputs);
      return inputs.map((n) => n * 10);
    });
    const first = await Promise.all([batch.run(1), batch.run(2), batch.run(3)]);
    const second = await batch.run(4);
    expect(first).toEqual([10, 20, 30]);
    expect(second).toBe(40);
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes at once when the batch is full', async () => {
    const flushed: number[][] = [];
    const batch = new MicroBatch<number, number>(async (inputs) => {
      flushed.push(inputs);
      return inputs;
    }, 2);
    await Promise.all([batch.run(1), batch.run(2), batch.run(3)]);
    expect(flushed).toEqual([[1, 2], [3]]);
  });

  it('retries a failed batch input by input, so only the bad input fails its caller', async () => {
    const flushed: number[][] = [];
    const batch = new MicroBatch<number, number>(async (inputs) => {
      flushed.push(inputs);
      if (inputs.includes(13)) throw new Error('unlucky');
      return inputs;
    });
    const results = await Promise.allSettled([batch.run(12), batch.run(13), batch.run(14)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('unlucky'));
    expect(flushed).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('refuses a flush that answers with the wrong number of results', async () => {
    const batch = new MicroBatch<number, number>(async () => []);
    await expect(batch.run(1)).rejects.toThrow(/a batch of 1 returned 0 results/);
  });
});

describe('byKeys', () => {
  it('orders rows like the keys, null where a key has no row, repeated keys answered twice', () => {
    const rows = [
      { id: 'b', v: 2 },
      { id: 'a', v: 1 },
    ];
    expect(byKeys(['a', 'x', 'b', 'a'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0], rows[1]]);
  });
});
