import type { INestApplication } from '@nestjs/common';
import type { AuthUser } from '@/auth/auth-user';
import { MeetingsService } from '@/meetings/meetings.service';

const DAY = 86_400_000;

/**
 * The demo's steering meeting (issue 17): planned three weeks ahead for the demo call, so the agenda
 * shows the proposals awaiting a decision, controversial ones first, with who must leave the room.
 * The invitation with its .ics goes to every steering member (as .eml files without SMTP_URL).
 */
export async function seedDemoMeetings(
  app: INestApplication,
  callId: string,
  office: AuthUser,
): Promise<string> {
  const meetings = app.get(MeetingsService, { strict: false });
  const start = new Date(Date.now() + 21 * DAY);
  start.setUTCHours(8, 0, 0, 0);
  const meeting = await meetings.create(
    {
      title: 'Sitzung der Steuerungsgruppe',
      startsAt: start,
      location: 'Clusterbüro, Raum 1.12',
      callIds: [callId],
    },
    office,
  );
  return meeting.id;
}
