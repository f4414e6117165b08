import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService, toCallView } from '@/calls/calls.service';
import { UuidPipe } from '@/common/uuid.pipe';
import { ASSIGNABLE_PROPOSAL_STATES, DECIDABLE_PROPOSAL_STATES } from '@/proposals/proposal-transitions';
import { ProposalsService } from '@/proposals/proposals.service';
import { AssignmentsService } from '@/review/assignments.service';
import { AutoAssignResult, AutoAssignService } from '@/review/auto-assign.service';
import { CreateAssignmentDto } from '@/review/dto/assignment.dto';
import { AutoAssignDto } from '@/review/dto/auto-assign.dto';
import { UsersService } from '@/users/users.service';
import { inStates } from '@/workflow/state-machine';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

/** The office's assignment board of a call: who reviews what, auto-assign preview and commit. */
@WebController('office')
@Roles('office')
export class OfficeAssignController {
  constructor(
    private readonly pages: PagesService,
    private readonly calls: CallsService,
    private readonly proposals: ProposalsService,
    private readonly assignments: AssignmentsService,
    private readonly autoAssign: AutoAssignService,
    private readonly users: UsersService,
  ) {}

  @Get('calls/:id/assign')
  async board(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.render(this.pages.page(req, reply), id, null, emptyForm());
  }

  @Post('calls/:id/assign/preview')
  async preview(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    try {
      const plan = await this.autoAssign.run(id, true, req.user as AuthUser);
      await this.render(page, id, plan, emptyForm());
    } catch (error) {
      await this.render(page, id, null, refusedForm(error, {}, page.locale));
    }
  }

  /** Commits exactly the previewed plan: the fingerprint makes a changed situation a 409, not a surprise. */
  @Post('calls/:id/assign/commit')
  async commit(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    try {
      const dto = await validated(AutoAssignDto, { dryRun: false, fingerprint: one(body, 'fingerprint') });
      await this.autoAssign.run(id, false, req.user as AuthUser, dto.fingerprint);
      return await page.redirect(`/office/calls/${id}/assign`, 'office.assigned');
    } catch (error) {
      await this.render(page, id, null, refusedForm(error, {}, page.locale));
    }
  }

  @Post('proposals/:id/assignments')
  async assign(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const { proposal } = await this.proposals.get(id, user);
    const key = `reviewer.${id}`;
    try {
      const dto = await validated(CreateAssignmentDto, { reviewerId: one(body, 'reviewerId') });
      await this.assignments.create(id, dto, user);
      return await page.redirect(`/office/calls/${proposal.callId}/assign`, 'office.assigned');
    } catch (error) {
      const form = refusedForm(error, { [key]: one(body, 'reviewerId') }, page.locale);
      const reasons = [...(form.errors.reviewerId ?? []), ...(form.formError ? [form.formError] : [])];
      await this.render(page, proposal.callId, null, {
        ...form,
        errors: { [key]: reasons },
        formError: null,
      });
    }
  }

  @Post('assignments/:id/revoke')
  async revoke(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const assignment = this.assignments.view(await this.assignments.get(id, user), user);
    const callId = assignment.proposal?.callId as string;
    try {
      await this.assignments.revoke(id, user);
      return await page.redirect(`/office/calls/${callId}/assign`, 'next.assignmentRevoked');
    } catch (error) {
      await this.render(page, callId, null, refusedForm(error, {}, page.locale));
    }
  }

  private async render(page: Page, callId: string, plan: AutoAssignResult | null, form: FormState) {
    const user = page.user as AuthUser;
    const call = toCallView(await this.calls.getVisible(callId, user), user);
    const [proposals, assignments, reviewers] = await Promise.all([
      this.proposals.list({ callId, limit: 100 }, user),
      this.assignments.list({ callId, limit: 100 }, user),
      this.users.list({ role: 'reviewer', limit: 100 }),
    ]);
    const names = new Map(reviewers.items.map((r) => [r.id, r.name]));
    const rows = proposals.items
      // Proposals taking reviewers, and those just out of review (to see who reviewed them).
      .filter(
        (p) => inStates(ASSIGNABLE_PROPOSAL_STATES, p.state) || inStates(DECIDABLE_PROPOSAL_STATES, p.state),
      )
      .map((p) => ({
        proposal: p,
        assignments: assignments.items.filter((a) => a.proposalId === p.id && a.round === p.round),
        planned: plan ? plan.pairs.filter((pair) => pair.proposalId === p.id && !pair.kept) : [],
        short: plan?.short.find((s) => s.proposalId === p.id) ?? null,
        assignable: p.allowedActions.includes('assign'),
      }));
    await page.render(
      'office-assign',
      {
        title: `${page.t('office.assign')}: ${call.title}`,
        call,
        rows,
        plan,
        reviewers: reviewers.items.filter((r) => r.active),
        names: Object.fromEntries(names),
      },
      form,
    );
  }
}
