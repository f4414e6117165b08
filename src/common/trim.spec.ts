import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { Trim, TrimEach, TrimLower } from './trim';

class Sample {
  @Trim()
  name: unknown;

  @TrimEach()
  keywords: unknown;

  @TrimLower()
  email: unknown;
}

const read = (plain: Record<string, unknown>) => ({ ...plainToInstance(Sample, plain) });

describe('trim transforms', () => {
  it('trim strings, each string of an array, and lower-case e-mail addresses', () => {
    expect(read({ name: '  Ada ', keywords: [' a ', 'b  '], email: ' Ada@Example.ORG ' })).toEqual({
      name: 'Ada',
      keywords: ['a', 'b'],
      email: 'ada@example.org',
    });
  });

  it('leave other values to the validators', () => {
    expect(read({ name: 42, keywords: [' a ', 7], email: null })).toEqual({
      name: 42,
      keywords: ['a', 7],
      email: null,
    });
    expect(read({ keywords: 'not a list' })).toMatchObject({ keywords: 'not a list' });
  });
});
