import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** GET /health: `ok` when every dependency answers; per check `status` up/down and its details. */
@ApiSchema({ name: 'Health' })
export class HealthDoc {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string' } },
      required: ['status'],
      additionalProperties: true,
    },
  })
  checks: Record<string, Record<string, unknown>>;
}
