import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { CreateCallDto, ListCallsQuery, UpdateCallDto } from './call.dto';
import { CallsService, CallView, toCallView } from './calls.service';

@ApiTags('calls')
@ApiBearerAuth()
@Controller('api/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Post()
  @Roles('office')
  async create(@Body() dto: CreateCallDto, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.create(dto, user), user);
  }

  @Get()
  list(@Query() query: ListCallsQuery, @CurrentUser() user: AuthUser): Promise<Page<CallView>> {
    return this.calls.list(query, user);
  }

  @Get(':id')
  async get(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.getVisible(id, user), user);
  }

  @Patch(':id')
  @Roles('office')
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
  async open(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.fire(id, 'open', user), user);
  }

  @Post(':id/close')
  @Roles('office')
  @HttpCode(200)
  async close(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.fire(id, 'close', user), user);
  }

  @Post(':id/archive')
  @Roles('office')
  @HttpCode(200)
  async archive(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<CallView> {
    return toCallView(await this.calls.fire(id, 'archive', user), user);
  }
}
