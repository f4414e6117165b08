import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim, TrimLower } from '@/common/trim';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/users/passwords';
import { LOCALES, type Locale } from '@/users/user.entity';

export class RegisterDto {
  @TrimLower()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Trim()
  @IsString()
  @MaxLength(200)
  organisation: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LoginDto {
  @TrimLower()
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class LoginResponse {
  accessToken: string;
  expiresAt: string;
}

/** The answer to every accepted registration, new address or known (so it tells nothing). */
export class RegistrationAnswer {
  status: 'check-your-mail';
  detail: string;
}
