import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '@/users/user.entity';
import type { AuthUser } from './auth-user';

// The public-route marker is declared by the core (common/); re-exported so controllers find every
// access marker here.
export { Public } from '@/common/public-route';

export const REQUIRED_ROLES = 'beirat:roles';

/** The signed-in user needs one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
