import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { humanDestination } from './human-log';

/** `json`: pino's one JSON object a line (production, log collectors); `human`: short terminal lines. */
export type LogFormat = 'json' | 'human';

/** JSON under NODE_ENV=production, human lines otherwise (a developer's `npm start`, `npm run demo`). */
export function logFormatFor(env: NodeJS.ProcessEnv = process.env): LogFormat {
  return env.NODE_ENV === 'production' ? 'json' : 'human';
}

/** `destination`: where the JSON lines go instead of stdout (tests read the log from there). */
export function createPino(
  level: string,
  format: LogFormat = 'json',
  destination?: pino.DestinationStream,
): Logger {
  const options = { level, base: { service: 'beirat' } };
  if (destination) return pino(options, destination);
  return format === 'human' ? pino(options, humanDestination()) : pino(options);
}

/**
 * Nest's own start-up chatter (one line per module and per route, ~140 lines) is debug, not info:
 * `LOG_LEVEL=debug` shows it, the normal start shows what a person needs.
 */
const BOOTSTRAP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

const ADDRESS = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z0-9-]{2,}/g;

/**
 * E-mail addresses out of a log line (DSGVO: nothing personal in logs, issue 18): errors of mail
 * servers and of the database quote them ("550 <someone@example.org>: no such user").
 */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

const line = (message: unknown) => withoutAddresses(String(message));

/** Nest's logger interface on top of pino, so framework and app logs are one stream; addresses redacted. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    if (context && BOOTSTRAP_CONTEXTS.has(context)) this.pino.debug({ context }, line(message));
    else this.pino.info({ context }, line(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error(
      { context, trace: trace === undefined ? undefined : withoutAddresses(trace) },
      line(message),
    );
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, line(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, line(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, line(message));
  }
}
