import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { RoundQuery } from './dto/round.query';
import { ScoresService, ScoresView } from './scores.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { ScoresViewDoc } from './decision-view-doc';

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/proposals')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get(':id/scores')
  @ApiOkResponse({ type: ScoresViewDoc })
  @ApiProblems(400, 403, 404)
  get(
    @Param('id', UuidPipe) id: string,
    @Query() query: RoundQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<ScoresView> {
    return this.scores.forReader(id, user, query.round, query.stage);
  }
}
