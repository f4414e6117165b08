import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CreateCallDto, UpdateCallDto } from '@/calls/call.dto';
import { QUESTION_TYPES } from '@/calls/questions';
import { CALL_STATES } from '@/calls/call.entity';
import { RUBRIC_EDITABLE_CALL_STATES } from '@/calls/call-transitions';
import { CallsService, CallView, toCallView } from '@/calls/calls.service';
import { notFound } from '@/common/problem';
import { UuidPipe } from '@/common/uuid.pipe';
import { MailsService } from '@/notifications/mails.service';
import { PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { ProposalsService } from '@/proposals/proposals.service';
import { OPEN_ASSIGNMENT_STATES } from '@/review/assignment-transitions';
import { AssignmentsService } from '@/review/assignments.service';
import { inStates } from '@/workflow/state-machine';
import { callBody, callToForm, criterionRowCount, EXTRA_CRITERION_ROWS, keptCallValues } from './call-form';
import { EXTRA_QUESTION_ROWS, questionRowCount, stagesBody, stagesToForm } from './call-questions-form';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, validated } from './form-input';
import { mailLogFilter, mailLogFilterQuery } from './mail-log-filter';
import { OfficeTodo } from './office-todo';
import { NumberFields } from './number-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

const CALL_EVENTS = ['open', 'close', 'archive'] as const;

/** The cluster office: calls and rubric, proposals by state, overdue reviews, the mail log. */
@WebController('office')
@Roles('office')
export class OfficePagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly calls: CallsService,
    private readonly proposals: ProposalsService,
    private readonly assignments: AssignmentsService,
    private readonly mails: MailsService,
    private readonly todo: OfficeTodo,
  ) {}

  @Get()
  async home(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const calls = await this.calls.list({ limit: 100 }, req.user as AuthUser);
    await page.render('office-home', {
      title: page.t('office.callsTitle'),
      calls: calls.items,
      todo: await this.todo.items(),
    });
  }

  @Get('calls/new')
  async newCall(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const values = callToForm(null, page.locale);
    stagesToForm(null, values);
    await this.renderCall(page, null, emptyForm(values));
  }

  @Post('calls')
  async create(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const numbers = new NumberFields(page.locale);
    try {
      const { expectedVersion: _v, ...fields } = {
        ...callBody(body, true, numbers),
        ...stagesBody(body, true, numbers),
      };
      const dto = await validated(CreateCallDto, fields, numbers);
      const call = await this.calls.create(dto, req.user as AuthUser);
      return await page.redirect(`/office/calls/${call.id}`, 'office.callSaved');
    } catch (error) {
      await this.renderCall(page, null, refusedForm(error, keptCallValues(body), page.locale));
    }
  }

  @Get('calls/:id')
  async editCall(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const call = toCallView(await this.calls.getVisible(id, user), user);
    const page = this.pages.page(req, reply);
    const values = callToForm(call, page.locale);
    stagesToForm(call, values);
    await this.renderCall(page, call, emptyForm(values));
  }

  @Post('calls/:id')
  async update(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const call = toCallView(await this.calls.getVisible(id, user), user);
    const numbers = new NumberFields(page.locale);
    try {
      const editable = inStates(RUBRIC_EDITABLE_CALL_STATES, call.state);
      const dto = await validated(
        UpdateCallDto,
        { ...callBody(body, editable, numbers), ...stagesBody(body, editable, numbers) },
        numbers,
      );
      await this.calls.update(id, dto, user);
      return await page.redirect(`/office/calls/${id}`, 'office.callSaved');
    } catch (error) {
      await this.renderCall(page, call, refusedForm(error, keptCallValues(body), page.locale));
    }
  }

  @Post('calls/:id/:event')
  async fireCall(
    @Param('id', UuidPipe) id: string,
    @Param('event') event: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    if (!(CALL_EVENTS as readonly string[]).includes(event)) throw notFound();
    try {
      await this.calls.fire(id, event as (typeof CALL_EVENTS)[number], user);
      return await page.redirect(`/office/calls/${id}`, `next.call.${event as (typeof CALL_EVENTS)[number]}`);
    } catch (error) {
      const call = toCallView(await this.calls.getVisible(id, user), user);
      await this.renderCall(page, call, refusedForm(error, callToForm(call, page.locale), page.locale));
    }
  }

  @Get('proposals')
  async proposalsByState(
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
    @Query('state') state?: string,
    @Query('callId') callId?: string,
  ) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const chosenState = (PROPOSAL_STATES as readonly string[]).includes(state ?? '') ? state : undefined;
    const calls = (await this.calls.list({ limit: 100 }, user)).items;
    const chosenCall = calls.find((c) => c.id === callId)?.id;
    const list = await this.proposals.list(
      { limit: 100, state: chosenState as never, callId: chosenCall },
      user,
    );
    const counts = Object.fromEntries(PROPOSAL_STATES.map((s) => [s, 0]));
    for (const p of (await this.proposals.list({ limit: 100, callId: chosenCall }, user)).items)
      counts[p.state]++;
    await page.render('office-proposals', {
      title: page.t('proposals.byState'),
      proposals: list.items,
      states: PROPOSAL_STATES,
      counts,
      state: chosenState ?? '',
      callId: chosenCall ?? '',
      calls,
      callTitles: Object.fromEntries(calls.map((c) => [c.id, c.title])),
    });
  }

  @Get('overdue')
  async overdue(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const [invited, accepted] = await Promise.all(
      OPEN_ASSIGNMENT_STATES.map((state) => this.assignments.list({ state, limit: 100 }, user)),
    );
    const overdue = [...invited.items, ...accepted.items]
      .filter((a) => a.overdue)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    await page.render('office-overdue', { title: page.t('nav.overdue'), overdue });
  }

  @Get('mails')
  async mailLog(
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
    @Query('cursor') cursor?: string,
    @Query('status') status?: string,
    @Query('template') template?: string,
  ) {
    const page = this.pages.page(req, reply);
    const filter = mailLogFilter(status, template);
    const mails = await this.mails.list({ limit: 50, cursor: cursor || undefined, ...filter });
    await page.render('office-mails', {
      title: page.t('nav.mails'),
      mails,
      filter,
      filterQuery: mailLogFilterQuery(filter),
    });
  }

  @Post('mails/:id/resend')
  async resend(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    try {
      await this.mails.resend(id, req.user as AuthUser);
      return await page.redirect('/office/mails', 'office.resent');
    } catch (error) {
      const form = refusedForm(error, {}, page.locale);
      const mails = await this.mails.list({ limit: 50 });
      await page.render('office-mails', { title: page.t('nav.mails'), mails }, form);
    }
  }

  private async renderCall(page: Page, call: CallView | null, form: FormState) {
    const rubricEditable = !call || inStates(RUBRIC_EDITABLE_CALL_STATES, call.state);
    await page.render(
      'office-call',
      {
        title: call ? page.t('office.editCall') : page.t('office.newCall'),
        call,
        rubricEditable,
        criterionRows: criterionRowCount(form.values) + (rubricEditable ? EXTRA_CRITERION_ROWS : 0),
        outlineCriterionRows:
          criterionRowCount(form.values, 'outlineRubric') + (rubricEditable ? EXTRA_CRITERION_ROWS : 0),
        questionRows: questionRowCount(form.values) + (rubricEditable ? EXTRA_QUESTION_ROWS : 0),
        questionTypes: QUESTION_TYPES,
        callStates: CALL_STATES,
      },
      form,
    );
  }
}
