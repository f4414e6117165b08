import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { meetingIcs } from '@/meetings/meeting-ics';
import { UPCOMING_MEETING_STATES } from '@/meetings/meeting-transitions';
import { inStates } from '@/workflow/state-machine';
import type { MailAttachment, MailSpec } from './mail-catalogue';
import type { Recipient } from './mail-data';
import type { MailEvent } from './mail-event';
import { asLocale, formatDateTime } from './mail-format';

interface MeetingRow {
  id: string;
  title: string;
  starts_at: Date;
  location: string;
  state: string;
  ics_sequence: number;
}

type MeetingTemplate =
  'meeting-invitation' | 'meeting-cancelled' | 'meeting-reminder' | 'voting-started' | 'voting-reminder';

/**
 * The steering group's meeting and written-procedure mails (DESIGN §13): every active steering member
 * gets them; invitations, updates and the cancellation carry the meeting's .ics (one UID per meeting).
 */
@Injectable()
export class MeetingMails {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  specs(): Record<MeetingTemplate, MailSpec> {
    const meetingMail = (
      live: (m: MeetingRow, event: MailEvent) => boolean,
      ics: 'request' | 'cancel' | null,
    ): MailSpec => ({
      recipients: async (event) => {
        const m = await this.meeting(event);
        return m && live(m, event) ? this.steering() : [];
      },
      view: async (event, to) => {
        const m = await this.mustMeeting(event);
        return {
          name: to.name,
          appUrl: this.config.appUrl,
          update: m.ics_sequence > 0,
          meeting: {
            title: m.title,
            startsAt: formatDateTime(m.starts_at, to.locale),
            location: m.location || '—',
            url: `${this.config.appUrl}/meetings/${m.id}`,
          },
        };
      },
      attachments: ics ? async (event, to) => [await this.ics(event, to, ics === 'cancel')] : undefined,
    });
    const votingMail = (): MailSpec => ({
      recipients: async (event) => ((await this.closes(event)) ? this.steering() : []),
      view: async (event, to) => {
        const call = (await this.closes(event))!;
        return {
          name: to.name,
          appUrl: this.config.appUrl,
          callTitle: call.title,
          closesAt: formatDateTime(call.closes, to.locale),
          rankingUrl: `${this.config.appUrl}/calls/${event.text('callId')}/ranking`,
        };
      },
    });
    return {
      'meeting-invitation': meetingMail((m) => inStates(UPCOMING_MEETING_STATES, m.state), 'request'),
      'meeting-cancelled': meetingMail((m) => m.state === 'cancelled', 'cancel'),
      // The reminder job carries the start it was planned for: a moved meeting's old reminder stays silent.
      'meeting-reminder': meetingMail(
        (m, event) =>
          inStates(UPCOMING_MEETING_STATES, m.state) && m.starts_at.toISOString() === event.text('startsAt'),
        null,
      ),
      'voting-started': votingMail(),
      'voting-reminder': votingMail(),
    };
  }

  private async steering(): Promise<Recipient[]> {
    const rows: { id: string; email: string; name: string; locale: string }[] = await this.db.query(
      `SELECT id, email, name, locale FROM users WHERE active AND 'steering' = ANY(roles) ORDER BY email`,
    );
    return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, locale: asLocale(r.locale) }));
  }

  private async meeting(event: MailEvent): Promise<MeetingRow | null> {
    const [row]: MeetingRow[] = await this.db.query(
      'SELECT id, title, starts_at, location, state, ics_sequence FROM meetings WHERE id = $1',
      [event.text('meetingId')],
    );
    return row ?? null;
  }

  private async mustMeeting(event: MailEvent): Promise<MeetingRow> {
    const m = await this.meeting(event);
    if (!m) throw new Error(`Meeting ${event.text('meetingId')} not found`);
    return m;
  }

  /** The call of a written procedure whose deadline is still the payload's. */
  private async closes(event: MailEvent): Promise<{ title: string; closes: Date } | null> {
    const [row]: { title: string; closes: Date | null }[] = await this.db.query(
      'SELECT title, voting_closes_at AS closes FROM calls WHERE id = $1',
      [event.text('callId')],
    );
    if (!row?.closes || row.closes.toISOString() !== event.text('closesAt')) return null;
    return { title: row.title, closes: row.closes };
  }

  private async ics(event: MailEvent, to: Recipient, cancelled: boolean): Promise<MailAttachment> {
    const m = await this.mustMeeting(event);
    const content = meetingIcs({
      meetingId: m.id,
      title: m.title,
      startsAt: m.starts_at,
      location: m.location,
      sequence: m.ics_sequence,
      domain: new URL(this.config.appUrl).hostname,
      url: `${this.config.appUrl}/meetings/${m.id}`,
      organizer: { name: 'Beirat', email: mailAddress(this.config.mailFrom) },
      attendee: { name: to.name, email: to.email },
      cancelled,
    });
    const method = cancelled ? 'CANCEL' : 'REQUEST';
    return {
      filename: cancelled ? 'absage.ics' : 'einladung.ics',
      content,
      contentType: `text/calendar; charset=utf-8; method=${method}`,
    };
  }
}

function mailAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
