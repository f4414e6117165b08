import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { rankingCsv } from './ranking-csv';
import { RankingService } from './ranking.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { RankingViewDoc } from './decision-view-doc';

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/calls')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  /** JSON, or CSV with a header row for `Accept: text/csv`. */
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
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag of an earlier answer: 304 when unchanged.',
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: the ranking is the one of the ETag in If-None-Match.',
  })
  async get(
    @Param('id', UuidPipe) id: string,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const entry = await this.ranking.cachedForCall(id, user);
    const csv = accept?.toLowerCase().includes('text/csv') ?? false;
    const etag = entry.etag(csv ? 'csv' : 'json');
    // Private (per viewer), and revalidated on every use: the ETag names the change counters.
    void reply.header('ETag', etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Accept');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
      void reply.status(304);
      return '';
    }
    if (!csv) {
      void reply.header('Content-Type', 'application/json; charset=utf-8');
      return entry.bytesOf('json', (view) => JSON.stringify(view));
    }
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="ranking-${id}.csv"`);
    return entry.bytesOf('csv', rankingCsv);
  }
}

/** `If-None-Match: "a", W/"b"` or `*` (RFC 9110 §13.1.2: weak comparison). */
function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
