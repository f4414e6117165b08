import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
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
    const todo = user.roles.includes('office') ? await this.todo.items() : [];
    await page.render('home', { title: page.t('home.title'), openCalls, mine, todo });
  }
}
