import { HttpException } from '@nestjs/common';

const TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many attempts',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface FieldError {
  field: string;
  messages: string[];
}

/** An error answered as application/problem+json (RFC 9457); `extra` members are added to the body. */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly type = 'about:blank',
  ) {
    super(detail, status);
  }

  get title(): string {
    return TITLES[this.getStatus()] ?? 'Error';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, detail, errors ? { errors } : {});
export const unauthorized = (detail = 'Sign in first.') => new Problem(401, detail);
export const forbidden = (detail = 'Your role may not do this.') => new Problem(403, detail);
/** Unknown or not visible to the caller: the two are never told apart. */
export const notFound = (what = 'Resource') => new Problem(404, `${what} not found.`);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(409, detail, extra);
export const tooLarge = (detail: string) => new Problem(413, detail);
export const unsupportedMediaType = (detail: string) => new Problem(415, detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new Problem(429, detail, { retryAfter: retryAfterSeconds });
