import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@/auth/auth.decorators';
import { Problem } from '@/common/problem';
import type { ActionTokenPurpose } from '@/review/action-token.entity';
import { lockAssignment } from '@/review/assignment-access';
import { AssignmentWorkflow } from '@/review/assignment-workflow';
import { ActionTokensService, TokenGrant } from '@/review/action-tokens.service';
import { User } from '@/users/user.entity';
import { toAuthUser } from '@/users/users.service';
import type { Locale } from '@/users/user.entity';
import { MailData } from './mail-data';
import { asLocale, formatDateTime } from './mail-format';
import { TemplateRenderer } from './template-renderer';

export class ActionFormDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const ANSWERS: Partial<Record<ActionTokenPurpose, 'accept' | 'decline'>> = {
  'accept-invitation': 'accept',
  'decline-invitation': 'decline',
};

const DEFAULT_REASON: Record<Locale, string> = {
  de: 'Über den Link in der Einladung abgelehnt.',
  en: 'Declined through the link in the invitation.',
};

/**
 * One-click links from invitation mails. GET only shows what the click will do (mail scanners follow
 * links); the button on that page POSTs, which uses the token up and accepts or declines — in one
 * transaction, so a refused answer leaves the link usable. Plain server-rendered HTML in the invitee's
 * language; the token is the credential, no sign-in needed.
 */
@ApiExcludeController()
@Public()
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: ActionTokensService,
    private readonly assignments: AssignmentWorkflow,
    private readonly data: MailData,
    private readonly renderer: TemplateRenderer,
  ) {}

  @Get(':token')
  async confirm(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const grant = await this.tokens.peek(token);
    const answer = grant && ANSWERS[grant.purpose];
    if (!grant || !answer) return this.page(reply, 404, 'de', { invalid: true });
    const view = await this.describe(grant);
    return this.page(reply, 200, view.locale, {
      ...view,
      confirm: true,
      accept: answer === 'accept',
      decline: answer === 'decline',
      action: `/actions/${token}`,
      defaultReason: DEFAULT_REASON[view.locale],
    });
  }

  @Post(':token')
  async act(
    @Param('token') token: string,
    @Body() form: ActionFormDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const peeked = await this.tokens.peek(token);
    const answer = peeked && ANSWERS[peeked.purpose];
    if (!peeked || !answer) return this.page(reply, 404, 'de', { invalid: true });
    const view = await this.describe(peeked);
    try {
      await this.db.transaction(async (manager) => {
        const grant = await this.tokens.consume(token, peeked.purpose, manager);
        if (!grant) throw new Problem(404, 'used meanwhile');
        const user = toAuthUser(await manager.findOneByOrFail(User, { id: grant.userId }));
        await lockAssignment(manager, grant.assignmentId, user);
        const reason = answer === 'decline' ? form.reason?.trim() || DEFAULT_REASON[view.locale] : undefined;
        await this.assignments.fire({ id: grant.assignmentId, event: answer, actor: user, reason, manager });
      });
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const status = error.getStatus();
      if (status === 404) return this.page(reply, 404, view.locale, { invalid: true });
      return this.page(reply, status, view.locale, { ...view, refused: true, detail: error.detail });
    }
    return this.page(reply, 200, view.locale, {
      ...view,
      done: true,
      accepted: answer === 'accept',
      declined: answer === 'decline',
    });
  }

  private async describe(grant: TokenGrant) {
    const assignment = await this.data.assignment(grant.assignmentId);
    const proposal = assignment ? await this.data.proposal(assignment.proposalId) : null;
    const locale = asLocale(assignment?.reviewer.locale);
    return {
      locale,
      name: assignment?.reviewer.name ?? '',
      proposal: { title: proposal?.title ?? '', acronym: proposal?.acronym ?? '' },
      dueAt: assignment ? formatDateTime(assignment.dueAt, locale) : '',
    };
  }

  private page(reply: FastifyReply, status: number, locale: Locale, view: Record<string, unknown>): void {
    void reply
      .code(status)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(this.renderer.page('action-page', locale, view));
  }
}
