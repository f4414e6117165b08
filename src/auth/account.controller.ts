import { Body, Controller, HttpCode, Patch, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '@/common/api-problems.decorator';
import { AuthUserDoc } from '@/users/user-view-doc';
import {
  ChangePasswordDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RecoveryCodes,
  TotpCodeDto,
  TotpEnrolment,
  UpdateMeDto,
} from './account.dto';
import { AccountService } from './account.service';
import type { AuthUser } from './auth-user';
import { CurrentUser, EnrolmentAllowed, Public } from './auth.decorators';
import { RegistrationAnswer } from './auth.dto';
import type { AuthedRequest } from './auth.guard';
import { JsonOnlyGuard } from './json-only.guard';
import { TotpService } from './totp.service';

/** One's own account: password reset and change, profile, second factor (DESIGN §10). */
@ApiTags('auth')
@Controller('api')
@UseGuards(JsonOnlyGuard)
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly totp: TotpService,
  ) {}

  /** 202 and the same body for every address; only a known active one gets a mail. */
  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RegistrationAnswer })
  @ApiProblems(400, 415, 429)
  requestReset(
    @Body() dto: PasswordResetRequestDto,
    @Req() request: AuthedRequest,
  ): Promise<RegistrationAnswer> {
    return this.account.requestReset(dto, request.ip);
  }

  /** Sets the password from the mailed link (reset or invitation); ends every session of the account. */
  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; sign in with it.' })
  @ApiProblems(400, 415)
  async confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.account.confirmReset(dto);
  }

  @ApiBearerAuth()
  @ApiCookieAuth()
  @Post('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every other session ended.' })
  @ApiProblems(400, 401, 403, 415, 429)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() user: AuthUser,
    @Req() request: AuthedRequest,
  ): Promise<void> {
    await this.account.changePassword(user, request.sessionToken ?? null, dto, request.ip);
  }

  @ApiBearerAuth()
  @ApiCookieAuth()
  @Patch('me')
  @ApiOkResponse({ type: AuthUserDoc })
  @ApiProblems(400, 401, 403, 415)
  updateMe(@Body() dto: UpdateMeDto, @CurrentUser() user: AuthUser): Promise<AuthUser> {
    return this.account.updateMe(user, dto);
  }

  /** Starts the enrolment: a new secret and its otpauth URI (for the QR code); not on until confirmed. */
  @ApiBearerAuth()
  @ApiCookieAuth()
  @EnrolmentAllowed()
  @Post('me/totp')
  @HttpCode(201)
  @ApiCreatedResponse({ type: TotpEnrolment })
  @ApiProblems(401, 409, 415)
  startTotp(@CurrentUser() user: AuthUser): Promise<TotpEnrolment> {
    return this.totp.start(user);
  }

  @ApiBearerAuth()
  @ApiCookieAuth()
  @EnrolmentAllowed()
  @Post('me/totp/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodes })
  @ApiProblems(400, 401, 409, 415)
  confirmTotp(@Body() dto: TotpCodeDto, @CurrentUser() user: AuthUser): Promise<RecoveryCodes> {
    return this.totp.confirm(user, dto.code);
  }

  @ApiBearerAuth()
  @ApiCookieAuth()
  @Post('me/totp/disable')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Second factor switched off.' })
  @ApiProblems(400, 401, 403, 409, 415)
  async disableTotp(@Body() dto: TotpCodeDto, @CurrentUser() user: AuthUser): Promise<void> {
    await this.totp.disable(user, dto.code);
  }
}
