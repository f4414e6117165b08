import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { ApiProblems } from '@/common/api-problems.decorator';
import { UuidPipe } from '@/common/uuid.pipe';
import { ConsensusDraftDto, NameRapporteurDto, SignConsensusDto } from './consensus.dto';
import { ConsensusService } from './consensus.service';
import type { ConsensusView } from './consensus-view';
import { ConsensusViewDoc } from './consensus-view-doc';

/** The consensus report of a proposal's current round (DESIGN §12). */
@ApiTags('consensus')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/proposals')
export class ConsensusController {
  constructor(private readonly consensus: ConsensusService) {}

  /** The office and the round's reviewers; pre-filled with the criterion means and the comments. */
  @Get(':id/consensus')
  @Roles('office', 'reviewer')
  @ApiOkResponse({ type: ConsensusViewDoc })
  @ApiProblems(400, 403, 404)
  get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ConsensusView> {
    return this.consensus.view(id, user);
  }

  /** The rapporteur saves the draft (replacing it); scores on the rubric's scale and step. */
  @Put(':id/consensus')
  @Roles('reviewer')
  @ApiOkResponse({ type: ConsensusViewDoc })
  @ApiProblems(400, 403, 404, 409)
  save(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ConsensusDraftDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConsensusView> {
    return this.consensus.saveDraft(id, dto, user);
  }

  /** The office names the rapporteur: a reviewer of this proposal and round, not conflicted. */
  @Put(':id/consensus/rapporteur')
  @Roles('office')
  @ApiOkResponse({ type: ConsensusViewDoc })
  @ApiProblems(400, 403, 404, 409)
  rapporteur(
    @Param('id', UuidPipe) id: string,
    @Body() dto: NameRapporteurDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConsensusView> {
    return this.consensus.nameRapporteur(id, dto.reviewerId, user);
  }

  /** The rapporteur submits the report and asks the other reviewers to sign. */
  @Post(':id/consensus/submit')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: ConsensusViewDoc })
  @ApiProblems(400, 403, 404, 409)
  submit(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ConsensusView> {
    return this.consensus.submit(id, user);
  }

  /** A co-reviewer signs (`agree: true`) or dissents with a minority view. */
  @Post(':id/consensus/sign')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOkResponse({ type: ConsensusViewDoc })
  @ApiProblems(400, 403, 404, 409)
  sign(
    @Param('id', UuidPipe) id: string,
    @Body() dto: SignConsensusDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConsensusView> {
    return this.consensus.sign(id, dto, user);
  }

  /** The office closes a report still waiting for answers, once consensusPeriodDays have passed (409 before). */
  @Post(':id/consensus/close')
  @HttpCode(200)
  @Roles('office')
  @ApiOkResponse({ type: ConsensusViewDoc })
  @ApiProblems(403, 404, 409)
  close(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ConsensusView> {
    return this.consensus.close(id, user);
  }
}
