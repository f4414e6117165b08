import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import { notFound, Problem } from '@/common/problem';
import { MailData } from '@/notifications/mail-data';
import type { ActionTokenPurpose } from '@/review/action-token.entity';
import { ActionTokensService, TokenGrant } from '@/review/action-tokens.service';
import { lockAssignment } from '@/review/assignment-access';
import { AssignmentWorkflow } from '@/review/assignment-workflow';
import { User, type Locale } from '@/users/user.entity';
import { toAuthUser } from '@/users/users.service';
import { formatDateTime } from './berlin-time';
import { isLocale, LANG_COOKIE, resolveLocale, translator } from './i18n/i18n';
import { problemText } from './i18n/problem-text';
import { PagesService } from './pages.service';

export class InvitationAnswerDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const ANSWERS: Partial<Record<ActionTokenPurpose, 'accept' | 'decline'>> = {
  'accept-invitation': 'accept',
  'decline-invitation': 'decline',
};

interface Invitation {
  locale: Locale;
  assignmentId: string;
  name: string;
  proposal: { title: string; acronym: string };
  dueAt: string;
}

/**
 * One-click links from invitation mails. GET only shows what the click will do (mail scanners follow
 * links); the button on that page POSTs, which uses the token up and accepts or declines — in one
 * transaction, so a refused answer leaves the link usable. In the invitee's language; the token is
 * the credential: no sign-in, and no CSRF token (so not a `WebController`): the link itself is secret
 * and single-use.
 */
@ApiExcludeController()
@Controller('actions')
export class InvitationAnswerController {
  constructor(
    private readonly db: DataSource,
    private readonly pages: PagesService,
    private readonly tokens: ActionTokensService,
    private readonly assignments: AssignmentWorkflow,
    private readonly data: MailData,
  ) {}

  @Public()
  @Get(':token')
  async confirm(@Param('token') token: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const grant = await this.tokens.peek(token);
    const answer = grant && ANSWERS[grant.purpose];
    if (!grant || !answer) return this.invalid(req, reply);
    const invitation = await this.describe(req, grant);
    return this.send(req, reply, 200, invitation.locale, {
      ...invitation,
      confirm: true,
      accept: answer === 'accept',
      action: `/actions/${token}`,
    });
  }

  @Public()
  @Post(':token')
  async act(
    @Param('token') token: string,
    @Body() form: InvitationAnswerDto,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const peeked = await this.tokens.peek(token);
    const answer = peeked && ANSWERS[peeked.purpose];
    if (!peeked || !answer) return this.invalid(req, reply);
    const invitation = await this.describe(req, peeked);
    const t = translator(invitation.locale);
    try {
      await this.db.transaction(async (manager) => {
        const grant = await this.tokens.consume(token, peeked.purpose, manager);
        if (!grant) throw notFound('Invitation');
        const user = toAuthUser(await manager.findOneByOrFail(User, { id: grant.userId }));
        await lockAssignment(manager, grant.assignmentId, user);
        const reason = answer === 'decline' ? form.reason?.trim() || t('answer.defaultReason') : undefined;
        await this.assignments.fire({ id: grant.assignmentId, event: answer, actor: user, reason, manager });
      });
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const status = error.getStatus();
      if (status === 404) return this.send(req, reply, 404, invitation.locale, { invalid: true });
      const detail = problemText(error, invitation.locale);
      return this.send(req, reply, status, invitation.locale, { ...invitation, refused: true, detail });
    }
    return this.send(req, reply, 200, invitation.locale, {
      ...invitation,
      accepted: answer === 'accept',
      declined: answer === 'decline',
    });
  }

  private invalid(req: AuthedRequest, reply: FastifyReply) {
    return this.send(req, reply, 404, resolveLocale(req, req.user), { invalid: true });
  }

  /** The invitation in the invitee's language, unless the language switch (cookie) chose another. */
  private async describe(req: AuthedRequest, grant: TokenGrant): Promise<Invitation> {
    const assignment = await this.data.assignment(grant.assignmentId);
    const proposal = assignment?.proposal ?? null;
    const chosen = req.cookies?.[LANG_COOKIE];
    const locale = isLocale(chosen)
      ? chosen
      : isLocale(assignment?.reviewer.locale)
        ? assignment.reviewer.locale
        : 'de';
    return {
      locale,
      assignmentId: grant.assignmentId,
      name: assignment?.reviewer.name ?? '',
      proposal: { title: proposal?.title ?? '', acronym: proposal?.acronym ?? '' },
      dueAt: assignment ? formatDateTime(assignment.dueAt, locale) : '',
    };
  }

  /** The page in the invitee's language, never cached, and without the token in a Referer header. */
  private async send(
    req: AuthedRequest,
    reply: FastifyReply,
    status: number,
    locale: Locale,
    view: Partial<Invitation> & Record<string, unknown>,
  ): Promise<void> {
    const context = { ...this.pages.context(req, reply), locale, t: translator(locale) };
    const html = this.pages.renderToString(context, 'invitation-answer', {
      proposal: { title: '', acronym: '' },
      dueAt: '',
      ...view,
    });
    await reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .send(html);
  }
}
