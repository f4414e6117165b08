import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { AssignmentsService, AssignmentView } from './assignments.service';
import { CreateAssignmentDto, DeclineAssignmentDto, ListAssignmentsQuery } from './dto/assignment.dto';
import { ApiProblems } from '@/common/api-problems.decorator';
import { AssignmentPageDoc, AssignmentViewDoc } from './review-view-doc';

@ApiTags('review')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** Office invites a reviewer (state `invited`; mail and reminders through the outbox). */
  @Post('proposals/:id/assignments')
  @Roles('office')
  @ApiCreatedResponse({ type: AssignmentViewDoc, description: 'The new invitation.' })
  @ApiProblems(400, 403, 404, 409)
  async create(
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateAssignmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.create(id, dto, user), user);
  }

  @Get('assignments')
  @ApiOkResponse({ type: AssignmentPageDoc })
  @ApiProblems(400)
  list(@Query() query: ListAssignmentsQuery, @CurrentUser() user: AuthUser): Promise<Page<AssignmentView>> {
    return this.assignments.list(query, user);
  }

  @Get('assignments/:id')
  @ApiOkResponse({ type: AssignmentViewDoc })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.get(id, user), user);
  }

  /** Revokes an invited or accepted assignment; answers with it as it now is. */
  @Delete('assignments/:id')
  @Roles('office')
  @ApiOkResponse({ type: AssignmentViewDoc, description: 'The assignment as it now is.' })
  @ApiProblems(400, 403, 404, 409)
  async revoke(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.revoke(id, user), user);
  }

  @Post('assignments/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentViewDoc, description: 'The assignment as it now is.' })
  @ApiProblems(400, 403, 404, 409)
  async accept(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.accept(id, user), user);
  }

  @Post('assignments/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentViewDoc, description: 'The assignment as it now is.' })
  @ApiProblems(400, 403, 404, 409)
  async decline(
    @Param('id', UuidPipe) id: string,
    @Body() dto: DeclineAssignmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.decline(id, user, dto.reason), user);
  }
}
