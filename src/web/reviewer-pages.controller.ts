import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { REVIEWING_CALL_STATES } from '@/calls/call-transitions';
import { CallsService, toCallView } from '@/calls/calls.service';
import { UuidPipe } from '@/common/uuid.pipe';
import { ProposalsService } from '@/proposals/proposals.service';
import { AssignmentsService } from '@/review/assignments.service';
import { BidsService } from '@/review/bids.service';
import { ConflictService } from '@/review/conflicts.service';
import { BidDto, DeclareConflictDto } from '@/review/dto/conflict.dto';
import { DeclineAssignmentDto } from '@/review/dto/assignment.dto';
import { ReviewDto } from '@/review/dto/review.dto';
import { ReviewsService } from '@/review/reviews.service';
import { rubricOfRound } from '@/calls/rubric';
import { inStates } from '@/workflow/state-machine';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, numberField, one, validated } from './form-input';
import { formatInputNumber } from './format-numbers';
import { NumberFields } from './number-input';
import { escapeHtml } from './html';
import { Page, PagesService } from './pages.service';
import { conflictsMatter } from './proposal-sections';
import { WebController } from './web-controller.decorator';

/** Board members: invitations, bids and conflicts on a call's proposals, the review form. */
@WebController()
export class ReviewerPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly calls: CallsService,
    private readonly proposals: ProposalsService,
    private readonly assignments: AssignmentsService,
    private readonly bids: BidsService,
    private readonly conflicts: ConflictService,
    private readonly reviews: ReviewsService,
  ) {}

  @Get('reviewer')
  async home(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.renderHome(this.pages.page(req, reply), emptyForm());
  }

  @Post('reviewer/assignments/:id/accept')
  async accept(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    try {
      await this.assignments.accept(id, req.user as AuthUser);
      return await page.redirect('/reviewer', 'next.invitationAccepted');
    } catch (error) {
      await this.renderHome(page, refusedForm(error, {}, page.locale));
    }
  }

  @Post('reviewer/assignments/:id/decline')
  async decline(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const key = `decline.${id}`;
    try {
      const dto = await validated(DeclineAssignmentDto, { reason: one(body, 'reason') });
      await this.assignments.decline(id, req.user as AuthUser, dto.reason);
      return await page.redirect('/reviewer', 'reviewer.declined');
    } catch (error) {
      const form = refusedForm(error, { [key]: one(body, 'reason') }, page.locale);
      const { reason, ...others } = form.errors;
      await this.renderHome(page, { ...form, errors: reason ? { ...others, [key]: reason } : others });
    }
  }

  @Get('reviewer/calls/:callId')
  async callProposals(
    @Param('callId', UuidPipe) callId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.renderCall(this.pages.page(req, reply), callId, emptyForm());
  }

  /** Saves a bid; htmx posts it on change and gets a status line back instead of a whole page. */
  @Post('reviewer/proposals/:id/bid')
  async bid(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const htmx = req.headers['hx-request'] === 'true';
    const { proposal } = await this.proposals.get(id, user);
    try {
      const dto = await validated(BidDto, { bid: numberField(one(body, 'bid')) });
      await this.bids.place(id, dto.bid, user);
      if (htmx) return await this.fragment(reply, 200, page.t('reviewer.bidSaved'));
      return await page.redirect(`/reviewer/calls/${proposal.callId}`, 'reviewer.bidSaved');
    } catch (error) {
      const form = refusedForm(error, { [`bid.${id}`]: one(body, 'bid') }, page.locale);
      const reason = form.formError ?? Object.values(form.errors).flat().join('; ');
      if (htmx) return await this.fragment(reply, 200, reason, true);
      await this.renderCall(page, proposal.callId, {
        ...form,
        errors: { [`bid.${id}`]: [reason] },
        formError: null,
      });
    }
  }

  @Post('reviewer/proposals/:id/conflict')
  async declareConflict(
    @Param('id', UuidPipe) id: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const { proposal } = await this.proposals.get(id, user);
    try {
      const dto = await validated(DeclareConflictDto, { reason: one(body, 'reason') });
      await this.conflicts.declare(id, dto, user);
      return await page.redirect(`/reviewer/calls/${proposal.callId}`, 'reviewer.conflictSaved');
    } catch (error) {
      const form = refusedForm(error, { [`conflict.${id}`]: one(body, 'reason') }, page.locale);
      const reasons = form.errors.reason ?? (form.formError ? [form.formError] : []);
      await this.renderCall(page, proposal.callId, {
        ...form,
        errors: { [`conflict.${id}`]: reasons },
        formError: null,
      });
    }
  }

  @Get('assignments/:id/review')
  async reviewForm(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const review = await this.reviews.own(id, user);
    const values: FormState['values'] = {
      commentToApplicant: review.commentToApplicant,
      confidentialComment: review.confidentialComment,
    };
    for (const [key, score] of Object.entries(review.scores)) {
      values[`scores.${key}`] = formatInputNumber(score, page.locale, 'decimal');
    }
    await this.renderReview(page, id, emptyForm(values));
  }

  /** One form, two buttons: save the draft, or save and submit. */
  @Post('assignments/:id/review')
  async saveReview(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values: FormState['values'] = {};
    const scores: Record<string, unknown> = {};
    const numbers = new NumberFields(page.locale);
    for (const [key, value] of Object.entries(body)) {
      if (!key.startsWith('scores.')) continue;
      const text = Array.isArray(value) ? (value[0] ?? '') : value;
      values[key] = text;
      // Scores never have thousands: "1,5" and "1.5" both read 1.5 on every page.
      const n = numbers.read(key, text, 'decimal');
      if (n !== undefined) scores[key.slice('scores.'.length)] = n;
    }
    values.commentToApplicant = one(body, 'commentToApplicant');
    values.confidentialComment = one(body, 'confidentialComment');
    try {
      const dto = await validated(
        ReviewDto,
        {
          scores,
          commentToApplicant: values.commentToApplicant,
          confidentialComment: values.confidentialComment,
        },
        numbers,
      );
      await this.reviews.saveDraft(id, dto, user);
      if (one(body, 'action') === 'submit') {
        await this.reviews.submit(id, user);
        return await page.redirect(`/assignments/${id}/review`, 'next.reviewSubmitted');
      }
      return await page.redirect(`/assignments/${id}/review`, 'next.reviewDraftSaved');
    } catch (error) {
      await this.renderReview(page, id, refusedForm(error, values, page.locale));
    }
  }

  private async renderHome(page: Page, form: FormState) {
    const user = page.user as AuthUser;
    const mine = await this.assignments.list({ mine: '1', limit: 100 }, user);
    const calls = await this.calls.list({ limit: 100 }, user);
    await page.render(
      'reviewer-home',
      {
        title: page.t('reviewer.title'),
        invited: mine.items.filter((a) => a.state === 'invited'),
        accepted: mine.items.filter((a) => a.state === 'accepted'),
        done: mine.items.filter((a) => a.state === 'submitted'),
        calls: calls.items.filter((c) => inStates(REVIEWING_CALL_STATES, c.state)),
      },
      form,
    );
  }

  private async renderCall(page: Page, callId: string, form: FormState) {
    const user = page.user as AuthUser;
    const call = toCallView(await this.calls.getVisible(callId, user), user);
    const list = await this.proposals.list({ callId, limit: 100 }, user);
    const proposals = list.items.filter((p) => p.applicantId !== user.id);
    const myBids = new Map((await this.bids.mine(user, callId)).map((b) => [b.proposalId, b.bid]));
    const conflicts = await this.conflicts.ownAmong(
      proposals.map((p) => p.id),
      user,
    );
    const rows = proposals.map((p) => ({
      proposal: p,
      bid: myBids.get(p.id) ?? 0,
      conflict: conflicts.get(p.id) ?? null,
      biddable: p.allowedActions.includes('bid'),
      conflictOpen: conflictsMatter(p.state),
    }));
    await page.render('reviewer-call', { title: call.title, call, rows }, form);
  }

  private async renderReview(page: Page, assignmentId: string, form: FormState) {
    const user = page.user as AuthUser;
    const assignment = this.assignments.view(await this.assignments.get(assignmentId, user), user);
    const { proposal, attachments } = await this.proposals.get(assignment.proposalId, user);
    const call = toCallView(await this.calls.getVisible(proposal.callId, user), user);
    // Outline reviews (round 0 of a two-stage call) are scored on the outline rubric.
    const rubric = rubricOfRound(call, assignment.round);
    const own = await this.reviews.own(assignmentId, user);
    const others =
      own.submittedAt !== null
        ? (await this.reviews.listForProposal(proposal.id, user, assignment.round)).filter(
            (r) => r.assignmentId !== assignmentId,
          )
        : [];
    await page.render(
      'review-form',
      {
        title: page.t('reviewer.reviewTitle'),
        assignment,
        proposal: this.proposals.view(proposal, user, attachments),
        call,
        rubric,
        own,
        others,
        writable: assignment.allowedActions.includes('review'),
      },
      form,
    );
  }

  private async fragment(reply: FastifyReply, status: number, text: string, error = false) {
    await reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .send(`<small class="${error ? 'field-error' : 'muted'}" role="status">${escapeHtml(text)}</small>`);
  }
}
