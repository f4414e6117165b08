import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { PUBLISHED_CALL_STATES } from '@/calls/call-transitions';
import { CallsService, toCallView } from '@/calls/calls.service';
import { UuidPipe } from '@/common/uuid.pipe';
import { DecisionsService } from '@/decision/decisions.service';
import { CastVoteDto } from '@/decision/dto/cast-vote.dto';
import { toXlsx, XLSX_TYPE } from '@/decision/export-table';
import { rankingCsv, rankingTable } from '@/decision/ranking-csv';
import { ReviewExport } from '@/decision/review-export';
import { RankingService } from '@/decision/ranking.service';
import { VotesService } from '@/decision/votes.service';
import { inStates } from '@/workflow/state-machine';
import type { ProposalStage } from '@/proposals/proposal-transitions';
import { refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import { decisionFormValues, decisionOf } from './decision-form';
import { PagesService } from './pages.service';
import { ProposalPageData } from './proposal-page-data';
import { meanBar } from './svg-bars';
import { WebController } from './web-controller.decorator';

/** What happens after each outcome, and who is told. */
const DECIDED_FLASH = {
  approved: 'next.decidedApproved',
  rejected: 'next.decidedRejected',
  revision_requested: 'next.decidedRevision',
  invited: 'next.decidedInvited',
  not_invited: 'next.decidedNotInvited',
} as const;

/** `?stage=outline` on a ranking page or download; anything else ranks the full stage. */
function stageParam(req: AuthedRequest): ProposalStage {
  const stage = (req.query as Record<string, unknown> | undefined)?.stage;
  return stage === 'outline' ? 'outline' : 'full';
}

/** Steering group: the ranking of a call, votes and the chair's decision (office too, as the API allows). */
@WebController()
export class SteeringPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly calls: CallsService,
    private readonly ranking: RankingService,
    private readonly votes: VotesService,
    private readonly decisions: DecisionsService,
    private readonly proposalPage: ProposalPageData,
    private readonly reviewExport: ReviewExport,
  ) {}

  @Get('steering')
  @Roles('steering', 'office')
  async home(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const calls = await this.calls.list({ limit: 100 }, req.user as AuthUser);
    await page.render('steering-home', {
      title: page.t('steering.title'),
      calls: calls.items.filter((c) => inStates(PUBLISHED_CALL_STATES, c.state)),
    });
  }

  /** The API's ranking route allows office and steering; so does this page. */
  @Get('calls/:id/ranking')
  @Roles('steering', 'office')
  async rankingPage(
    @Param('id', UuidPipe) id: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = req.user as AuthUser;
    const page = this.pages.page(req, reply);
    const stage = stageParam(req);
    const entry = await this.ranking.cachedForCall(id, user, stage);
    // Read after the ranking's change counters, so the call is never older than the cached entry.
    const call = toCallView(await this.calls.getVisible(id, user), user);
    // Outlines (round 0, on the outline rubric) and full proposals rank apart.
    const rubric = stage === 'outline' && call.outlineRubric ? call.outlineRubric : call.rubric;
    // The table (2,000 rows, five bars each) is rendered once per ranking and language: it depends
    // on nothing else (the rubric is an input of the ranking's counter).
    const table = entry.bytesOf(`page-table-${page.locale}`, (view) => {
      const criteria = rubric.criteria;
      const rows = view.rows.map((row) => ({
        ...row,
        bars: criteria.map((c) => {
          const scores = row.criteria[c.key];
          const mean = scores?.mean ?? null;
          return {
            key: c.key,
            label: c.label[page.locale],
            mean,
            spread: scores?.spread ?? null,
            flagged: (scores?.spread ?? 0) >= rubric.disagreementDelta,
            svg: meanBar(
              { label: c.label[page.locale], value: mean, min: c.min, max: c.max, threshold: c.threshold },
              page.fmt.mean(mean),
            ),
          };
        }),
      }));
      // The funding line is drawn above the first row the budget no longer reaches (DESIGN §12).
      const lineBefore = view.budgetEur === null ? -1 : rows.findIndex((r) => r.fundingLine !== 'within');
      return this.pages.renderToString(page, 'partials/ranking-table', { rows, lineBefore });
    });
    const title = `${page.t('steering.ranking')}: ${call.title}`;
    const view = entry.value;
    const budget =
      view.budgetEur === null
        ? null
        : { budget: view.budgetEur, granted: view.grantedEur, remaining: view.remainingEur };
    const office = user.roles.includes('office');
    const stages = call.procedure === 'two-stage' ? ['outline', 'full'] : [];
    await this.pages.sendWithPart(
      reply,
      page,
      'ranking',
      { title, call, budget, office, stage: view.stage, stages },
      table,
    );
  }

  /** The ranking as CSV (as `GET /api/calls/:id/ranking` with `Accept: text/csv`), for a plain link. */
  @Get('calls/:id/ranking.csv')
  @Roles('steering', 'office')
  async rankingCsv(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const entry = await this.ranking.cachedForCall(id, req.user as AuthUser, stageParam(req));
    await reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="ranking-${id}-${entry.value.stage}.csv"`)
      .header('Cache-Control', 'private, no-store')
      .send(entry.bytesOf('csv', rankingCsv));
  }

  /** The ranking as XLSX (as the API's `Accept: …spreadsheetml.sheet`), for a plain link. */
  @Get('calls/:id/ranking.xlsx')
  @Roles('steering', 'office')
  async rankingXlsx(
    @Param('id', UuidPipe) id: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.ranking.forCall(id, req.user as AuthUser, stageParam(req));
    await reply
      .header('Content-Type', XLSX_TYPE)
      .header('Content-Disposition', `attachment; filename="ranking-${id}-${view.stage}.xlsx"`)
      .header('Cache-Control', 'private, no-store')
      .send(await toXlsx(rankingTable(view)));
  }

  /** Every review of the call as XLSX, office only (names and confidential comments). */
  @Get('calls/:id/reviews.xlsx')
  @Roles('office')
  async reviewsXlsx(
    @Param('id', UuidPipe) id: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const table = await this.reviewExport.table(id, req.user as AuthUser);
    await reply
      .header('Content-Type', XLSX_TYPE)
      .header('Content-Disposition', `attachment; filename="reviews-${id}.xlsx"`)
      .header('Cache-Control', 'private, no-store')
      .send(await toXlsx(table));
  }

  @Post('proposals/:id/vote')
  async vote(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = { vote: one(body, 'vote'), comment: one(body, 'comment') };
    try {
      const dto = await validated(CastVoteDto, values.comment ? values : { vote: values.vote });
      await this.votes.cast(id, dto, req.user as AuthUser);
      return await page.redirect(`/proposals/${id}`, 'next.voted');
    } catch (error) {
      await this.proposalPage.render(page, id, refusedForm(error, values, page.locale));
    }
  }

  @Post('proposals/:id/decision')
  async decide(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const values = decisionFormValues(req.body);
    try {
      const dto = await decisionOf(values, page.locale);
      await this.decisions.record(id, dto, req.user as AuthUser);
      return await page.redirect(`/proposals/${id}`, DECIDED_FLASH[dto.outcome]);
    } catch (error) {
      await this.proposalPage.render(page, id, refusedForm(error, values, page.locale));
    }
  }
}
