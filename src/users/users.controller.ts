import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { CurrentUser, Roles } from './access-markers';
import type { AuthUser } from './auth-user';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from './user.dto';
import { UsersService, toUserView } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
@Roles('office')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserView> {
    return toUserView(await this.users.create(dto, actor.id));
  }

  @Get()
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  async get(@Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @Patch(':id')
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserView> {
    return toUserView(await this.users.update(id, dto, actor.id));
  }
}
