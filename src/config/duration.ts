const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  /** A year of 365 days (retention periods). */
  y: 31_536_000_000,
};

/** Parses durations like `30s`, `15m`, `7d`, `3y`; returns milliseconds or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+)\s*(ms|s|m|h|d|w|y)\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Parses a comma-separated list of durations (`7d,1d`), or null when any part is not a duration. */
export function parseDurationList(text: string): number[] | null {
  const parts = text.split(',').filter((part) => part.trim() !== '');
  const values = parts.map(parseDuration);
  return values.some((value) => value === null) || values.length === 0 ? null : (values as number[]);
}

export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0 && ms >= UNIT_MS[unit]) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
