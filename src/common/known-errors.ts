import { databaseProblem } from './database-errors';
import { multipartProblem } from './multipart-errors';
import type { Problem } from './problem';

/**
 * Errors of the database and of the multipart parser that stem from the request (or from a lost
 * database), not from a bug: the refusal they stand for, or null. Both exception filters use it.
 */
export const knownProblem = (exception: unknown): Problem | null =>
  databaseProblem(exception) ?? multipartProblem(exception);
