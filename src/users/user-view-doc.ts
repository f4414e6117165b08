import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import type { AuthUser } from './auth-user';
import type { UserView } from './user.dto';
import { LOCALES, type Locale, ROLES, type Role } from './user.entity';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

/** The signed-in user (GET /api/me). */
@ApiSchema({ name: 'AuthUser' })
export class AuthUserDoc implements AuthUser {
  id: string;
  email: string;
  name: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
  organisation: string;
  @ApiProperty({ type: [String] })
  expertise: string[];
  @ApiProperty({ enum: LOCALES })
  locale: Locale;
  chair: boolean;
  totpEnabled: boolean;
}

/** A user as the API shows it: never the password hash. */
@ApiSchema({ name: 'UserView' })
export class UserViewDoc implements UserView {
  id: string;
  email: string;
  name: string;
  organisation: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
  @ApiProperty({ type: [String] })
  expertise: string[];
  @ApiProperty({ enum: LOCALES })
  locale: Locale;
  chair: boolean;
  active: boolean;
  /** Invited, and the password is not set yet (the invitation can be resent). */
  invitationPending: boolean;
  totpEnabled: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export const UserPageDoc = PageDoc(UserViewDoc, 'UserPage');
