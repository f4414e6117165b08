import { Problem, problem } from './problem';

// busboy (under @fastify/multipart) reports a malformed or cut-short body as plain Errors, known
// only by their messages; they are the client's fault wherever a route reads its parts.
const MALFORMED_MULTIPART = [
  'Multipart: Boundary not found',
  'Unexpected end of multipart data',
  'terminated early due to unexpected end of multipart data',
  'Malformed part header',
  'Unexpected end of form',
];

/** A malformed multipart body as a 400, or null for any other error. */
export function multipartProblem(exception: unknown): Problem | null {
  if (!(exception instanceof Error) || exception instanceof Problem) return null;
  if (!MALFORMED_MULTIPART.some((message) => exception.message.includes(message))) return null;
  return problem('malformed-multipart', {}, 'The multipart body is malformed or incomplete; send it again.');
}
