import type { Locale, Role } from './user.entity';

/** The signed-in user as every service sees it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  organisation: string;
  expertise: string[];
  locale: Locale;
  chair: boolean;
  /** The TOTP second factor is switched on. */
  totpEnabled: boolean;
}

export const hasRole = (user: AuthUser | null | undefined, role: Role): boolean =>
  !!user && user.roles.includes(role);
