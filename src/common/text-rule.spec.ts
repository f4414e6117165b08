import { forbiddenTextFields } from './text-rule';

describe('forbiddenTextFields', () => {
  it('names the path of every string with NUL or a lone surrogate, keys included', () => {
    const value = {
      ok: 'Grüße 😀',
      nul: 'a\u0000b',
      list: ['fine', '\uD800'],
      nested: { deep: [{ low: '\uDC00x' }] },
      'bad\u0000key': 1,
    };
    expect(forbiddenTextFields(value, '').sort()).toEqual(
      ['bad\u0000key', 'list[1]', 'nested.deep[0].low', 'nul'].sort(),
    );
  });

  it('accepts paired surrogates and walks deep values without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(forbiddenTextFields({ emoji: '\uD83D\uDE00' }, '')).toEqual([]);
    expect(forbiddenTextFields(deep, 'body')).toHaveLength(1);
  });
});
