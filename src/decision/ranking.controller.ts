import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { StageQuery } from './dto/stage.query';
import { rankingCsv } from './ranking-csv';
import { RankingService, RankingView } from './ranking.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { RankingViewDoc } from './decision-view-doc';

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/calls')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  /** JSON, or CSV with a header row for `Accept: text/csv`; `?stage=outline|full` (default full). */
  @Get(':id/ranking')
  @Roles('office', 'steering')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(RankingViewDoc)
  @ApiOkResponse({
    description: 'The ranking; with `Accept: text/csv` a CSV file with a header row (one line per proposal).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RankingViewDoc) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 403, 404)
  async get(
    @Param('id', UuidPipe) id: string,
    @Query() query: StageQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RankingView | string> {
    const view = await this.ranking.forCall(id, user, query.stage);
    if (!accept?.toLowerCase().includes('text/csv')) return view;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="ranking-${id}-${view.stage}.csv"`)
      .header('Cache-Control', 'private, no-store');
    return rankingCsv(view);
  }
}
