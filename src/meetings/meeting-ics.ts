import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export const MEETING_TIME_ZONE = 'Europe/Berlin';
/** How long an invitation blocks the calendar (the meeting has a start only). */
const DURATION_MS = 2 * 60 * 60 * 1000;

/** Europe/Berlin's rules since 1996 (CET/CEST), so calendars need no time zone database of their own. */
const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const BERLIN_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: MEETING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * ical-generator writes a plain Date with a TZID from its local fields; this Date's local fields are
 * the Berlin wall-clock time of `instant`, whatever time zone the process runs in.
 */
function berlinWallClock(instant: Date): Date {
  const parts = Object.fromEntries(BERLIN_PARTS.formatToParts(instant).map((p) => [p.type, p.value]));
  const n = (key: string) => Number(parts[key]);
  return new Date(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

export interface MeetingIcsInput {
  meetingId: string;
  title: string;
  startsAt: Date;
  location: string;
  sequence: number;
  /** The UID's domain (the host of APP_URL). */
  domain: string;
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  cancelled: boolean;
}

/**
 * The meeting's iCalendar invitation (RFC 5546): METHOD:REQUEST for the invitation and every update,
 * METHOD:CANCEL for the cancellation — one UID per meeting, SEQUENCE raised with each change.
 */
export function meetingIcs(input: MeetingIcsInput): string {
  const calendar = ical({
    prodId: { company: 'Beirat', product: 'Beirat', language: 'DE' },
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `meeting-${input.meetingId}@${input.domain}`,
    sequence: input.sequence,
    start: berlinWallClock(input.startsAt),
    end: berlinWallClock(new Date(input.startsAt.getTime() + DURATION_MS)),
    timezone: MEETING_TIME_ZONE,
    stamp: new Date(),
    summary: input.title,
    location: input.location || null,
    url: input.url,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: [{ name: input.attendee.name, email: input.attendee.email, rsvp: true }],
  });
  // The VTIMEZONE goes in by hand: ical-generator's calendar time zone would also write DTSTAMP as
  // local time, where RFC 5545 wants UTC.
  return calendar.toString().replace('BEGIN:VEVENT', `${BERLIN_VTIMEZONE}\r\nBEGIN:VEVENT`);
}
