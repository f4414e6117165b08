import { randomBytes } from 'node:crypto';
import { parseDuration, parseDurationList } from './duration';

/** The service's whole configuration, read from the environment once at start (docs/CONFIGURATION.md). */
export interface AppConfig {
  port: number;
  host: string;
  appUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key and BullMQ queue, so several environments share one Redis. */
  redisPrefix: string;
  /** Unset: mails are written as .eml files to `mailDir` (and still logged). */
  smtpUrl: string | null;
  mailFrom: string;
  mailDir: string;
  sessionSecret: string;
  /** True when SESSION_SECRET was not set and a random one was made for this process. */
  sessionSecretGenerated: boolean;
  bootstrapOfficeEmail: string | null;
  bootstrapOfficePassword: string | null;
  uploadDir: string;
  remindRespondAfterMs: number;
  remindBeforeDueMs: number[];
  remindOverdueAfterMs: number;
  /** How long before a steering meeting its reminder goes out (REMIND_MEETING_BEFORE). */
  remindMeetingBeforeMs: number;
  /** How long before a written procedure's deadline the reminder goes out (REMIND_VOTING_BEFORE). */
  remindVotingBeforeMs: number;
  /** A consensus reminder (to the rapporteur, to those who have not signed) this long after the request. */
  remindConsensusAfterMs: number;
  escalateAfterMs: number;
  /** Run the queue workers in this process (`WORKERS=off` gives an API-only instance). */
  workers: boolean;
  logLevel: string;
  sessionTtlMs: number;
  /** Proxies whose X-Forwarded-For is believed (proxy-addr syntax, e.g. `loopback` or `10.0.0.0/8`); false: none. */
  trustProxy: string | false;
  /** Send Strict-Transport-Security (`HSTS=on`); only with an https APP_URL. */
  hsts: boolean;
  /** Retention after the decision or withdrawal of a proposal that was not funded / that was funded (DESIGN §14). */
  retentionUnfundedMs: number;
  retentionFundedMs: number;
  /** The controller named on /datenschutz (Art. 13 DSGVO). */
  privacyController: { name: string; address: string; email: string; officerEmail: string };
  /** TOTP_ENCRYPTION_KEY (≥ 32 bytes); null: the second factor is not offered. */
  totpEncryptionKey: string | null;
  /** Roles that must enrol a second factor before anything else (REQUIRE_TOTP_FOR). */
  requireTotpFor: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Validates the environment; throws one ConfigError listing every bad or missing variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };

  const port = Number(read('PORT', '3000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const url = (name: string, fallback: string, protocols: string[]): string => {
    const value = read(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
      }
    } catch {
      problems.push(`${name} is not a valid URL: "${value}"`);
    }
    return value;
  };
  const duration = (name: string, fallback: string): number => {
    const value = parseDuration(read(name, fallback));
    if (value === null) problems.push(`${name} must be a duration like 30s, 15m, 7d; got "${env[name]}"`);
    return value ?? 0;
  };

  const appUrl = url('APP_URL', `http://localhost:${Number.isInteger(port) ? port : 3000}`, [
    'http:',
    'https:',
  ]);
  const databaseUrl = url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/beirat', [
    'postgres:',
    'postgresql:',
  ]);
  const redisUrl = url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  const smtpUrl = env.SMTP_URL?.trim() ? url('SMTP_URL', '', ['smtp:', 'smtps:']) : null;

  const mailFrom = read('MAIL_FROM', 'Beirat <beirat@localhost>');
  if (!/@/.test(mailFrom)) problems.push(`MAIL_FROM must contain an e-mail address, got "${mailFrom}"`);

  const configuredSecret = env.SESSION_SECRET?.trim();
  if (configuredSecret !== undefined && configuredSecret !== '' && configuredSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long');
  }

  const bootstrapOfficeEmail = env.BOOTSTRAP_OFFICE_EMAIL?.trim() || null;
  const bootstrapOfficePassword = env.BOOTSTRAP_OFFICE_PASSWORD || null;
  if ((bootstrapOfficeEmail === null) !== (bootstrapOfficePassword === null)) {
    problems.push('BOOTSTRAP_OFFICE_EMAIL and BOOTSTRAP_OFFICE_PASSWORD must be set together');
  }
  if (bootstrapOfficeEmail !== null && !/^[^@\s]+@[^@\s]+$/.test(bootstrapOfficeEmail)) {
    problems.push(`BOOTSTRAP_OFFICE_EMAIL is not an e-mail address: "${bootstrapOfficeEmail}"`);
  }
  if (bootstrapOfficePassword !== null && bootstrapOfficePassword.length < 10) {
    problems.push('BOOTSTRAP_OFFICE_PASSWORD must be at least 10 characters long');
  }

  const remindBeforeDueText = read('REMIND_BEFORE_DUE', '7d,1d');
  const remindBeforeDueMs = parseDurationList(remindBeforeDueText);
  if (remindBeforeDueMs === null) {
    problems.push(
      `REMIND_BEFORE_DUE must be a comma-separated list of durations like 7d,1d; got "${remindBeforeDueText}"`,
    );
  }

  const workersText = read('WORKERS', 'on').toLowerCase();
  if (!['on', 'off'].includes(workersText))
    problems.push(`WORKERS must be "on" or "off", got "${workersText}"`);

  const hstsText = read('HSTS', 'off').toLowerCase();
  if (!['on', 'off'].includes(hstsText)) problems.push(`HSTS must be "on" or "off", got "${hstsText}"`);
  if (hstsText === 'on' && !appUrl.startsWith('https:')) {
    problems.push(`HSTS=on needs an https APP_URL (browsers ignore HSTS over http), got "${appUrl}"`);
  }

  const totpEncryptionKey = env.TOTP_ENCRYPTION_KEY?.trim() || null;
  if (totpEncryptionKey !== null && Buffer.byteLength(totpEncryptionKey) < 32) {
    problems.push('TOTP_ENCRYPTION_KEY must be at least 32 bytes long');
  }
  const requireTotpFor = read('REQUIRE_TOTP_FOR', '')
    .split(',')
    .map((role) => role.trim().toLowerCase())
    .filter((role) => role !== '');
  const unknownRoles = requireTotpFor.filter(
    (role) => !['applicant', 'office', 'reviewer', 'steering'].includes(role),
  );
  if (unknownRoles.length > 0) {
    problems.push(
      `REQUIRE_TOTP_FOR must list roles of applicant, office, reviewer, steering; got "${unknownRoles.join(',')}"`,
    );
  }
  if (requireTotpFor.length > 0 && totpEncryptionKey === null) {
    problems.push('REQUIRE_TOTP_FOR needs TOTP_ENCRYPTION_KEY (without it no second factor is offered)');
  }

  const logLevel = read('LOG_LEVEL', 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`,
    );
  }

  const retentionUnfundedMs = duration('RETENTION_UNFUNDED', '3y');
  const retentionFundedMs = duration('RETENTION_FUNDED', '10y');
  const controllerEmail = read('PRIVACY_CONTROLLER_EMAIL', 'datenschutz@localhost');
  const officerEmail = read('PRIVACY_OFFICER_EMAIL', controllerEmail);
  for (const [name, value] of [
    ['PRIVACY_CONTROLLER_EMAIL', controllerEmail],
    ['PRIVACY_OFFICER_EMAIL', officerEmail],
  ]) {
    if (!/^[^@\s]+@[^@\s]+$/.test(value)) problems.push(`${name} is not an e-mail address: "${value}"`);
  }

  const config: AppConfig = {
    port,
    host: read('HOST', '0.0.0.0'),
    appUrl: appUrl.replace(/\/+$/, ''),
    databaseUrl,
    redisUrl,
    redisPrefix: read('REDIS_PREFIX', 'beirat'),
    smtpUrl,
    mailFrom,
    mailDir: read('MAIL_DIR', 'var/mail'),
    sessionSecret: configuredSecret || randomSecret(),
    sessionSecretGenerated: !configuredSecret,
    bootstrapOfficeEmail: bootstrapOfficeEmail?.toLowerCase() ?? null,
    bootstrapOfficePassword,
    uploadDir: read('UPLOAD_DIR', 'var/uploads'),
    remindRespondAfterMs: duration('REMIND_RESPOND_AFTER', '3d'),
    remindBeforeDueMs: remindBeforeDueMs ?? [],
    remindOverdueAfterMs: duration('REMIND_OVERDUE_AFTER', '1d'),
    remindConsensusAfterMs: duration('REMIND_CONSENSUS_AFTER', '3d'),
    escalateAfterMs: duration('ESCALATE_AFTER', '3d'),
    remindMeetingBeforeMs: duration('REMIND_MEETING_BEFORE', '2d'),
    remindVotingBeforeMs: duration('REMIND_VOTING_BEFORE', '1d'),
    workers: workersText === 'on',
    logLevel,
    sessionTtlMs: duration('SESSION_TTL', '12h'),
    trustProxy: read('TRUST_PROXY', '') || false,
    hsts: hstsText === 'on',
    retentionUnfundedMs,
    retentionFundedMs,
    privacyController: {
      name: read('PRIVACY_CONTROLLER_NAME', 'Clustermanagement (Betreiber dieses Portals)'),
      address: read('PRIVACY_CONTROLLER_ADDRESS', '(Anschrift in PRIVACY_CONTROLLER_ADDRESS eintragen)'),
      email: controllerEmail,
      officerEmail,
    },
    totpEncryptionKey,
    requireTotpFor: [...new Set(requireTotpFor)],
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
