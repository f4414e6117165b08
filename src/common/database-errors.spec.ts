import { QueryFailedError } from 'typeorm';
import { databaseProblem } from './database-errors';

const failed = (code: string, message = 'x') =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('databaseProblem', () => {
  it.each([
    ['22P02', 'value-not-storable', 400],
    ['22003', 'value-not-storable', 400],
    ['22008', 'value-not-storable', 400],
    ['23505', 'duplicate-value', 409],
    ['23503', 'reference-conflict', 409],
    ['57P01', 'database-unavailable', 503],
    ['08006', 'database-unavailable', 503],
  ])('SQLSTATE %s is %s', (code, problemCode, status) => {
    const problem = databaseProblem(failed(code));
    expect(problem?.code).toBe(problemCode);
    expect(problem?.getStatus()).toBe(status);
  });

  it('lost and refused connections are 503 with a retry time', () => {
    const refused = databaseProblem(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    expect(refused?.extra).toEqual({ retryAfter: 5 });
    expect(databaseProblem(new Error('Connection terminated unexpectedly'))?.code).toBe(
      'database-unavailable',
    );
  });

  it('leaves every other error to be a 500', () => {
    expect(databaseProblem(failed('42P01'))).toBeNull();
    expect(databaseProblem(new TypeError('x is undefined'))).toBeNull();
    expect(databaseProblem(undefined)).toBeNull();
  });
});
