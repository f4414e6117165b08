import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { SUBMITTABLE_CALL_STATES } from '@/calls/call-transitions';
import { CallsService, toCallView } from '@/calls/calls.service';
import type { Call } from '@/calls/call.entity';
import { COST_CATEGORIES, type PartnerCosts } from '@/calls/funding-rules';
import { PARTNER_KINDS, type PartnerKind } from '@/proposals/proposal.entity';
import { ProposalBudget } from '@/proposals/proposal-budget';
import { problem } from '@/common/problem';
import { UuidPipe } from '@/common/uuid.pipe';
import { AttachmentsService } from '@/proposals/attachments.service';
import { CreateProposalDto, ProposalEventDto, UpdateProposalDto } from '@/proposals/proposal.dto';
import { ProposalAccess } from '@/proposals/proposal-access';
import { ProposalsService } from '@/proposals/proposals.service';
import { inStates } from '@/workflow/state-machine';
import { emptyForm, FormState, refusedForm } from './form-state';
import { FormBody, formBody, numberField, one, validated } from './form-input';
import { type BudgetPreviewRow, budgetSumsHtml, rowBudget, rowHasBudget } from './budget-form';
import { formatEur } from './format-numbers';
import type { MessageKey } from './i18n/messages-de';
import { NumberFields } from './number-input';
import { PagesService, Page } from './pages.service';
import { ProposalPageData } from './proposal-page-data';
import {
  keptProposalValues,
  partnerRowCount,
  proposalBody,
  proposalToForm,
  remapPartnerErrors,
} from './proposal-form';
import { WebController } from './web-controller.decorator';

/** After each workflow button: what happens next and who is told. */
const EVENT_FLASH: Record<string, MessageKey> = {
  submit: 'next.submitted',
  resubmit: 'next.resubmitted',
  withdraw: 'next.withdrawn',
  'screen-eligible': 'next.screenedEligible',
  'screen-ineligible': 'next.screenedIneligible',
  'close-review': 'next.reviewClosed',
};

