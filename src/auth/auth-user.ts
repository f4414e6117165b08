// The signed-in user is part of the account model (users/ builds it from the User row); re-exported
// here because every service reaches it as auth's user.
export { type AuthUser, hasRole } from '@/users/auth-user';
