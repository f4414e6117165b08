import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { ApiProblems } from '@/common/api-problems.decorator';
import { UuidPipe } from '@/common/uuid.pipe';
import { VotingResultViewDoc } from './voting-result-doc';
import { VotingDeadline, VotingResultView } from './voting-deadline';

@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/calls')
export class VotingResultsController {
  constructor(private readonly deadline: VotingDeadline) {}

  /** The quorum results of the call's written procedure, recorded at `votingClosesAt`. */
  @Get(':id/voting-results')
  @Roles('office', 'steering')
  @ApiOkResponse({ type: VotingResultViewDoc, isArray: true })
  @ApiProblems(400, 403, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<VotingResultView[]> {
    return this.deadline.forReader(id, user);
  }
}
