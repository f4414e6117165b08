import { gunzipSync } from 'node:zlib';
import { acceptsGzip, gzipBytes } from './content-encoding';

describe('acceptsGzip', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['identity', false],
    ['gzip', true],
    ['GZIP', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['gzip;q=0', false],
    ['gzip; q=0.000', false],
    ['*', true],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
    ['deflate, x-gzip', true],
    ['br', false],
    ['gzip;q=abc', false],
  ])('%p → %p', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('gzipBytes', () => {
  it('gives back what gunzip restores', async () => {
    const text = Buffer.from(
      JSON.stringify({ rows: Array.from({ length: 500 }, (_, i) => ({ rank: i, t: 'Ä' })) }),
    );
    const packed = await gzipBytes(text);
    expect(packed.length).toBeLessThan(text.length / 4);
    expect(gunzipSync(packed).equals(text)).toBe(true);
  });
});
