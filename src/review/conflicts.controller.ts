import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import { BidsService, BidView } from './bids.service';
import { ConflictEntry, ConflictService, ConflictView, toConflictView } from './conflicts.service';
import { BidDto, DeclareConflictDto } from './dto/conflict.dto';
import { ApiProblems } from '@/common/api-problems.decorator';
import { BidViewDoc, ConflictEntryDoc, ConflictViewDoc } from './review-view-doc';

@ApiTags('review')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/proposals/:id')
export class ConflictsController {
  constructor(
    private readonly conflicts: ConflictService,
    private readonly bids: BidsService,
  ) {}

  /** A board member declares their own conflict; the office declares anyone's (`userId`). */
  @Post('conflicts')
  @ApiCreatedResponse({ type: ConflictViewDoc })
  @ApiProblems(400, 403, 404, 409)
  async declare(
    @Param('id', UuidPipe) id: string,
    @Body() dto: DeclareConflictDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConflictView> {
    return toConflictView(await this.conflicts.declare(id, dto, user));
  }

  /** Office: every conflicted user and why; others: their own entries only. */
  @Get('conflicts')
  @ApiOkResponse({ type: [ConflictEntryDoc] })
  @ApiProblems(400, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ConflictEntry[]> {
    return this.conflicts.listForProposal(id, user);
  }

  @Put('bid')
  @ApiOkResponse({ type: BidViewDoc })
  @ApiProblems(400, 403, 404, 409)
  bid(
    @Param('id', UuidPipe) id: string,
    @Body() dto: BidDto,
    @CurrentUser() user: AuthUser,
  ): Promise<BidView> {
    return this.bids.place(id, dto.bid, user);
  }
}
