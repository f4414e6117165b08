import type { Locale } from '@/users/user.entity';

/** Every date on a page is shown in the cluster's time zone, whatever the server's zone is. */
export const ZONE = 'Europe/Berlin';

const tags: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(tags[locale], {
    timeZone: ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(tags[locale], { timeZone: ZONE, dateStyle: 'medium' }).format(
    new Date(value),
  );
}

/** Minutes that Berlin is ahead of UTC at `instant`. */
function berlinOffsetMinutes(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/** The value of an `<input type="datetime-local">` showing `value` as Berlin wall time. */
export function toBerlinLocalInput(value: Date | string | null | undefined): string {
  if (!value) return '';
  const instant = new Date(value).getTime();
  const shifted = new Date(instant + berlinOffsetMinutes(instant) * 60000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * Reads a `datetime-local` value ("2026-05-01T12:00") as Berlin wall time. Answers the input unchanged
 * when it is not such a value, so the API's validation reports it as it would for any bad date.
 */
export function fromBerlinLocalInput(value: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return value;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset also next to a daylight-saving switch.
  let instant = wall - berlinOffsetMinutes(wall) * 60000;
  instant = wall - berlinOffsetMinutes(instant) * 60000;
  return new Date(instant);
}
