import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { CreateCallDto, ListCallsQuery, UpdateCallDto } from './call.dto';
import { CallsService, CallView, toCallView } from './calls.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { CallPageDoc, CallViewDoc } from './call-view-doc';

@ApiTags('calls')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Post()
  @Roles('office')
  @ApiCreatedResponse({ type: CallViewDoc })
  @ApiProblems(400, 403)
  async create(@Body() dto: CreateCallDto, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.create(dto, user), user);
  }

  @Get()
  @ApiOkResponse({ type: CallPageDoc })
  @ApiProblems(400)
  list(@Query() query: ListCallsQuery, @CurrentUser() user: AuthUser): Promise<Page<CallView>> {
    return this.calls.list(query, user);
  }

  @Get(':id')
  @ApiOkResponse({ type: CallViewDoc })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.getVisible(id, user), user);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOkResponse({ type: CallViewDoc })
  @ApiProblems(400, 403, 404, 409)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateCallDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CallView> {
    return toCallView(await this.calls.update(id, dto, user), user);
  }

  @Post(':id/open')
  @Roles('office')
  @HttpCode(200)
  @ApiOkResponse({ type: CallViewDoc })
  @ApiProblems(400, 403, 404, 409)
  async open(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.fire(id, 'open', user), user);
  }

  @Post(':id/close')
  @Roles('office')
  @HttpCode(200)
  @ApiOkResponse({ type: CallViewDoc })
  @ApiProblems(400, 403, 404, 409)
  async close(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.fire(id, 'close', user), user);
  }

  @Post(':id/archive')
  @Roles('office')
  @HttpCode(200)
  @ApiOkResponse({ type: CallViewDoc })
  @ApiProblems(400, 403, 404, 409)
  async archive(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.fire(id, 'archive', user), user);
  }
}
