import { ApiResponse } from '@nestjs/swagger';

/**
 * Documents a response that is a view of a workflow object: its state, version and what the caller
 * may do now. Only these fields are spelled out; the rest of the view is described by `what`.
 */
export function ApiStateView(
  what: string,
  events: readonly string[],
  actions: readonly string[],
  status = 200,
): MethodDecorator {
  return ApiResponse({
    status,
    description: what,
    schema: {
      type: 'object',
      properties: {
        state: { type: 'string' },
        version: { type: 'integer', description: 'Optimistic-locking version (send as expectedVersion).' },
        allowedEvents: {
          type: 'array',
          items: { type: 'string', enum: [...events] },
          description: 'Workflow events this caller may fire now (for buttons).',
        },
        allowedActions: {
          type: 'array',
          items: { type: 'string', enum: [...actions] },
          description:
            'What this caller may do now besides events, from the same rules the services apply ' +
            '(pages show forms by it; the request is still checked when it comes).',
        },
      },
      additionalProperties: true,
    },
  });
}
