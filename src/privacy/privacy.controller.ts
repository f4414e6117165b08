import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@/common/api-problems.decorator';
import { UuidPipe } from '@/common/uuid.pipe';
import type { AuthUser } from '@/auth/auth-user';
import { CurrentUser, Public, Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import { AccessibilityFeedbackService } from './accessibility-feedback.service';
import { ErasureRequestView, ErasureService } from './erasure.service';
import { PersonalDataExport, PrivacyExportService } from './privacy-export.service';
import { PrivacyRateLimits } from './privacy-rate-limits';
import { AccessibilityFeedbackDto, EraseUserDto, ErasureRequestDto, ExportQuery } from './privacy.dto';
import {
  ErasureRequestDoc,
  FeedbackReceivedDoc,
  PersonalDataExportDoc,
  RetentionDueDoc,
} from './privacy-view-doc';
import { RetentionDue, RetentionService } from './retention.service';

@ApiTags('privacy')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
@ApiProblems(401)
export class PrivacyController {
  constructor(
    private readonly exports: PrivacyExportService,
    private readonly erasure: ErasureService,
    private readonly retention: RetentionService,
    private readonly feedback: AccessibilityFeedbackService,
    private readonly limits: PrivacyRateLimits,
  ) {}

  /** Everything stored about the caller (Art. 15/20); `?attachments=zip` or `Accept: application/zip` adds the files. */
  @Get('me/export')
  @ApiProduces('application/json', 'application/zip')
  @ApiExtraModels(PersonalDataExportDoc)
  @ApiOkResponse({
    description:
      'Every row stored about the caller; as a ZIP (export.json and the own attachments) with `?attachments=zip` or `Accept: application/zip`.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PersonalDataExportDoc) } },
      'application/zip': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 429)
  async export(
    @Query() query: ExportQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonalDataExport | Buffer> {
    await this.limits.takeExport(user.id);
    void reply.header('Cache-Control', 'private, no-store');
    const zip = query.attachments === 'zip' || !!accept?.toLowerCase().includes('application/zip');
    if (!zip) {
      // A download on the page ("Meine Daten herunterladen"); API clients read the same JSON.
      void reply.header('Content-Disposition', 'attachment; filename="meine-daten.json"');
      return this.exports.export(user.id);
    }
    const bytes = await this.exports.zip(user.id);
    void reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', 'attachment; filename="meine-daten.zip"');
    return Buffer.from(bytes);
  }

  /** The caller asks for the erasure of their data; the office executes it. Asking twice answers the open request. */
  @Post('me/erasure')
  @ApiCreatedResponse({ type: ErasureRequestDoc })
  @ApiProblems(400)
  requestErasure(
    @Body() _dto: ErasureRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ErasureRequestView> {
    return this.erasure.request(user.id);
  }

  @Get('erasure-requests')
  @Roles('office')
  @ApiOkResponse({ type: [ErasureRequestDoc] })
  @ApiProblems(403)
  listErasures(): Promise<ErasureRequestView[]> {
    return this.erasure.list();
  }

  @Post('users/:id/erase')
  @Roles('office')
  @HttpCode(200)
  @ApiOkResponse({ type: ErasureRequestDoc })
  @ApiProblems(400, 403, 404, 409)
  erase(
    @Param('id', UuidPipe) id: string,
    @Body() dto: EraseUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<ErasureRequestView> {
    return this.erasure.execute(id, dto.reason, actor.id);
  }

  /** The dry run of the retention job: what its next run would purge. */
  @Get('retention/due')
  @Roles('office')
  @ApiOkResponse({ type: [RetentionDueDoc] })
  @ApiProblems(403)
  retentionDue(): Promise<RetentionDue[]> {
    return this.retention.due();
  }

  /** A barrier someone met; reaches the office by mail. Anonymous allowed. */
  @Public()
  @Post('accessibility-feedback')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: FeedbackReceivedDoc })
  @ApiProblems(400, 429)
  async sendFeedback(
    @Body() dto: AccessibilityFeedbackDto,
    @Req() request: AuthedRequest,
  ): Promise<FeedbackReceivedDoc> {
    await this.limits.takeFeedback(request.ip);
    await this.feedback.send(dto, dto.locale ?? 'de');
    return { status: 'received' };
  }
}
