import { Transform } from 'class-transformer';

// The DTOs' whitespace rules, in one place. Non-strings pass through unchanged so the validators
// still refuse them with their own message.

const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/** A string field arrives without surrounding whitespace. */
export const Trim = () => Transform(({ value }) => trimmed(value));

/** Each string of an array field arrives trimmed. */
export const TrimEach = () => Transform(({ value }) => (Array.isArray(value) ? value.map(trimmed) : value));

/** A string field arrives trimmed and lower-cased (e-mail addresses). */
export const TrimLower = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
