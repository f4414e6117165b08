import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import { UuidPipe } from '@/common/uuid.pipe';
import {
  CreateMeetingDto,
  MeetingAgendaDto,
  MeetingAttendanceDto,
  MeetingResultDto,
} from '@/meetings/meeting.dto';
import { MeetingItemsService } from '@/meetings/meeting-items.service';
import { MeetingMinutesService } from '@/meetings/meeting-minutes.service';
import { problem } from '@/common/problem';
import { ROLES } from '@/users/user.entity';
import {
  EDITABLE_MEETING_STATES,
  meetingMachine,
  RECORDING_MEETING_STATES,
} from '@/meetings/meeting-transitions';
import { meetingActors, MeetingsService } from '@/meetings/meetings.service';
import { inStates } from '@/workflow/state-machine';
import { placed } from './agenda-order';
import { fromBerlinLocalInput } from './berlin-time';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, many, one, validated } from './form-input';
import { decisionFormValues, decisionOf } from './decision-form';
import { NumberFields } from './number-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

const COUNTS = ['approve', 'reject', 'revise', 'abstain'] as const;

/**
 * Steering meetings on pages (DESIGN §13): the list (the office plans one), and the meeting itself —
 * agenda with who must leave the room, attendance and per-item recording for chair and office (laid
 * out for a tablet on the table), minutes and pack downloads. The same services as the API.
 */
