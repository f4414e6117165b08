import type { Type } from '@nestjs/common';
import { isProblem, type FieldError } from '@/common/problem';
import { createValidationPipe } from '@/common/validation';
import { NumberFields, refusedNumbers } from './number-input';

const pipe = createValidationPipe();

/**
 * Validates a body built from a form with the API's own DTO and pipe: the same rules, the same errors.
 * Numbers the page could not read (`numbers`) are refused together with the DTO's errors; their own
 * reason replaces the DTO's for the same field.
 */
export async function validated<T extends object>(
  dto: Type<T>,
  body: Record<string, unknown>,
  numbers?: NumberFields,
): Promise<T> {
  const unread = numbers?.errors ?? [];
  let result: T;
  try {
    result = (await pipe.transform(body, { type: 'body', metatype: dto })) as T;
  } catch (error) {
    if (unread.length === 0 || !isProblem(error, 'invalid-input')) throw error;
    const fields = new Set(unread.map((e) => e.field));
    const others = ((error.extra.errors ?? []) as FieldError[]).filter((e) => !fields.has(e.field));
    throw refusedNumbers([...unread, ...others]);
  }
  if (unread.length > 0) throw refusedNumbers(unread);
  return result;
}

/** The posted form as field → string or strings (urlencoded bodies repeat a name for several values). */
export type FormBody = Record<string, string | string[]>;

export function formBody(raw: unknown): FormBody {
  const body: FormBody = {};
  if (!raw || typeof raw !== 'object') return body;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') body[key] = value;
    else if (Array.isArray(value)) body[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return body;
}

export const one = (body: FormBody, name: string): string => {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

export const many = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
};

/**
 * A number the page wrote itself (a version, a select's value): empty → undefined (left out, as the API allows), a number → the number, anything
 * else → the text itself, so the API's validation names the field ("must be an integer number").
 */
export function numberField(value: string): number | string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const n = Number(text.includes('.') ? text : text.replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}

/** Lines of a textarea, trimmed, empty lines dropped. */
export const lines = (value: string): string[] =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
