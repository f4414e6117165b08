import { HttpException } from '@nestjs/common';
import {
  genericCode,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemParams,
  type ProblemParamValue,
  problemType,
} from './problem-codes';

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

export const statusTitle = (status: number): string => TITLES[status] ?? 'Error';

export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * An error answered as application/problem+json (RFC 9457). `code` (from the catalogue) says what
 * was refused, `params` the values that matter, `detail` the English sentence for API users; `extra`
 * members are added to the body as they are (state, version, errors, …).
 */
export class Problem extends HttpException {
  readonly code: ProblemCode;

  /** A bare status (errors of the framework) gets the generic code of that status. */
  constructor(
    codeOrStatus: ProblemCode | number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly params: Readonly<Record<string, ProblemParamValue>> = {},
  ) {
    const code = typeof codeOrStatus === 'number' ? genericCode(codeOrStatus) : codeOrStatus;
    super(detail, typeof codeOrStatus === 'number' ? codeOrStatus : PROBLEM_CODES[code].status);
    this.code = code;
  }

  get type(): string {
    return problemType(this.code);
  }

  get title(): string {
    return statusTitle(this.getStatus());
  }
}

/** The one way to refuse: a code of the catalogue with exactly its parameters. */
export function problem<C extends ProblemCode>(
  code: C,
  params: ProblemParams<C>,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return new Problem(code, detail, extra, params);
}

/** Workers and pages branch on the code, never on the HTTP status. */
export function isProblem(error: unknown, ...codes: ProblemCode[]): error is Problem {
  return error instanceof Problem && codes.includes(error.code);
}

/** Bad input with one entry per field (validation pipe, service-side field checks). */
export const invalidInput = (detail: string, errors: FieldError[]) =>
  problem('invalid-input', {}, detail, { errors });
export const unauthorized = (detail = 'Sign in first.') => problem('not-signed-in', {}, detail);
/** Unknown or not visible to the caller: the two are never told apart. */
export const notFound = (what = 'Resource') => problem('not-found', {}, `${what} not found.`);
