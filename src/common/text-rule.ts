import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { FieldError, invalidInput } from './problem';

// NUL cannot be stored in a PostgreSQL text column, and a lone surrogate is not UTF-8 at all:
// either would fail deep in the database, so no string of any request may carry them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const FORBIDDEN_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * The paths of every string (keys included) in `value` that carries a forbidden character, walked
 * with an explicit stack so that no input can overflow the call stack.
 */
export function forbiddenTextFields(value: unknown, root: string): string[] {
  const found: string[] = [];
  const pending: Array<[unknown, string]> = [[value, root]];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (FORBIDDEN.test(item)) found.push(path);
    } else if (Array.isArray(item)) {
      item.forEach((child, i) => pending.push([child, `${path}[${i}]`]));
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (FORBIDDEN.test(key)) found.push(childPath);
        else pending.push([child, childPath]);
      }
    }
  }
  return found.reverse();
}

/** Refuses a request whose body, query or path parameters carry a forbidden character: 400 at the field. */
export function checkRequestText(request: Pick<FastifyRequest, 'body' | 'query' | 'params'>): void {
  const fields = [
    ...forbiddenTextFields(request.params, ''),
    ...forbiddenTextFields(request.query, ''),
    ...forbiddenTextFields(request.body, ''),
  ];
  if (fields.length === 0) return;
  const errors: FieldError[] = fields.map((field) => ({ field, messages: [FORBIDDEN_TEXT_MESSAGE] }));
  throw invalidInput(fields.map((field) => `${field}: ${FORBIDDEN_TEXT_MESSAGE}`).join('; '), errors);
}

/**
 * Applies the rule to every route, before any pipe or handler; as an interceptor (not a Fastify
 * hook) so that page routes answer the refusal through their own exception filter.
 */
@Injectable()
export class TextRuleInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    checkRequestText(context.switchToHttp().getRequest<FastifyRequest>());
    return next.handle();
  }
}
