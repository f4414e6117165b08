import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { AssignmentsService, AssignmentView } from './assignments.service';
import { ReopenReviewDto } from './dto/assignment.dto';
import { ListReviewsQuery, ReviewDto } from './dto/review.dto';
import { ReviewsService, ReviewView } from './reviews.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { AssignmentViewDoc, ReviewViewDoc } from './review-view-doc';

@ApiTags('review')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Saves the draft (replacing it); scores must be rubric keys on the scale and step. */
  @Put('assignments/:id/review')
  @ApiOkResponse({ type: ReviewViewDoc })
  @ApiProblems(400, 403, 404, 409)
  save(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ReviewDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewView> {
    return this.reviews.saveDraft(id, dto, user);
  }

  @Get('assignments/:id/review')
  @ApiOkResponse({ type: ReviewViewDoc })
  @ApiProblems(400, 403, 404)
  get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReviewView> {
    return this.reviews.own(id, user);
  }

  @Post('assignments/:id/review/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewViewDoc })
  @ApiProblems(400, 403, 404, 409)
  submit(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReviewView> {
    return this.reviews.submit(id, user);
  }

  /** Office: submitted → accepted while the proposal is in review; answers with the assignment. */
  @Post('assignments/:id/review/reopen')
  @Roles('office')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentViewDoc, description: 'The assignment as it now is.' })
  @ApiProblems(400, 403, 404, 409)
  async reopen(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ReopenReviewDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssignmentView> {
    const assignment = await this.reviews.reopen(id, dto, user);
    return this.assignments.view(await this.assignments.get(assignment.id, user), user);
  }

  @Get('proposals/:id/reviews')
  @ApiOkResponse({ type: [ReviewViewDoc] })
  @ApiProblems(400, 403, 404)
  list(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListReviewsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewView[]> {
    return this.reviews.listForProposal(id, user, query.round, query.stage);
  }
}
