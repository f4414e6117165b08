import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import { ListMailsQuery, MailView } from './mail.dto';
import { MailsService } from './mails.service';
import { ApiProblems } from '@/common/api-problems.decorator';
import { MailPageDoc, MailViewDoc } from './mail-view-doc';

@ApiTags('mails')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401, 403)
@Roles('office')
@Controller('api/mails')
export class MailsController {
  constructor(private readonly mails: MailsService) {}

  /** The mail log, newest first; filter by recipient address, template, status. */
  @Get()
  @ApiOkResponse({ type: MailPageDoc })
  @ApiProblems(400)
  list(@Query() query: ListMailsQuery): Promise<Page<MailView>> {
    return this.mails.list(query);
  }

  /** Sends the mail again as a new log entry linked to this one (202: it goes out through the queue). */
  @Post(':id/resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MailViewDoc })
  @ApiProblems(400, 404, 409)
  resend(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<MailView> {
    return this.mails.resend(id, user);
  }
}
