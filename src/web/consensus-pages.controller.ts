import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService, toCallView } from '@/calls/calls.service';
import { UuidPipe } from '@/common/uuid.pipe';
import { ConsensusDraftDto, NameRapporteurDto, SignConsensusDto } from '@/consensus/consensus.dto';
import { ConsensusService } from '@/consensus/consensus.service';
import { ProposalAccess } from '@/proposals/proposal-access';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import { formatInputNumber } from './format-numbers';
import { NumberFields } from './number-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

/**
 * The consensus report page of a proposal (DESIGN §12): the office names the rapporteur, sees who has
 * answered and closes; the rapporteur drafts and submits; the other reviewers sign or dissent. What a
 * user may do comes from the view's allowedActions.
 */
@WebController()
@Roles('office', 'reviewer')
export class ConsensusPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly consensus: ConsensusService,
    private readonly proposals: ProposalAccess,
    private readonly calls: CallsService,
  ) {}

  @Get('proposals/:id/consensus')
  async show(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.render(this.pages.page(req, reply), id, req.user as AuthUser);
  }

  @Post('proposals/:id/consensus/rapporteur')
  async rapporteur(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const values = { reviewerId: one(formBody(req.body), 'reviewerId') };
    try {
      const dto = await validated(NameRapporteurDto, values);
      await this.consensus.nameRapporteur(id, dto.reviewerId, user);
      return await page.redirect(`/proposals/${id}/consensus`, 'next.rapporteurNamed');
    } catch (error) {
      await this.render(page, id, user, refusedForm(error, values, page.locale));
    }
  }

  /** The rapporteur's form: save the draft, or save and submit it. */
  @Post('proposals/:id/consensus')
  async draft(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const body = formBody(req.body);
    const numbers = new NumberFields(page.locale);
    const scores: Record<string, number> = {};
    const values: FormState['values'] = { commentToApplicant: one(body, 'commentToApplicant') };
    for (const [key, raw] of Object.entries(body)) {
      if (!key.startsWith('scores.')) continue;
      const text = Array.isArray(raw) ? (raw[0] ?? '') : raw;
      values[key] = text;
      const n = numbers.read(key, text, 'decimal');
      if (n !== undefined) scores[key.slice('scores.'.length)] = n;
    }
    try {
      const dto = await validated(
        ConsensusDraftDto,
        { scores, commentToApplicant: values.commentToApplicant },
        numbers,
      );
      await this.consensus.saveDraft(id, dto, user);
      if (one(body, 'action') !== 'submit')
        return await page.redirect(`/proposals/${id}/consensus`, 'next.consensusSaved');
      await this.consensus.submit(id, user);
      return await page.redirect(`/proposals/${id}/consensus`, 'next.consensusSubmitted');
    } catch (error) {
      await this.render(page, id, user, refusedForm(error, values, page.locale));
    }
  }

  @Post('proposals/:id/consensus/sign')
  async sign(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const body = formBody(req.body);
    const values = { agree: one(body, 'agree'), minorityView: one(body, 'minorityView') };
    try {
      const dto = await validated(SignConsensusDto, {
        agree: values.agree === 'true' ? true : values.agree === 'false' ? false : values.agree,
        ...(values.agree === 'false' ? { minorityView: values.minorityView } : {}),
      });
      await this.consensus.sign(id, dto, user);
      return await page.redirect(`/proposals/${id}/consensus`, 'next.consensusSigned');
    } catch (error) {
      await this.render(page, id, user, refusedForm(error, values, page.locale));
    }
  }

  @Post('proposals/:id/consensus/close')
  @Roles('office')
  async close(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    try {
      await this.consensus.close(id, user);
      return await page.redirect(`/proposals/${id}/consensus`, 'next.consensusClosed');
    } catch (error) {
      await this.render(page, id, user, refusedForm(error, {}, page.locale));
    }
  }

  private async render(page: Page, id: string, user: AuthUser, form?: FormState): Promise<void> {
    const view = await this.consensus.view(id, user);
    const proposal = await this.proposals.findReadable(id, user);
    const call = toCallView(await this.calls.getVisible(proposal.callId, user), user);
    const values: FormState['values'] = { commentToApplicant: view.commentToApplicant };
    for (const c of call.rubric.criteria) {
      const v = view.scores[c.key];
      values[`scores.${c.key}`] =
        v === null || v === undefined ? '' : formatInputNumber(v, page.locale, 'decimal');
    }
    values.reviewerId = view.rapporteurId ?? '';
    const shown = form ?? emptyForm(values);
    await page.render(
      'consensus',
      { title: `${page.t('consensus.title')}: ${proposal.acronym || proposal.title}`, view, proposal, call },
      form ? { ...shown, values: { ...values, ...shown.values } } : shown,
    );
  }
}
