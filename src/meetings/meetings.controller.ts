import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { ApiProblems } from '@/common/api-problems.decorator';
import { problem } from '@/common/problem';
import { UuidPipe } from '@/common/uuid.pipe';
import { ROLES } from '@/users/user.entity';
import { DecisionViewDoc } from '@/decision/decision-view-doc';
import type { DecisionView } from '@/decision/decisions.service';
import { RecordDecisionDto } from '@/decision/dto/record-decision.dto';
import {
  CreateMeetingDto,
  MeetingAgendaDto,
  MeetingAttendanceDto,
  MeetingEventDto,
  MeetingResultDto,
  UpdateMeetingDto,
} from './meeting.dto';
import { MeetingItemsService, MeetingResultView } from './meeting-items.service';
import { MeetingMinutesService, PdfFile } from './meeting-minutes.service';
import { meetingMachine } from './meeting-transitions';
import { MeetingResultViewDoc, MeetingSummaryDoc, MeetingViewDoc } from './meeting-view-doc';
import { MeetingsService, MeetingSummary, MeetingView } from './meetings.service';

const PDF_RESPONSE = {
  description: 'The PDF (download).',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
} as const;

/** Steering meetings (DESIGN §13): the office and the steering group only. */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403)
@Roles('office', 'steering')
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly items: MeetingItemsService,
    private readonly minutes: MeetingMinutesService,
  ) {}

  /** Plans a meeting; the invitation (with an .ics) goes to every steering member. */
  @Post()
  @Roles('office')
  @ApiCreatedResponse({ type: MeetingViewDoc })
  @ApiProblems(400)
  async create(@Body() dto: CreateMeetingDto, @CurrentUser() user: AuthUser): Promise<MeetingView> {
    return this.meetings.view(await this.meetings.create(dto, user), user);
  }

  @Get()
  @ApiOkResponse({ type: [MeetingSummaryDoc] })
  list(): Promise<MeetingSummary[]> {
    return this.meetings.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: MeetingViewDoc })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<MeetingView> {
    return this.meetings.view(await this.meetings.get(id), user);
  }

  /** Changes while planned; a new time, place or title re-sends the invitation (same UID, SEQUENCE + 1). */
  @Patch(':id')
  @Roles('office')
  @ApiOkResponse({ type: MeetingViewDoc })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateMeetingDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MeetingView> {
    return this.meetings.view(await this.meetings.update(id, dto, user), user);
  }

  /** Every role reaches the handler: an event this route does not fire is 404 for anyone, before any lookup. */
  @Post(':id/events/:event')
  @Roles(...ROLES)
  @HttpCode(200)
  @ApiParam({ name: 'event', enum: meetingMachine.eventsOnEventsRoute() })
  @ApiOkResponse({ type: MeetingViewDoc, description: 'The meeting as it now is.' })
  @ApiProblems(400, 404, 409)
  async fire(
    @Param('id', UuidPipe) id: string,
    @Param('event') event: string,
    @Body() dto: MeetingEventDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MeetingView> {
    const refusal = meetingMachine.eventsRouteRefusal(event);
    if (refusal) throw problem('event-not-on-events-route', { event }, refusal);
    this.meetings.mayRecord(user);
    return this.meetings.view(
      await this.meetings.fire(id, event, user, dto.expectedVersion, dto.reason),
      user,
    );
  }

  /** The office orders the agenda (proposals awaiting decision in the meeting's calls). */
  @Put(':id/agenda')
  @Roles('office')
  @ApiOkResponse({ type: MeetingViewDoc })
  @ApiProblems(400, 404, 409)
  async agenda(
    @Param('id', UuidPipe) id: string,
    @Body() dto: MeetingAgendaDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MeetingView> {
    return this.meetings.view(await this.meetings.setAgenda(id, dto, user), user);
  }

  @Put(':id/attendance')
  @ApiOkResponse({ type: MeetingViewDoc })
  @ApiProblems(400, 404, 409)
  async attendance(
    @Param('id', UuidPipe) id: string,
    @Body() dto: MeetingAttendanceDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MeetingView> {
    return this.meetings.view(await this.meetings.setAttendance(id, dto, user), user);
  }

  @Post(':id/items/:proposalId/result')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingResultViewDoc })
  @ApiProblems(400, 404, 409)
  result(
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
    @Body() dto: MeetingResultDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MeetingResultView> {
    return this.items.recordResult(id, proposalId, dto, user);
  }

  @Post(':id/items/:proposalId/decision')
  @HttpCode(201)
  @ApiCreatedResponse({ type: DecisionViewDoc })
  @ApiProblems(400, 404, 409)
  decision(
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
    @Body() dto: RecordDecisionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<DecisionView> {
    return this.items.recordDecision(id, proposalId, dto, user);
  }

  /** Draft while open or closed; once approved the frozen bytes (header `X-Content-SHA256`). */
  @Get(':id/minutes.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  @ApiProblems(400, 404, 409)
  async minutesPdf(@Param('id', UuidPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    await sendPdf(reply, await this.minutes.minutes(id));
  }

  /** The chair approves the minutes: frozen from now on (bytes and sha256 stored). */
  @Post(':id/minutes/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingViewDoc })
  @ApiProblems(400, 404, 409)
  async approve(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<MeetingView> {
    return this.meetings.view(await this.minutes.approve(id, user), user);
  }

  /** The caller's meeting pack: every item they are conflicted with is left out entirely. */
  @Get(':id/pack.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  @ApiProblems(400, 404, 409)
  async packPdf(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendPdf(reply, await this.minutes.pack(id, user));
  }
}

export async function sendPdf(reply: FastifyReply, file: PdfFile): Promise<void> {
  await reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `attachment; filename="${file.filename}"`)
    .header('Content-Length', file.bytes.length)
    .header('X-Content-SHA256', file.sha256)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(file.bytes);
}
