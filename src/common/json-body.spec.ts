import { jsonShapeViolation, MAX_JSON_ARRAY_ITEMS, MAX_JSON_DEPTH } from './json-body';

const shape = (text: string) => jsonShapeViolation(Buffer.from(text));

describe('jsonShapeViolation', () => {
  it('allows the deepest and longest bodies within the limits', () => {
    expect(shape('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeNull();
    expect(shape(JSON.stringify({ a: Array(MAX_JSON_ARRAY_ITEMS).fill(1) }))).toBeNull();
  });

  it('refuses one level or one item more', () => {
    expect(shape('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toContain('nested deeper');
    expect(shape(JSON.stringify(Array(MAX_JSON_ARRAY_ITEMS + 1).fill({ a: 1 })))).toContain('more than');
  });

  it('does not count brackets and commas inside strings, escaped quotes included', () => {
    expect(shape(JSON.stringify({ a: '['.repeat(100), b: `"\\${','.repeat(2000)}` }))).toBeNull();
    // Commas of an object are not items of an array.
    expect(
      shape(JSON.stringify(Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i])))),
    ).toBeNull();
  });

  it('scans 50,000 levels without recursion', () => {
    expect(shape('['.repeat(50_000) + ']'.repeat(50_000))).toContain('nested deeper');
  });
});
