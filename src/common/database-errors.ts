import { Problem, problem } from './problem';

/** Seconds a client should wait before retrying while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE codes that mean the value sent was wrong (PostgreSQL appendix A); they reach the database
// only where no DTO rule caught them, and are the caller's fault, not the server's.
const BAD_VALUE = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire
  '22P02', // invalid_text_representation
  '22P05', // untranslatable_character
  '23502', // not_null_violation
  '23514', // check_violation
]);
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

// Lost or refused connections: class 08, shutdown / not accepting / too many connections.
const UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const LOST_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not currently accepting connections',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

interface DriverError {
  code?: unknown;
  message?: unknown;
  driverError?: DriverError;
}

/** The database's answer to a failed statement as a refusal, or null when it is a real server error. */
export function databaseProblem(exception: unknown): Problem | null {
  if (!exception || typeof exception !== 'object') return null;
  const error = exception as DriverError;
  const driver = error.driverError ?? error;
  const code = typeof driver.code === 'string' ? driver.code : '';
  const message = typeof driver.message === 'string' ? driver.message : '';
  if (BAD_VALUE.has(code))
    return problem(
      'value-not-storable',
      {},
      'A value of the request cannot be stored; check its range and format.',
    );
  if (code === UNIQUE_VIOLATION)
    return problem('duplicate-value', {}, 'A value of the request exists already where it must be unique.');
  if (code === FOREIGN_KEY_VIOLATION)
    return problem(
      'reference-conflict',
      {},
      'The request refers to a record that does not exist or is still referred to.',
    );
  if (
    code.startsWith('08') ||
    UNAVAILABLE.has(code) ||
    NETWORK_ERRORS.has(code) ||
    LOST_CONNECTION_MESSAGES.some((m) => message.includes(m))
  )
    return problem(
      'database-unavailable',
      {},
      'The database cannot be reached at the moment; try again shortly.',
      {
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      },
    );
  return null;
}
