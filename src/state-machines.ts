import { callMachine } from '@/calls/call-transitions';
import { meetingMachine } from '@/meetings/meeting-transitions';
import { proposalMachine } from '@/proposals/proposal-transitions';
import { assignmentMachine } from '@/review/assignment-transitions';
import type { AnyMachine } from '@/workflow/state-diagrams';

/** The machines whose diagrams docs/STATE-MACHINES.md shows, in reading order. */
export const DOCUMENTED_MACHINES: AnyMachine[] = [
  proposalMachine,
  assignmentMachine,
  callMachine,
  meetingMachine,
];
