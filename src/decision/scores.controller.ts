import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { RoundQuery } from './dto/round.query';
import { ScoresService, ScoresView } from './scores.service';

@ApiTags('decision')
@ApiBearerAuth()
@Controller('api/proposals')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get(':id/scores')
  get(
    @Param('id', UuidPipe) id: string,
    @Query() query: RoundQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<ScoresView> {
    return this.scores.forReader(id, user, query.round);
  }
}
