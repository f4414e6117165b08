import { HttpException } from '@nestjs/common';
import { isProblem, notFound, problem, Problem } from './problem';
import { genericCode, PROBLEM_CODE_LIST, PROBLEM_CODES } from './problem-codes';

describe('problems', () => {
  it('take their status from the catalogue and their type from the code', () => {
    const refused = problem('no-quorum', { votes: 1, eligible: 4, required: 2 }, 'No quorum.', { voted: 1 });
    expect(refused).toBeInstanceOf(HttpException);
    expect(refused.getStatus()).toBe(409);
    expect(refused.code).toBe('no-quorum');
    expect(refused.type).toBe('/problems/no-quorum');
    expect(refused.params).toEqual({ votes: 1, eligible: 4, required: 2 });
    expect(refused.extra).toEqual({ voted: 1 });
    expect(notFound('Proposal').getStatus()).toBe(404);
  });

  it('isProblem tells codes apart, not statuses', () => {
    const stale = problem('stale-version', { version: 3 }, 'Changed meanwhile.');
    expect(isProblem(stale, 'stale-version')).toBe(true);
    expect(isProblem(stale, 'wrong-state', 'stale-version')).toBe(true);
    expect(isProblem(stale, 'wrong-state')).toBe(false);
    expect(isProblem(new Error('boom'), 'wrong-state')).toBe(false);
  });

  it('a bare status gets the generic code of that status', () => {
    expect(new Problem(404, 'gone').code).toBe('not-found');
    expect(new Problem(405, 'no').getStatus()).toBe(405);
    expect(new Problem(405, 'no').code).toBe('request-refused');
    for (const status of [400, 401, 403, 404, 409, 413, 415, 429, 500, 503]) {
      expect(PROBLEM_CODES[genericCode(status)].status).toBe(status);
    }
  });

  it('every code has a 4xx or 5xx status and distinct parameter names', () => {
    for (const code of PROBLEM_CODE_LIST) {
      const { status, params } = PROBLEM_CODES[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(new Set(params).size).toBe(params.length);
    }
  });
});
