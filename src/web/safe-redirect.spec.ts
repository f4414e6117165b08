import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it.each([
    ['a tab after the slash', '/\t/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a backslash later on', '/a\\b'],
    ['CR/LF (header injection)', '/a\r\nSet-Cookie: x=1'],
    ['a NUL', '/a\u0000'],
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme', 'javascript:alert(1)'],
    ['dot segments that normalise to //', '/..//evil.example'],
    ['a relative path', 'proposals'],
    ['an empty value', ''],
    ['no value', undefined],
    ['an array (repeated parameter)', ['/a', '/b']],
  ])('falls back for %s', (_case, value) => {
    expect(safeRedirect(value)).toBe('/');
    expect(safeRedirect(value, '')).toBe('');
  });

  it.each([
    ['/', '/'],
    ['/proposals/abc?tab=reviews#votes', '/proposals/abc?tab=reviews#votes'],
    ['/calls?q=%2F%2Fencoded', '/calls?q=%2F%2Fencoded'],
    ['/vorschläge?q=ä', '/vorschl%C3%A4ge?q=%C3%A4'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });
});
