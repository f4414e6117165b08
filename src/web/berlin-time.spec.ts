import { formatDateTime, fromBerlinLocalInput, toBerlinLocalInput } from './berlin-time';

describe('Berlin time on pages', () => {
  it.each([
    ['2026-01-15T09:30', '2026-01-15T08:30:00.000Z'], // CET, UTC+1
    ['2026-07-15T09:30', '2026-07-15T07:30:00.000Z'], // CEST, UTC+2
    ['2026-03-29T03:30', '2026-03-29T01:30:00.000Z'], // just after the spring switch
    ['2026-10-25T01:30', '2026-10-24T23:30:00.000Z'], // before the autumn switch
  ])('reads %s as Berlin wall time', (input, utc) => {
    expect((fromBerlinLocalInput(input) as Date).toISOString()).toBe(utc);
    expect(toBerlinLocalInput(utc)).toBe(input);
  });

  it('leaves what is not a datetime-local value to the API validation', () => {
    expect(fromBerlinLocalInput('morgen')).toBe('morgen');
  });

  it('shows instants in Berlin whatever the server zone, per language', () => {
    expect(formatDateTime('2026-07-15T22:30:00Z', 'de')).toBe('16.07.2026, 00:30');
    expect(formatDateTime('2026-07-15T22:30:00Z', 'en')).toBe('16 Jul 2026, 00:30');
  });
});
