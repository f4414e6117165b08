import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { RecordDecisionDto } from './dto/record-decision.dto';
import { RoundQuery } from './dto/round.query';
import { DecisionsService, DecisionView } from './decisions.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { DecisionViewDoc } from './decision-view-doc';

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/proposals')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post(':id/decision')
  @ApiCreatedResponse({ type: DecisionViewDoc })
  @ApiProblems(400, 403, 404, 409)
  record(
    @Param('id', UuidPipe) id: string,
    @Body() dto: RecordDecisionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<DecisionView> {
    return this.decisions.record(id, dto, user);
  }

  /** The decision of `?round=`, else the latest; 404 before any decision. */
  @Get(':id/decision')
  @ApiOkResponse({ type: DecisionViewDoc })
  @ApiProblems(400, 404)
  get(
    @Param('id', UuidPipe) id: string,
    @Query() query: RoundQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<DecisionView> {
    return this.decisions.forReader(id, user, query.round, query.stage);
  }

  @Get(':id/decisions')
  @ApiOkResponse({ type: [DecisionViewDoc] })
  @ApiProblems(400, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<DecisionView[]> {
    return this.decisions.listForReader(id, user);
  }
}
