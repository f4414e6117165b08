import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { CurrentUser, Roles } from './access-markers';
import type { AuthUser } from './auth-user';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserView } from './user.dto';
import { UsersService, toUserView } from './users.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { UserPageDoc, UserViewDoc } from './user-view-doc';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/users')
@Roles('office')
@ApiProblems(401, 403)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserViewDoc })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserView> {
    return toUserView(await this.users.create(dto, actor.id));
  }

  @Get()
  @ApiOkResponse({ type: UserPageDoc })
  @ApiProblems(400)
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserViewDoc })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidPipe) id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  /** Resends the invitation with a new set-password link; earlier links stop working. */
  @Post(':id/invite')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: UserViewDoc })
  @ApiProblems(400, 404, 409)
  async invite(@Param('id', UuidPipe) id: string, @CurrentUser() actor: AuthUser): Promise<UserView> {
    return toUserView(await this.users.invite(id, actor.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserViewDoc })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserView> {
    return toUserView(await this.users.update(id, dto, actor.id));
  }
}
