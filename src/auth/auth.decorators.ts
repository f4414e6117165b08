// Every access marker a controller uses, in one import. They are declared where the layering allows
// any folder to use them: the public-route marker by the core (common/), the role and user markers by
// the account model (users/); the auth guard reads them all.
export { Public } from '@/common/public-route';
export { CurrentUser, EnrolmentAllowed, Roles } from '@/users/access-markers';
