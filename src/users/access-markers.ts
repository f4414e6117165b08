import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import type { Role } from './user.entity';

// Declared beside the roles they name, so users/ needs nothing from auth/ (whose guard reads them).

/** Metadata key of `@Roles()`. */
export const REQUIRED_ROLES = 'beirat:roles';

/** The signed-in user needs one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Metadata key of `@EnrolmentAllowed()`. */
export const ENROLMENT_ALLOWED = 'beirat:enrolment-allowed';

/**
 * A route a user may use while their role requires a second factor they have not enrolled yet
 * (REQUIRE_TOTP_FOR): reading oneself, signing out, the enrolment itself.
 */
export const EnrolmentAllowed = () => SetMetadata(ENROLMENT_ALLOWED, true);

/** The signed-in user of the request, as the auth guard resolved it. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
