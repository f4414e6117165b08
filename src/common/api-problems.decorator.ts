import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CODES, PROBLEM_CODE_LIST } from './problem-codes';
import { statusTitle } from './problem';
import { ProblemDoc } from './problem-doc';

const codesOf = (status: number) => PROBLEM_CODE_LIST.filter((code) => PROBLEM_CODES[code].status === status);

/**
 * Documents the refusals a route can answer: per status, application/problem+json with the problem
 * schema and `code` narrowed to the catalogue's codes of that status (every code of the status, not
 * only those this route raises: exact lists per route would drift from the services).
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDoc),
    ...statuses.map((status) => {
      const codes = codesOf(status);
      return ApiResponse({
        status,
        description: `${statusTitle(status)}: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
        content: {
          'application/problem+json': {
            schema: {
              allOf: [
                { $ref: getSchemaPath(ProblemDoc) },
                { type: 'object', properties: { status: { enum: [status] }, code: { enum: codes } } },
              ],
            },
          },
        },
      });
    }),
  );
}
