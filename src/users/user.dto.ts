import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { PageQuery } from '@/common/pagination';
import { Trim, TrimEach, TrimLower } from '@/common/trim';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';
import { LOCALES, ROLES, type Locale, type Role } from './user.entity';

export class CreateUserDto {
  @TrimLower()
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** Omitted: the account is invited, mailed a set-password link, and cannot sign in until it is used. */
  @Omittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password?: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @Omittable()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  expertise?: string[];

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @Omittable()
  @IsBoolean()
  chair?: boolean;

  @Omittable()
  @IsBoolean()
  active?: boolean;
}

/** What the office may change of a user: everything but e-mail and password, each optional. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email', 'password'] as const), {
  skipNullProperties: false,
}) {}

export class ListUsersQuery extends PageQuery {
  @Omittable()
  @IsIn(ROLES)
  role?: Role;

  @Omittable()
  @Type(() => String)
  @IsString()
  @MaxLength(254)
  q?: string;
}

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  organisation: string;
  roles: Role[];
  expertise: string[];
  locale: Locale;
  chair: boolean;
  active: boolean;
  invitationPending: boolean;
  totpEnabled: boolean;
  createdAt: string;
}
