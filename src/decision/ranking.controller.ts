import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { rankingCsv } from './ranking-csv';
import { RankingService, RankingView } from './ranking.service';

@ApiTags('decision')
@ApiBearerAuth()
@Controller('api/calls')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  /** JSON, or CSV with a header row for `Accept: text/csv`. */
  @Get(':id/ranking')
  @Roles('office', 'steering')
  @ApiProduces('application/json', 'text/csv')
  async get(
    @Param('id', UuidPipe) id: string,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RankingView | string> {
    const view = await this.ranking.forCall(id, user);
    if (!accept?.toLowerCase().includes('text/csv')) return view;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="ranking-${id}.csv"`)
      .header('Cache-Control', 'private, no-store');
    return rankingCsv(view);
  }
}
