import {
  IsArray,
  ArrayMaxSize,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  IsEmail,
} from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { Trim, TrimEach, TrimLower } from '@/common/trim';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/users/passwords';
import { LOCALES, type Locale } from '@/users/user.entity';

export class PasswordResetRequestDto {
  @TrimLower()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  /** The token of the mailed link (invitation or reset): 43 base64url characters. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the 43 characters of the mailed link' })
  token: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword: string;
}

/** What everyone may change of themselves; expertise only board members (reviewer, steering). */
export class UpdateMeDto {
  @Omittable()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @Omittable()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  expertise?: string[];
}

export class TotpCodeDto {
  /** The 6-digit code of the authenticator app (or, to switch it off, a recovery code). */
  @IsString()
  @MinLength(6)
  @MaxLength(40)
  code: string;
}

export class TotpEnrolment {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
}

export class RecoveryCodes {
  /** Ten codes, each good for one sign-in without the app; shown this once. */
  recoveryCodes: string[];
}
