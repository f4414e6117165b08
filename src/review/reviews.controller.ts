import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { AssignmentsService, AssignmentView } from './assignments.service';
import { ReopenReviewDto } from './dto/assignment.dto';
import { ListReviewsQuery, ReviewDto } from './dto/review.dto';
import { ReviewsService, ReviewView } from './reviews.service';

@ApiTags('review')
@ApiBearerAuth()
@Controller('api')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Saves the draft (replacing it); scores must be rubric keys on the scale and step. */
  @Put('assignments/:id/review')
  save(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ReviewDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewView> {
    return this.reviews.saveDraft(id, dto, user);
  }

  @Get('assignments/:id/review')
  get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReviewView> {
    return this.reviews.own(id, user);
  }

  @Post('assignments/:id/review/submit')
  @HttpCode(200)
  submit(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReviewView> {
    return this.reviews.submit(id, user);
  }

  /** Office: submitted → accepted while the proposal is in review; answers with the assignment. */
  @Post('assignments/:id/review/reopen')
  @Roles('office')
  @HttpCode(200)
  async reopen(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ReopenReviewDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssignmentView> {
    const assignment = await this.reviews.reopen(id, dto, user);
    return this.assignments.view(await this.assignments.get(assignment.id, user), user);
  }

  @Get('proposals/:id/reviews')
  list(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListReviewsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewView[]> {
    return this.reviews.listForProposal(id, user, query.round);
  }
}
