import type { deCalls } from './messages-calls-de';

/** English page texts of two-stage calls, questions and budgets (issue 15). */
export const enCalls: Record<keyof typeof deCalls, string> = {
  'next.decidedInvited':
    'The decision is recorded: invited to the full proposal. The applicants get the invitation with the reviewers’ comments by e-mail; the proposal is a draft again.',
  'next.decidedNotInvited':
    'The decision is recorded: not invited. The applicants get the letter with the reviewers’ comments by e-mail.',
};
