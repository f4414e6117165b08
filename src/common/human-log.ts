import type { DestinationStream } from 'pino';

/** pino's numeric levels → the word shown before a line; info is shown without one. */
const LEVEL_WORDS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  40: 'Warning',
  50: 'Error',
  60: 'Fatal',
};

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  trace?: string;
  err?: { stack?: string; message?: string };
}

/** One pino JSON line as a person reads it in a terminal: `Warning: …`, errors with their stack. */
export function formatHumanLine(json: string): string {
  let line: LogLine;
  try {
    line = JSON.parse(json) as LogLine;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const word = LEVEL_WORDS[line.level];
  const context = line.level < 30 && line.context ? `[${line.context}] ` : '';
  const detail = line.err?.stack ?? line.trace;
  const text = `${word ? `${word}: ` : ''}${context}${line.msg ?? line.err?.message ?? ''}`;
  return `${text}${detail ? `\n${detail}` : ''}\n`;
}

/**
 * A pino destination that writes human lines to stdout (NODE_ENV other than production). Written by
 * hand because the start-up needs four readable lines, not a pretty-printer with its own worker thread.
 */
export function humanDestination(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return { write: (json: string) => void out.write(formatHumanLine(json)) };
}
