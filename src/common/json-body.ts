import type { FastifyBodyParser, FastifyRequest } from 'fastify';
import { problem } from './problem';

/**
 * Limits on the shape of a JSON body, checked on the raw text before it is parsed: every DTO is at
 * most a few levels deep with short arrays, and deeper bodies only exhaust the stack of the code that
 * walks them (class-transformer, class-validator). The body size is limited by Fastify's bodyLimit.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_ARRAY_ITEMS = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Scans the text once, with an explicit stack of open brackets (no recursion): the deepest nesting
 * and, per array, its number of items. Malformed text is left to the parser to refuse.
 */
export function jsonShapeViolation(text: Buffer): string | null {
  // For each open bracket: the commas seen so far in an array (items - 1), -1 for an object.
  const open: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (open.length >= MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
      open.push(c === OPEN_ARRAY ? 0 : -1);
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) open.pop();
    else if (c === COMMA && open.length > 0 && open[open.length - 1] >= 0) {
      if (++open[open.length - 1] >= MAX_JSON_ARRAY_ITEMS)
        return `an array has more than ${MAX_JSON_ARRAY_ITEMS} items`;
    }
  }
  return null;
}

type Done = (error: Error | null, body?: unknown) => void;

/** Wraps Fastify's own JSON parser (which guards against prototype poisoning) with the shape limits. */
export function limitedJsonParser(defaultParser: FastifyBodyParser<string>) {
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    const violation = jsonShapeViolation(body);
    if (violation) {
      done(
        problem(
          'json-too-complex',
          { maxDepth: MAX_JSON_DEPTH, maxItems: MAX_JSON_ARRAY_ITEMS },
          `The JSON body is ${violation}.`,
        ),
      );
      return;
    }
    void defaultParser.call(request.server, request, body.toString('utf8'), done);
  };
}
