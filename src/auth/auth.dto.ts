import { ApiProperty, PickType } from '@nestjs/swagger';
import { Equals, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { PRIVACY_NOTICE_VERSION } from '@/common/privacy-notice';
import { Trim, TrimLower } from '@/common/trim';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/users/passwords';
import { CreateUserDto } from '@/users/user.dto';

/** Self-registration of an applicant: the account fields of the office's form, organisation required. */
export class RegisterDto extends PickType(CreateUserDto, ['email', 'name', 'locale'] as const) {
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @Trim()
  @IsString()
  @MaxLength(200)
  organisation: string;

  /**
   * The version of the privacy notice the client showed (`/datenschutz`); registering accepts it. When
   * given it must be the current one, so nobody accepts a notice they were not shown.
   */
  @IsOptional()
  @IsString()
  @Equals(PRIVACY_NOTICE_VERSION, {
    message: `privacyNoticeVersion must be the current notice, ${PRIVACY_NOTICE_VERSION}`,
  })
  privacyNoticeVersion?: string;
}

export class LoginDto {
  @TrimLower()
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  /** The second factor, when switched on: the 6-digit TOTP code or a recovery code. */
  @Omittable()
  @IsString()
  @MaxLength(40)
  code?: string;
}

export class LoginResponse {
  accessToken: string;
  expiresAt: string;
}

/** The answer to every accepted registration, new address or known (so it tells nothing). */
export class RegistrationAnswer {
  @ApiProperty({ enum: ['check-your-mail'] })
  status: 'check-your-mail';
  detail: string;
}
