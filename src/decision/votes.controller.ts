import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { CastVoteDto } from './dto/cast-vote.dto';
import { RoundQuery } from './dto/round.query';
import { VotesService, VotesView } from './votes.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { VotesViewDoc } from './decision-view-doc';

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/proposals')
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  /** Casts or changes the caller's vote of the current round; answers with the tally. */
  @Put(':id/vote')
  @HttpCode(200)
  @ApiOkResponse({ type: VotesViewDoc })
  @ApiProblems(400, 403, 404, 409)
  cast(
    @Param('id', UuidPipe) id: string,
    @Body() dto: CastVoteDto,
    @CurrentUser() user: AuthUser,
  ): Promise<VotesView> {
    return this.votes.cast(id, dto, user);
  }

  @Get(':id/votes')
  @ApiOkResponse({ type: VotesViewDoc })
  @ApiProblems(400, 403, 404)
  list(
    @Param('id', UuidPipe) id: string,
    @Query() query: RoundQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<VotesView> {
    return this.votes.forReader(id, user, query.round, query.stage);
  }
}
