import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import { MailsService } from '@/notifications/mails.service';
import { ProposalsService } from '@/proposals/proposals.service';
import { OfficeTodo } from './office-todo';
import { PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

/** The start page: what each of the user's roles has to do, with links to it. */
@WebController()
export class HomeController {
  constructor(
    private readonly pages: PagesService,
    private readonly calls: CallsService,
    private readonly proposals: ProposalsService,
    private readonly mails: MailsService,
    private readonly todo: OfficeTodo,
  ) {}

  @Public()
  @Get()
  async home(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    if (!page.user) return page.redirect('/login');
    const user = req.user as AuthUser;
    const openCalls = (await this.calls.list({ state: 'open', limit: 20 }, user)).items;
    const mine = user.roles.includes('applicant')
      ? (await this.proposals.list({ limit: 100 }, user)).items.filter((p) => p.applicantId === user.id)
      : [];
    // The office's to-do: the counts with their links, and the mails that may not have arrived,
    // each resent with one click.
    const office = user.roles.includes('office');
    const inDoubt = office ? await this.mails.inDoubt() : { items: [], total: 0 };
    const todo = office ? await this.todo.items() : [];
    await page.render('home', { title: page.t('home.title'), openCalls, mine, inDoubt, todo });
  }
}
