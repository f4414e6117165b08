import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PROBLEM_CODE_LIST } from './problem-codes';

/** One field's refusals in a 400 (`errors`). */
@ApiSchema({ name: 'FieldError' })
export class FieldErrorDoc {
  field: string;
  @ApiProperty({ type: [String] })
  messages: string[];
}

/** The body of every refusal, application/problem+json (RFC 9457), for the OpenAPI document. */
@ApiSchema({ name: 'Problem' })
export class ProblemDoc {
  /** `/problems/<code>`. */
  type: string;
  /** Short English title of the status. */
  title: string;
  status: number;
  /** English prose for people; clients branch on `code`. */
  detail: string;
  /** The request path. */
  instance: string;
  @ApiProperty({ enum: PROBLEM_CODE_LIST, description: 'What was refused (docs/PROBLEMS.md).' })
  code: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
    },
    description: 'The values of the code that matter (names per code in docs/PROBLEMS.md).',
  })
  params: Record<string, string | number | string[]>;
  @ApiPropertyOptional({ type: [FieldErrorDoc], description: 'Per field, on invalid input.' })
  errors?: FieldErrorDoc[];
  /** The current state, on conflicts with it. */
  state?: string;
  /** The current version, on stale-version. */
  version?: number;
  /** Seconds to wait, on 429 (also the Retry-After header). */
  retryAfter?: number;
}
