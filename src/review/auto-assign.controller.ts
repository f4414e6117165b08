import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { AutoAssignResult, AutoAssignService } from './auto-assign.service';
import { AutoAssignDto } from './dto/auto-assign.dto';
import { ApiProblems } from '@/common/api-problems.decorator';
import { AutoAssignResultDoc } from './review-view-doc';

@ApiTags('review')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/calls/:id/auto-assign')
export class AutoAssignController {
  constructor(private readonly autoAssign: AutoAssignService) {}

  /** Preview (`dryRun: true`) or commit the optimal assignment of the call's open proposals. */
  @Post()
  @Roles('office')
  @HttpCode(200)
  @ApiOkResponse({ type: AutoAssignResultDoc })
  @ApiProblems(400, 403, 404, 409)
  run(
    @Param('id', UuidPipe) id: string,
    @Body() dto: AutoAssignDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AutoAssignResult> {
    return this.autoAssign.run(id, dto.dryRun, user, dto.fingerprint);
  }
}
