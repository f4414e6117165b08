/**
 * Who fires an event or writes an audit entry, as far as the core needs to know: its id. auth's
 * `AuthUser` satisfies it; the aggregates' `actorsOf` receive their own richer user type.
 */
export interface ActingUser {
  id: string;
}
