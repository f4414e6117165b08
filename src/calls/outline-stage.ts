import type { Call } from './call.entity';

/**
 * The end of a two-stage call's outline stage: its outline deadline, or earlier when the deadline job
 * already closed the stage (the deadline was moved later behind the job's back). Null: single stage.
 */
export function outlineStageEnd(call: Pick<Call, 'outlineDeadline' | 'outlineClosedAt'>): Date | null {
  const { outlineDeadline: deadline, outlineClosedAt: closed } = call;
  if (!deadline) return null;
  return closed && closed < deadline ? closed : deadline;
}
