import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@/common/api-problems.decorator';
import { UuidPipe } from '@/common/uuid.pipe';
import type { AuthUser } from '@/auth/auth-user';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import { CapacityView, SetCapacityDto } from './reviewer-capacity.dto';
import { ReviewerCapacityService } from './reviewer-capacity.service';

@ApiTags('review')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/calls')
@ApiProblems(401, 403)
export class ReviewerCapacityController {
  constructor(private readonly capacities: ReviewerCapacityService) {}

  /** A board member lowers their own load for one call (for themselves only). */
  @Put(':id/capacity')
  @Roles('reviewer', 'steering')
  @ApiOkResponse({ type: CapacityView })
  @ApiProblems(400, 404)
  set(
    @Param('id', UuidPipe) id: string,
    @Body() dto: SetCapacityDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CapacityView> {
    return this.capacities.set(id, user, dto.maxLoad);
  }
}
