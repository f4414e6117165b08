import { SetMetadata } from '@nestjs/common';

/** Metadata key of `@Public()`; the global auth guard reads it. */
export const IS_PUBLIC = 'beirat:public';

/**
 * The route needs no sign-in. Declared in the core so that core controllers (health) open a route
 * without knowing auth/; auth's guard reads the marker.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
