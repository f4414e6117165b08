import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '@/users/user.entity';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/users/passwords';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Transform(trim)
  @IsString()
  @MaxLength(200)
  organisation: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LoginDto {
  @Transform(trimLower)
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
