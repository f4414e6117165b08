import { ConfigError, loadConfig } from './config';
import { parseDuration, parseDurationList } from './duration';

describe('loadConfig', () => {
  it('works with no variable at all (local defaults)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/beirat',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: null,
      remindRespondAfterMs: 3 * 86_400_000,
      remindBeforeDueMs: [7 * 86_400_000, 86_400_000],
      remindOverdueAfterMs: 86_400_000,
      remindConsensusAfterMs: 259_200_000,
      escalateAfterMs: 3 * 86_400_000,
      workers: true,
    });
    expect(config.sessionSecretGenerated).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'not a url',
        REMIND_BEFORE_DUE: '7d,soon',
        ESCALATE_AFTER: '3 days',
        SESSION_SECRET: 'short',
        BOOTSTRAP_OFFICE_EMAIL: 'office@example.org',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'REMIND_BEFORE_DUE',
      'ESCALATE_AFTER',
      'SESSION_SECRET',
      'BOOTSTRAP_OFFICE_EMAIL and BOOTSTRAP_OFFICE_PASSWORD',
    ]) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(7);
  });

  it('refuses a bootstrap office password shorter than 10 characters', () => {
    expect(() =>
      loadConfig({ BOOTSTRAP_OFFICE_EMAIL: 'o@x.de', BOOTSTRAP_OFFICE_PASSWORD: 'short' }),
    ).toThrow(/BOOTSTRAP_OFFICE_PASSWORD must be at least 10/);
  });

  it('HSTS is off by default, on only with an https APP_URL, and refuses other values', () => {
    expect(loadConfig({}).hsts).toBe(false);
    expect(loadConfig({ HSTS: 'on', APP_URL: 'https://beirat.example' }).hsts).toBe(true);
    expect(() => loadConfig({ HSTS: 'on', APP_URL: 'http://beirat.example' })).toThrow(
      /HSTS=on needs an https/,
    );
    expect(() => loadConfig({ HSTS: 'yes' })).toThrow(/HSTS must be "on" or "off"/);
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['250ms', 250],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '7', 'd', '1.5d', '-1d', '7 days'])('"%s" is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('parses lists and refuses a list with a bad part', () => {
    expect(parseDurationList('7d,1d')).toEqual([604_800_000, 86_400_000]);
    expect(parseDurationList('7d,x')).toBeNull();
  });
});
