import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { ApiStateView } from '@/workflow/api-state-view';
import { ASSIGNMENT_ACTIONS, ASSIGNMENT_API_EVENTS } from './assignment-transitions';
import { AssignmentsService, AssignmentView } from './assignments.service';
import { CreateAssignmentDto, DeclineAssignmentDto, ListAssignmentsQuery } from './dto/assignment.dto';

@ApiTags('review')
@ApiBearerAuth()
@Controller('api')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** Office invites a reviewer (state `invited`; mail and reminders through the outbox). */
  @Post('proposals/:id/assignments')
  @Roles('office')
  @ApiStateView('The new invitation.', ASSIGNMENT_API_EVENTS, ASSIGNMENT_ACTIONS, 201)
  async create(
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateAssignmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.create(id, dto, user), user);
  }

  @Get('assignments')
  list(@Query() query: ListAssignmentsQuery, @CurrentUser() user: AuthUser): Promise<Page<AssignmentView>> {
    return this.assignments.list(query, user);
  }

  @Get('assignments/:id')
  @ApiStateView('The assignment as it now is.', ASSIGNMENT_API_EVENTS, ASSIGNMENT_ACTIONS)
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.get(id, user), user);
  }

  /** Revokes an invited or accepted assignment; answers with it as it now is. */
  @Delete('assignments/:id')
  @Roles('office')
  @ApiStateView('The assignment as it now is.', ASSIGNMENT_API_EVENTS, ASSIGNMENT_ACTIONS)
  async revoke(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.revoke(id, user), user);
  }

  @Post('assignments/:id/accept')
  @HttpCode(200)
  @ApiStateView('The assignment as it now is.', ASSIGNMENT_API_EVENTS, ASSIGNMENT_ACTIONS)
  async accept(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.accept(id, user), user);
  }

  @Post('assignments/:id/decline')
  @HttpCode(200)
  @ApiStateView('The assignment as it now is.', ASSIGNMENT_API_EVENTS, ASSIGNMENT_ACTIONS)
  async decline(
    @Param('id', UuidPipe) id: string,
    @Body() dto: DeclineAssignmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssignmentView> {
    return this.assignments.view(await this.assignments.decline(id, user, dto.reason), user);
  }
}
