import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
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
import { acceptsGzip } from '@/common/content-encoding';
import { UuidPipe } from '@/common/uuid.pipe';
import { StageQuery } from './dto/stage.query';
import { ExportTable, toCsv, toXlsx, XLSX_TYPE } from './export-table';
import { rankingTable } from './ranking-csv';
import { RankingService, type RankingView } from './ranking.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { RankingViewDoc } from './decision-view-doc';
import { ReviewExport } from './review-export';

/** The format an Accept header asks for: XLSX, CSV, or JSON (anything else). */
function wanted(accept: string | undefined): 'xlsx' | 'csv' | 'json' {
  const a = accept?.toLowerCase() ?? '';
  if (a.includes(XLSX_TYPE)) return 'xlsx';
  if (a.includes('text/csv')) return 'csv';
  return 'json';
}

/** Sends a table as CSV or XLSX download. */
async function sendTable(
  reply: FastifyReply,
  table: ExportTable,
  format: 'xlsx' | 'csv',
  name: string,
): Promise<string | Buffer> {
  void reply
    .header('Content-Type', format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}.${format}"`)
    .header('Cache-Control', 'private, no-store');
  return format === 'xlsx' ? toXlsx(table) : toCsv(table);
}

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/calls')
export class RankingController {
  constructor(
    private readonly ranking: RankingService,
    private readonly reviews: ReviewExport,
  ) {}

  /** JSON, or CSV / XLSX (the same columns, with the funding line) by the Accept header; `?stage=outline|full` (default full). */
  @Get(':id/ranking')
  @Roles('office', 'steering')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiExtraModels(RankingViewDoc)
  @ApiOkResponse({
    description:
      'The ranking; with `Accept: text/csv` a CSV file with a header row (one line per proposal), with `Accept: ' +
      XLSX_TYPE +
      '` the same columns as XLSX.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RankingViewDoc) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
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
    @Query() query: StageQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const entry = await this.ranking.cachedForCall(id, user, query.stage);
    const format = wanted(accept);
    // JSON and CSV (~1 MB for 2,000 rows) go gzipped to clients that accept it, packed once per
    // ranking; XLSX is a ZIP already.
    const gzip = format !== 'xlsx' && acceptsGzip(acceptEncoding);
    const etag = entry.etag(gzip ? `${format}-gzip` : format);
    // Private (per viewer), and revalidated on every use: the ETag names the change counters.
    void reply
      .header('ETag', etag)
      .header('Cache-Control', 'private, no-cache')
      .header('Vary', 'Accept, Accept-Encoding');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
      void reply.status(304);
      return '';
    }
    if (format === 'xlsx') {
      void reply
        .header('Content-Type', XLSX_TYPE)
        .header('Content-Disposition', `attachment; filename="ranking-${id}-${entry.value.stage}.xlsx"`);
      return toXlsx(rankingTable(entry.value));
    }
    const make =
      format === 'json'
        ? (view: RankingView) => JSON.stringify(view)
        : (view: RankingView) => toCsv(rankingTable(view));
    if (format === 'json') void reply.header('Content-Type', 'application/json; charset=utf-8');
    else
      void reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="ranking-${id}-${entry.value.stage}.csv"`);
    if (!gzip) return entry.bytesOf(format, make);
    void reply.header('Content-Encoding', 'gzip');
    return entry.gzipOf(format, make);
  }

  /** Every submitted review of the call with names and confidential comments: CSV, or XLSX by the Accept header. */
  @Get(':id/reviews')
  @Roles('office')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse({
    description: 'One row per submitted review; CSV by default, XLSX with `Accept: ' + XLSX_TYPE + '`.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 403, 404)
  async reviewsExport(
    @Param('id', UuidPipe) id: string,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const table = await this.reviews.table(id, user);
    return sendTable(reply, table, wanted(accept) === 'xlsx' ? 'xlsx' : 'csv', `reviews-${id}`);
  }
}

/** `If-None-Match: "a", W/"b"` or `*` (RFC 9110 §13.1.2: weak comparison). */
function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