@WebController()
export class MeetingPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly meetings: MeetingsService,
    private readonly items: MeetingItemsService,
    private readonly calls: CallsService,
    private readonly minutes: MeetingMinutesService,
  ) {}

  @Get('meetings')
  @Roles('steering', 'office')
  async list(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.renderList(this.pages.page(req, reply), req.user as AuthUser, emptyForm());
  }

  @Post('meetings')
  @Roles('office')
  async create(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = {
      title: one(body, 'title'),
      startsAt: one(body, 'startsAt'),
      location: one(body, 'location'),
      callIds: many(body, 'callIds'),
    };
    try {
      const dto = await validated(CreateMeetingDto, {
        ...values,
        startsAt: fromBerlinLocalInput(values.startsAt),
      });
      const meeting = await this.meetings.create(dto, req.user as AuthUser);
      return await page.redirect(`/meetings/${meeting.id}`, 'next.meetingCreated');
    } catch (error) {
      await this.renderList(page, req.user as AuthUser, refusedForm(error, values, page.locale));
    }
  }

  @Get('meetings/:id')
  @Roles('steering', 'office')
  async detail(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.renderDetail(this.pages.page(req, reply), id, req.user as AuthUser, emptyForm());
  }

  /** The page twin of the API's events route: an event it does not fire is 404 for every role and id. */
  @Post('meetings/:id/events/:event')
  @Roles(...ROLES)
  async fire(
    @Param('id', UuidPipe) id: string,
    @Param('event') event: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const refusal = meetingMachine.eventsRouteRefusal(event);
    if (refusal) throw problem('event-not-on-events-route', { event }, refusal);
    try {
      this.meetings.mayRecord(user);
      await this.meetings.fire(id, event, user);
      return await page.redirect(`/meetings/${id}`, 'next.meetingChanged');
    } catch (error) {
      await this.renderDetail(page, id, user, refusedForm(error, {}, page.locale));
    }
  }

  @Post('meetings/:id/minutes/approve')
  @Roles('steering', 'office')
  async approve(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    try {
      await this.minutes.approve(id, req.user as AuthUser);
      return await page.redirect(`/meetings/${id}`, 'next.meetingChanged');
    } catch (error) {
      await this.renderDetail(page, id, req.user as AuthUser, refusedForm(error, {}, page.locale));
    }
  }

  /**
   * The office's agenda order while the meeting is planned: a position number per item (the page twin of
   * `PUT /api/meetings/:id/agenda`, order by `placed`); a number that is no whole number from 1 to the
   * item count is refused at its field.
   */
  @Post('meetings/:id/agenda')
  @Roles('office')
  async reorder(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const body = formBody(req.body);
    const current = await this.agendaOrder(id, user);
    const values = Object.fromEntries(current.map((p) => [`position.${p}`, one(body, `position.${p}`)]));
    const numbers = new NumberFields(page.locale);
    try {
      const ranked = current.map((proposalId, index) => {
        const field = `position.${proposalId}`;
        const refused = numbers.errors.length;
        const position = numbers.read(field, values[field] ?? '', 'whole');
        const fits = position !== undefined && position >= 1 && position <= current.length;
        if (!fits && numbers.errors.length === refused) {
          numbers.errors.push({
            field,
            messages: [page.t('meetings.positionRange', { max: current.length })],
          });
        }
        return { proposalId, index, position: position ?? index + 1 };
      });
      const dto = await validated(MeetingAgendaDto, { proposalIds: placed(ranked) }, numbers);
      await this.meetings.setAgenda(id, dto, user);
      return await page.redirect(`/meetings/${id}`, 'next.agendaSaved');
    } catch (error) {
      await this.renderDetail(page, id, user, refusedForm(error, values, page.locale));
    }
  }

  @Post('meetings/:id/attendance')
  @Roles('steering', 'office')
  async attendance(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const values = { present: many(formBody(req.body), 'present') };
    try {
      const dto = await validated(MeetingAttendanceDto, values);
      await this.meetings.setAttendance(id, dto, req.user as AuthUser);
      return await page.redirect(`/meetings/${id}`, 'next.meetingChanged');
    } catch (error) {
      await this.renderDetail(page, id, req.user as AuthUser, refusedForm(error, values, page.locale));
    }
  }

  @Post('meetings/:id/items/:proposalId/result')
  @Roles('steering', 'office')
  async result(
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = Object.fromEntries(COUNTS.map((k) => [k, one(body, k)]));
    const numbers = new NumberFields(page.locale);
    try {
      const counts = Object.fromEntries(COUNTS.map((k) => [k, numbers.read(k, values[k] || '0', 'whole')]));
      const dto = await validated(MeetingResultDto, counts, numbers);
      await this.items.recordResult(id, proposalId, dto, req.user as AuthUser);
      return await page.redirect(`/meetings/${id}`, 'next.meetingChanged');
    } catch (error) {
      const form = refusedForm(error, { ...values, item: proposalId }, page.locale);
      await this.renderDetail(page, id, req.user as AuthUser, form);
    }
  }

  @Post('meetings/:id/items/:proposalId/decision')
  @Roles('steering', 'office')
  async decision(
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const values = decisionFormValues(req.body);
    try {
      const dto = await decisionOf(values, page.locale);
      await this.items.recordDecision(id, proposalId, dto, req.user as AuthUser);
      return await page.redirect(`/meetings/${id}`, 'next.meetingChanged');
    } catch (error) {
      const form = refusedForm(error, { ...values, item: proposalId }, page.locale);
      await this.renderDetail(page, id, req.user as AuthUser, form);
    }
  }

  private async renderList(page: Page, user: AuthUser, form: FormState) {
    const meetings = await this.meetings.list();
    const calls = user.roles.includes('office') ? (await this.calls.list({ limit: 100 }, user)).items : [];
    await page.render('meetings', { title: page.t('meetings.title'), meetings, calls }, form);
  }

  /** The agenda as the page shows it (the office's order, or the default one). */
  private async agendaOrder(id: string, user: AuthUser): Promise<string[]> {
    const meeting = await this.meetings.get(id);
    return (await this.meetings.view(meeting, user)).agenda.map((item) => item.proposalId);
  }

  private async renderDetail(page: Page, id: string, user: AuthUser, form: FormState) {
    const meeting = await this.meetings.get(id);
    const view = await this.meetings.view(meeting, user);
    const records = meetingActors(user).length > 0 && inStates(RECORDING_MEETING_STATES, meeting.state);
    await page.render(
      'meeting',
      {
        title: `${page.t('meetings.title')}: ${view.title}`,
        meeting: view,
        records,
        mayApprove: meeting.state === 'closed' && meetingActors(user).includes('chair'),
        minutes: ['open', 'closed', 'minutes_approved'].includes(meeting.state),
        pack: meeting.state !== 'cancelled',
        reorder:
          user.roles.includes('office') &&
          inStates(EDITABLE_MEETING_STATES, meeting.state) &&
          view.agenda.length > 1,
        me: user.id,
      },
      form,
    );
  }
}
