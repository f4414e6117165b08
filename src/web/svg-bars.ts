import { escapeHtml } from './html';

export interface BarInput {
  label: string;
  value: number | null;
  min: number;
  max: number;
  threshold: number;
  /** The spread (max − min of the reviews); shown as a thin line when given. */
  spread?: number | null;
  flagged?: boolean;
}

const WIDTH = 120;
const HEIGHT = 14;

/**
 * One small horizontal bar per criterion mean, with the criterion's threshold as a tick. Inline SVG, no
 * script and no style attribute (the pages' CSP allows neither); the numbers are in the label too.
 */
export function meanBar(input: BarInput, valueText: string): string {
  const span = input.max - input.min || 1;
  const x = (v: number) => Math.max(0, Math.min(WIDTH, ((v - input.min) / span) * WIDTH));
  const value = input.value;
  const below = value !== null && value < input.threshold;
  const fill = value === null ? '#c8cdd4' : below ? '#b71c1c' : '#1b5e20';
  const bar =
    value === null
      ? ''
      : `<rect x="0" y="3" width="${x(value).toFixed(1)}" height="8" rx="2" fill="${fill}"/>`;
  const tick = `<line x1="${x(input.threshold).toFixed(1)}" x2="${x(input.threshold).toFixed(1)}" y1="0" y2="${HEIGHT}" stroke="#1f2933" stroke-width="1.5"/>`;
  const label = `${input.label}: ${valueText}`;
  return `<svg width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title><rect x="0" y="3" width="${WIDTH}" height="8" rx="2" fill="#e8eaee"/>${bar}${tick}</svg>`;
}