/** Applicant pages (write, upload, submit, withdraw) and the proposal page every role opens. */
@WebController()
export class ProposalPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly calls: CallsService,
    private readonly proposals: ProposalsService,
    private readonly attachments: AttachmentsService,
    private readonly access: ProposalAccess,
    private readonly detail: ProposalPageData,
    private readonly budget: ProposalBudget,
  ) {}

  @Get('calls')
  async openCalls(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const calls = await this.calls.list({ state: 'open', limit: 100 }, req.user as AuthUser);
    await page.render('calls', { title: page.t('calls.open'), calls: calls.items });
  }

  @Get('proposals')
  async mine(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const list = await this.proposals.list({ limit: 100 }, user);
    const calls = await this.calls.list({ limit: 100 }, user);
    await page.render('my-proposals', {
      title: page.t('proposals.mine'),
      proposals: list.items.filter((p) => p.applicantId === user.id),
      callTitles: Object.fromEntries(calls.items.map((c) => [c.id, c.title])),
      openCalls: calls.items.filter((c) => inStates(SUBMITTABLE_CALL_STATES, c.state)),
    });
  }

  @Get('calls/:callId/proposals/new')
  async newForm(
    @Param('callId', UuidPipe) callId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    await this.renderForm(page, callId, null, emptyForm({ durationMonths: '24' }));
  }

  @Post('calls/:callId/proposals')
  async create(
    @Param('callId', UuidPipe) callId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const numbers = new NumberFields(page.locale);
    const call = await this.calls.getVisible(callId, req.user as AuthUser);
    const apiBody = proposalBody(body, numbers, call.questions);
    delete apiBody.expectedVersion;
    try {
      const dto = await validated(CreateProposalDto, apiBody, numbers);
      const proposal = await this.proposals.create(callId, dto, req.user as AuthUser);
      // The upload form is on the edit page: the flash names it as the next step.
      return await page.redirect(`/proposals/${proposal.id}/edit`, 'next.draftCreated');
    } catch (error) {
      const form = remapPartnerErrors(refusedForm(error, keptProposalValues(body), page.locale), apiBody);
      await this.renderForm(page, callId, null, form);
    }
  }

  @Get('proposals/:id')
  async show(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await this.renderDetail(page, id, emptyForm());
  }

  @Get('proposals/:id/edit')
  async editForm(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const { proposal } = await this.proposals.get(id, user);
    const view = this.proposals.view(proposal, user);
    await this.renderForm(page, proposal.callId, id, emptyForm(proposalToForm(view, page.locale)));
  }

  @Post('proposals/:id/edit')
  async update(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const numbers = new NumberFields(page.locale);
    const { proposal, call } = await this.proposals.get(id, user);
    const apiBody = proposalBody(body, numbers, call.questions);
    try {
      const dto = await validated(UpdateProposalDto, apiBody, numbers);
      await this.proposals.update(id, dto, user);
      return await page.redirect(`/proposals/${id}/edit`, 'next.draftSaved');
    } catch (error) {
      const form = remapPartnerErrors(refusedForm(error, keptProposalValues(body), page.locale), apiBody);
      await this.renderForm(page, proposal.callId, id, form);
    }
  }

  /** Multipart: the CSRF token travels in the query string (the guard reads it before the body). */
  @Post('proposals/:id/attachments')
  async upload(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const [proposal] = (await this.access.asSeenBy([await this.access.findReadable(id, user)], user)).rows;
    try {
      if (!req.isMultipart()) throw problem('multipart-required', {}, 'Send the PDF as multipart/form-data.');
      const part = await req.file();
      if (!part || part.fieldname !== 'file' || part.filename === '') {
        part?.file.resume();
        throw problem('file-required', {}, 'Choose a PDF file.', {
          errors: [{ field: 'file', messages: ['required'] }],
        });
      }
      await this.attachments.upload(proposal, user, part.filename, part.file);
      return await page.redirect(`/proposals/${id}/edit`, 'next.uploaded');
    } catch (error) {
      const stored = this.proposals.view(proposal, user);
      const form = refusedForm(error, proposalToForm(stored, page.locale), page.locale);
      await this.renderForm(page, proposal.callId, id, form);
    }
  }

  @Post('proposals/:id/attachments/:aid/delete')
  async removeAttachment(
    @Param('id', UuidPipe) id: string,
    @Param('aid', UuidPipe) attachmentId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const [proposal] = (await this.access.asSeenBy([await this.access.findReadable(id, user)], user)).rows;
    try {
      await this.attachments.remove(proposal, attachmentId, user);
      return await page.redirect(`/proposals/${id}/edit`, 'proposals.removed');
    } catch (error) {
      const form = refusedForm(
        error,
        proposalToForm(this.proposals.view(proposal, user), page.locale),
        page.locale,
      );
      await this.renderForm(page, proposal.callId, id, form);
    }
  }

  /** Any workflow button on the proposal page (submit, withdraw, formal check, close review). */
  @Post('proposals/:id/events/:event')
  async fire(
    @Param('id', UuidPipe) id: string,
    @Param('event') event: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = { reason: one(body, 'reason'), event };
    try {
      const dto = await validated(ProposalEventDto, {
        ...(one(body, 'reason') !== '' ? { reason: one(body, 'reason') } : {}),
        ...(one(body, 'expectedVersion') !== ''
          ? { expectedVersion: numberField(one(body, 'expectedVersion')) }
          : {}),
      });
      await this.proposals.fire(id, event, req.user as AuthUser, dto.reason, dto.expectedVersion);
      return await page.redirect(`/proposals/${id}`, EVENT_FLASH[event] ?? 'flash.saved');
    } catch (error) {
      await this.renderDetail(page, id, refusedForm(error, values, page.locale));
    }
  }

  /**
   * The budget sums for what is typed so far (htmx posts the whole form on input): each partner's
   * total costs and funding, and the requested funding, by the call's caps; refusals as a status line.
   */
  @Post('calls/:callId/budget-preview')
  async budgetPreview(
    @Param('callId', UuidPipe) callId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const call = await this.calls.getVisible(callId, req.user as AuthUser);
    const html = await this.budgetSums(page, call, formBody(req.body));
    await reply.status(200).header('Content-Type', 'text/html; charset=utf-8').send(html);
  }

  private async budgetSums(page: Page, call: Call, body: FormBody): Promise<string> {
    const numbers = new NumberFields(page.locale);
    const rows: BudgetPreviewRow[] = [];
    for (let i = 0; i < partnerRowCount(body); i++) {
      if (!rowHasBudget(body, i)) continue;
      const { costs, fundingRate } = rowBudget(body, i, numbers);
      rows.push({
        row: i,
        name: one(body, `partners.${i}.name`).trim(),
        costs: costs as PartnerCosts,
        fundingRate: fundingRate ?? 0,
      });
    }
    const t = (key: string) => page.t(key as MessageKey);
    const eur = (n: number) => formatEur(n, page.locale);
    if (rows.length === 0) return budgetSumsHtml([], null, t, eur);
    if (numbers.errors.length > 0)
      return budgetSumsHtml(rows, null, t, eur, numbers.errors.flatMap((e) => e.messages));
    const kinds = rows.map((r) => one(body, `partners.${r.row}.kind`));
    const result = await this.budget.compute(
      call,
      rows.map((r, j) => ({
        name: r.name,
        kind: (PARTNER_KINDS as readonly string[]).includes(kinds[j]) ? (kinds[j] as PartnerKind) : 'other',
        city: '',
        costs: r.costs,
        fundingRate: r.fundingRate,
      })),
    );
    const refusals = result.errors.map((e) => {
      const row = rows[Number(/^partners\.(\d+)/.exec(e.field)?.[1] ?? 0)];
      return `${row?.name || row?.row + 1}: ${e.messages.join('; ')}`;
    });
    return budgetSumsHtml(rows, result, t, eur, refusals);
  }

  private async renderForm(page: Page, callId: string, proposalId: string | null, form: FormState) {
    const user = page.user as AuthUser;
    const fullCall = await this.calls.getVisible(callId, user);
    const call = toCallView(fullCall, user);
    const existing = proposalId ? await this.proposals.get(proposalId, user) : null;
    const proposal = existing
      ? this.proposals.view(existing.proposal, user, existing.attachments, existing.call)
      : null;
    await page.render(
      'proposal-form',
      {
        title: proposal ? page.t('proposals.edit') : page.t('proposals.new'),
        call,
        proposal,
        stage: proposal?.stage ?? (call.procedure === 'two-stage' ? 'outline' : 'full'),
        partnerRows: partnerRowCount(form.values) + 2,
        costCategories: COST_CATEGORIES,
        budgetSums: await this.budgetSums(page, fullCall, form.values as FormBody),
      },
      form,
    );
  }

  private renderDetail(page: Page, id: string, form: FormState) {
    return this.detail.render(page, id, form);
  }
}
