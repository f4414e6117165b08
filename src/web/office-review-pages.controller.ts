import { Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { AssignmentsService } from '@/review/assignments.service';
import { ConflictService } from '@/review/conflicts.service';
import { ReopenReviewDto } from '@/review/dto/assignment.dto';
import { DeclareConflictDto } from '@/review/dto/conflict.dto';
import { ReviewsService } from '@/review/reviews.service';
import { fromBerlinLocalInput } from './berlin-time';
import { FormState, refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import { PagesService } from './pages.service';
import { ProposalPageData } from './proposal-page-data';
import { WebController } from './web-controller.decorator';

/** The API's field names → the names of the fields on the proposal page (several forms share it). */
function renamed(form: FormState, names: Record<string, string>): FormState {
  const errors = Object.fromEntries(Object.entries(form.errors).map(([f, m]) => [names[f] ?? f, m]));
  return { ...form, errors };
}

/** The office on a proposal page: reopen a submitted review, declare a conflict for a board member. */
@WebController('office')
@Roles('office')
export class OfficeReviewPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly assignments: AssignmentsService,
    private readonly reviews: ReviewsService,
    private readonly conflicts: ConflictService,
    private readonly proposalPage: ProposalPageData,
  ) {}

  @Post('assignments/:id/reopen')
  async reopen(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const { proposalId } = await this.assignments.get(id, user);
    const body = formBody(req.body);
    const [reason, dueAt] = [one(body, 'reason'), one(body, 'dueAt')];
    const [key, dueKey] = [`reopen.${id}`, `reopenDue.${id}`];
    try {
      const dto = await validated(ReopenReviewDto, {
        ...(reason.trim() !== '' ? { reason } : {}),
        ...(dueAt !== '' ? { dueAt: fromBerlinLocalInput(dueAt) } : {}),
      });
      await this.reviews.reopen(id, dto, user);
      return await page.redirect(`/proposals/${proposalId}`, 'next.reviewReopened');
    } catch (error) {
      const form = renamed(refusedForm(error, { [key]: reason, [dueKey]: dueAt }, page.locale), {
        reason: key,
        dueAt: dueKey,
      });
      await this.proposalPage.render(page, proposalId, form);
    }
  }

  @Post('proposals/:id/conflicts')
  async declareConflict(
    @Param('id', UuidPipe) id: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = { conflictUserId: one(body, 'userId'), conflictReason: one(body, 'reason') };
    try {
      // An empty choice stays in the body, so the DTO names the field instead of meaning "myself".
      const dto = await validated(DeclareConflictDto, {
        userId: values.conflictUserId,
        reason: values.conflictReason,
      });
      await this.conflicts.declare(id, dto, req.user as AuthUser);
      return await page.redirect(`/proposals/${id}`, 'next.conflictDeclared');
    } catch (error) {
      const form = renamed(refusedForm(error, values, page.locale), {
        userId: 'conflictUserId',
        reason: 'conflictReason',
      });
      await this.proposalPage.render(page, id, form);
    }
  }
}
