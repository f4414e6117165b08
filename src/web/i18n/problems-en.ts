import type { ProblemCode } from '@/common/problem-codes';

/**
 * English page texts of the problem codes; `{name}` is a parameter of the code (src/common/problem-codes.ts).
 * Written for people on the pages, not for API clients (they read `detail`).
 */
export const problemsEn: Record<ProblemCode, string> = {
  'invalid-input': 'The input is not valid.',
  'not-signed-in': 'Please sign in.',
  forbidden: 'You may not do this.',
  'not-found': 'This does not exist, or it is not visible to you.',
  conflict: 'This is not possible in the current state.',
  'too-large': 'The request is too large.',
  'unsupported-media-type': 'This format is not accepted.',
  'rate-limited': 'Too many attempts. Please wait a while and try again.',
  'request-refused': 'The request was refused.',
  'internal-error': 'Something went wrong on our side. Please try again later.',
  unavailable: 'The service is unavailable right now. Please try again later.',
  'database-unavailable': 'The database cannot be reached right now. Please try again in a few seconds.',

  'wrong-credentials': 'E-mail address or password is wrong.',
  'forbidden-role': 'Your role may not do this.',
  'cookie-write-needs-json': 'This change is only possible through the pages or with an API token.',
  'csrf-invalid': 'The form has expired. Please reload the page and try again.',
  'conflict-of-interest': 'You have a conflict of interest with this proposal.',
  'not-assignee': 'Only the assigned reviewer works on this review.',
  'comments-after-decision': 'You receive the comments of the reviews with the decision.',

  'json-too-complex':
    'The request is nested too deeply (more than {maxDepth} levels) or has a list of more than {maxItems} entries.',
  'malformed-multipart': 'The upload arrived incomplete or malformed. Please send the file again.',
  'value-not-storable': 'A value is out of range or in a format that cannot be stored.',
  'invalid-cursor': 'The page position is not valid. Please reload the list.',
  'unknown-event': 'There is no action "{event}".',
  'reason-required': '"{event}" needs a reason.',
  'unknown-topics': 'These topics do not belong to the call: {topics}.',
  'unknown-user': 'There is no such account.',
  'not-board-member': 'Conflicts of interest are declared for reviewers and steering members.',
  'reviewer-unknown': 'There is no such reviewer.',
  'reviewer-inactive': 'This account is not active.',
  'reviewer-lacks-role': 'This account does not have the reviewer role.',
  'due-in-past': 'The due date must lie in the future.',
  'review-fields-missing': 'The review is not complete yet: {missing}.',
  'rationale-required': 'A decision against the majority needs a rationale.',
  'funding-only-for-approval': 'Only an approval grants funding.',
  'funding-required': 'An approval needs the granted funding.',
  'funding-exceeds-request': 'The granted funding (€{granted}) exceeds the requested funding (€{requested}).',

  'file-required': 'Please choose a PDF file.',
  'file-empty': 'The file is empty.',
  'multipart-required': 'Please upload the PDF file through the form.',
  'not-a-pdf': 'Only PDF files are accepted; this file is not a PDF.',
  'file-too-large': 'A PDF file may be at most {maxMiB} MiB.',
  'too-many-attachments': 'A proposal has at most {max} attachments.',

  'wrong-state': 'This is not possible while the state is "{state}".',
  'event-not-allowed': '"{event}" is not possible while the state is "{state}".',
  'stale-version': 'Someone else changed this meanwhile (version {version}). Please reload the page.',
  'not-editable': 'The proposal can no longer be changed while it is "{state}".',
  'review-not-writable': 'The review cannot be changed while it is "{state}".',
  'call-archived': 'The call is archived.',
  'fixed-once-open': 'These can only change while the call is a draft: {fields}.',
  'call-not-accepting': 'The call does not take new proposals.',
  'duplicate-value': 'This value exists already and must be unique.',
  'reference-conflict': 'This refers to something that does not exist, or is still in use.',
  'email-taken': 'An account with this e-mail address exists already.',
  'last-office-user': 'The last active office account keeps the office role.',
  'conflict-declared': 'This conflict of interest is declared already.',
  'bid-conflicted': 'You have a conflict of interest with this proposal and do not bid on it.',
  'reviewer-conflicted': 'The reviewer has a conflict of interest with this proposal.',
  'declined-earlier': 'The reviewer declined this proposal earlier in this round.',
  'already-assigned': 'The reviewer is assigned to this proposal already.',
  'preview-stale': 'Something changed since the preview. Please preview again.',
  'round-decided': 'This round is decided; its votes can no longer change.',
  'mail-in-flight': 'The e-mail is still on its way; wait until it is sent before sending it again.',
  'no-quorum': 'No quorum: {votes} of {eligible} steering members voted; at least {required} must.',
  'majority-differs':
    'The steering majority proposes "{majority}". To decide otherwise, confirm the deviation and give a rationale.',
  'no-majority': 'The votes give no majority. To decide, confirm the deviation and give a rationale.',

  'call-not-open': 'The call is not open for submissions.',
  'deadline-passed': 'The submission deadline of the call has passed.',
  'deadline-in-past': 'The submission deadline lies in the past.',
  'proposal-incomplete': 'Before submitting, the proposal still needs {missing}.',
  'revision-period-ended': 'The revision period has ended.',
  'too-few-reviews':
    'Review can close early only with at least {required} submitted reviews ({submitted} so far).',
  'proposal-not-taking-reviewers': 'The proposal is "{state}"; it no longer takes reviewers.',
  'proposal-not-in-review': 'The proposal is "{state}", not in review; its reviews are closed.',
  'review-incomplete': 'The review is not complete yet: {missing}.',
};

/** English words for list items in parameters (missing parts of a proposal or review). */
export const termsEn: Record<string, string> = {
  title: 'a title',
  abstract: 'an abstract',
  topic: 'at least one topic',
  pdf: 'at least one PDF attachment',
  commentToApplicant: 'the comment to the applicant',
  score: 'the score "{key}"',
  rubric: 'rubric',
  topics: 'topics',
  reviewsPerProposal: 'reviews per proposal',
};
