import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { CurrentUser } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import type { Page } from '@/common/pagination';
import { problem } from '@/common/problem';
import { UuidPipe } from '@/common/uuid.pipe';
import { AttachmentsService, AttachmentView, toAttachmentView } from './attachments.service';
import { CreateProposalDto, ListProposalsQuery, ProposalEventDto, UpdateProposalDto } from './proposal.dto';
import { ProposalAccess } from './proposal-access';
import { PROPOSAL_API_EVENTS } from './proposal-transitions';
import { HistoryEntry, ProposalsService, ProposalView } from './proposals.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { AttachmentViewDoc, HistoryEntryDoc, ProposalPageDoc, ProposalViewDoc } from './proposal-view-doc';

@ApiTags('proposals')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly attachments: AttachmentsService,
    private readonly access: ProposalAccess,
  ) {}

  @Post('calls/:callId/proposals')
  @ApiCreatedResponse({ type: ProposalViewDoc, description: 'The new draft.' })
  @ApiProblems(400, 403, 404, 409)
  async create(
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: CreateProposalDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ProposalView> {
    return this.proposals.view(await this.proposals.create(callId, dto, user), user, []);
  }

  @Get('proposals')
  @ApiOkResponse({ type: ProposalPageDoc })
  @ApiProblems(400)
  list(@Query() query: ListProposalsQuery, @CurrentUser() user: AuthUser): Promise<Page<ProposalView>> {
    return this.proposals.list(query, user);
  }

  @Get('proposals/:id')
  @ApiOkResponse({ type: ProposalViewDoc, description: 'The proposal with its attachments.' })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ProposalView> {
    const { proposal, attachments, call } = await this.proposals.get(id, user);
    return this.proposals.view(proposal, user, attachments, call);
  }

  @Patch('proposals/:id')
  @ApiOkResponse({ type: ProposalViewDoc, description: 'The proposal as it now is.' })
  @ApiProblems(400, 403, 404, 409)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateProposalDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ProposalView> {
    return this.proposals.view(await this.proposals.update(id, dto, user), user);
  }

  /** Fires a workflow event; answers 200 with the proposal as it now is. */
  @Post('proposals/:id/events/:event')
  @HttpCode(200)
  @ApiParam({
    name: 'event',
    enum: PROPOSAL_API_EVENTS,
    description: 'Decisions (approve, reject, request-revision) go through POST /api/proposals/:id/decision.',
  })
  @ApiOkResponse({ type: ProposalViewDoc, description: 'The proposal as it now is.' })
  @ApiProblems(400, 403, 404, 409)
  async fire(
    @Param('id', UuidPipe) id: string,
    @Param('event') event: string,
    @Body() dto: ProposalEventDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ProposalView> {
    const proposal = await this.proposals.fire(id, event, user, dto.reason, dto.expectedVersion);
    return this.proposals.view(proposal, user);
  }

  @Get('proposals/:id/history')
  @ApiOkResponse({ type: [HistoryEntryDoc] })
  @ApiProblems(400, 404)
  history(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<HistoryEntry[]> {
    return this.proposals.history(id, user);
  }

  @Post('proposals/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: AttachmentViewDoc })
  @ApiProblems(400, 403, 404, 409, 413, 415)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async upload(
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<AttachmentView> {
    // As the applicant sees it: a pending batch decision reads as awaiting_decision (no upload).
    const [proposal] = (await this.access.asSeenBy([await this.access.findReadable(id, user)], user)).rows;
    if (!request.isMultipart())
      throw problem('multipart-required', {}, 'Send the PDF as multipart/form-data in the field "file".');
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      throw problem('file-required', {}, 'Send the PDF in the multipart field "file".', {
        errors: [{ field: 'file', messages: ['required'] }],
      });
    }
    return toAttachmentView(await this.attachments.upload(proposal, user, part.filename, part.file));
  }

  @Get('proposals/:id/attachments/:aid')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404)
  async download(
    @Param('id', UuidPipe) id: string,
    @Param('aid', UuidPipe) attachmentId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.access.findReadable(id, user);
    const attachment = await this.attachments.find(id, attachmentId);
    await reply
      .header('Content-Type', 'application/pdf')
      .header(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      )
      .header('Content-Length', attachment.sizeBytes)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(this.attachments.open(attachment));
  }

  @Delete('proposals/:id/attachments/:aid')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 403, 404, 409)
  async remove(
    @Param('id', UuidPipe) id: string,
    @Param('aid', UuidPipe) attachmentId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    const [proposal] = (await this.access.asSeenBy([await this.access.findReadable(id, user)], user)).rows;
    await this.attachments.remove(proposal, attachmentId, user);
  }
}
