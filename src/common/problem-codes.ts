/**
 * The one catalogue of refusals: every problem the service answers has a code listed here, with its
 * HTTP status and the names of its structured parameters. Pages and docs render a code from this
 * list (German and English texts in src/web/i18n/problems-*.ts); a code missing here does not compile.
 */
export const PROBLEM_CODES = {
  // Generic: any status without a more precise code (framework errors, unknown routes, bad JSON).
  'invalid-input': { status: 400, params: [] },
  'not-signed-in': { status: 401, params: [] },
  forbidden: { status: 403, params: [] },
  'not-found': { status: 404, params: [] },
  conflict: { status: 409, params: [] },
  'too-large': { status: 413, params: [] },
  'unsupported-media-type': { status: 415, params: [] },
  'rate-limited': { status: 429, params: [] },
  'request-refused': { status: 400, params: [] },
  'internal-error': { status: 500, params: [] },
  unavailable: { status: 503, params: [] },
  'database-unavailable': { status: 503, params: [] },

  // Sign-in and roles.
  'wrong-credentials': { status: 401, params: [] },
  // Privacy (issue 18).
  'erasure-of-self': { status: 409, params: [] },
  'already-erased': { status: 409, params: [] },
  'forbidden-role': { status: 403, params: [] },
  'cookie-write-needs-json': { status: 403, params: [] },
  'cross-origin-write': { status: 403, params: [] },
  'json-body-required': { status: 415, params: [] },
  'csrf-invalid': { status: 403, params: [] },
  'conflict-of-interest': { status: 403, params: [] },
  'not-assignee': { status: 403, params: [] },
  'comments-after-decision': { status: 403, params: [] },

  // Input that no field rule catches.
  'json-too-complex': { status: 400, params: ['maxDepth', 'maxItems'] },
  'malformed-multipart': { status: 400, params: [] },
  'value-not-storable': { status: 400, params: [] },
  'invalid-cursor': { status: 400, params: [] },
  'unknown-event': { status: 400, params: ['event'] },
  'event-not-on-events-route': { status: 404, params: ['event'] },
  'reason-required': { status: 400, params: ['event'] },
  'unknown-topics': { status: 400, params: ['topics'] },
  'unknown-user': { status: 400, params: [] },
  'not-board-member': { status: 400, params: [] },
  'reviewer-unknown': { status: 400, params: [] },
  'reviewer-inactive': { status: 400, params: [] },
  'reviewer-lacks-role': { status: 400, params: [] },
  'due-in-past': { status: 400, params: [] },
  'review-fields-missing': { status: 400, params: ['missing'] },
  'rationale-required': { status: 400, params: [] },
  'funding-only-for-approval': { status: 400, params: [] },
  'funding-required': { status: 400, params: [] },
  'funding-exceeds-request': { status: 400, params: ['granted', 'requested'] },

  // Organisation registry.
  'organisation-unknown': { status: 400, params: [] },
  'organisation-name-taken': { status: 409, params: ['name'] },
  'organisation-parent-cycle': { status: 409, params: [] },
  'organisation-has-children': { status: 409, params: [] },
  'organisation-merge-into-self': { status: 400, params: [] },
  'competitor-self': { status: 400, params: [] },
  'competitor-declared': { status: 409, params: [] },
  'personal-conflict-declared': { status: 409, params: [] },

  // Files.
  'file-required': { status: 400, params: [] },
  'file-empty': { status: 400, params: [] },
  'multipart-required': { status: 415, params: [] },
  'not-a-pdf': { status: 415, params: [] },
  'file-too-large': { status: 413, params: ['maxMiB'] },
  'too-many-attachments': { status: 409, params: ['max'] },

  // State and versions.
  'wrong-state': { status: 409, params: ['state'] },
  'event-not-allowed': { status: 409, params: ['event', 'state'] },
  'stale-version': { status: 409, params: ['version'] },
  'not-editable': { status: 409, params: ['state'] },
  'review-not-writable': { status: 409, params: ['state'] },
  'call-archived': { status: 409, params: [] },
  'fixed-once-open': { status: 409, params: ['fields'] },
  'call-not-accepting': { status: 409, params: [] },
  'email-taken': { status: 409, params: [] },
  'duplicate-value': { status: 409, params: [] },
  'reference-conflict': { status: 409, params: [] },
  'last-office-user': { status: 409, params: [] },
  'conflict-declared': { status: 409, params: [] },
  'bid-conflicted': { status: 409, params: [] },
  'reviewer-conflicted': { status: 409, params: [] },
  'declined-earlier': { status: 409, params: [] },
  'already-assigned': { status: 409, params: [] },
  'preview-stale': { status: 409, params: [] },
  'round-decided': { status: 409, params: [] },
  'mail-in-flight': { status: 409, params: [] },
  'no-quorum': { status: 409, params: ['votes', 'eligible', 'required'] },
  'majority-differs': { status: 409, params: ['majority'] },
  'no-majority': { status: 409, params: [] },

  // Steering meetings and the written procedure (DESIGN §13).
  'member-conflicted': { status: 409, params: [] },
  'counts-exceed-present': { status: 400, params: ['present'] },
  'not-on-agenda': { status: 400, params: ['proposals'] },
  'not-present': { status: 409, params: [] },
  'no-result-recorded': { status: 409, params: [] },
  'item-decided': { status: 409, params: [] },
  'voting-closed': { status: 409, params: ['closedAt'] },

  // Guard reasons of the transition tables.
  'call-not-open': { status: 409, params: [] },
  'deadline-passed': { status: 409, params: [] },
  'deadline-in-past': { status: 409, params: [] },
  'proposal-incomplete': { status: 409, params: ['missing'] },
  'revision-period-ended': { status: 409, params: [] },
  'too-few-reviews': { status: 409, params: ['required', 'submitted'] },
  'proposal-not-taking-reviewers': { status: 409, params: ['state'] },
  'proposal-not-in-review': { status: 409, params: ['state'] },
  'review-incomplete': { status: 409, params: ['missing'] },
  'consensus-period-running': { status: 409, params: ['until'] },
  'letter-released': { status: 409, params: [] },

  // Accounts: links, passwords, second factor (issue 14).
  'token-invalid': { status: 400, params: [] },
  'current-password-wrong': { status: 400, params: [] },
  'password-already-set': { status: 409, params: [] },
  'totp-required': { status: 401, params: [] },
  'totp-invalid': { status: 401, params: [] },
  'totp-code-wrong': { status: 400, params: [] },
  'totp-unavailable': { status: 409, params: [] },
  'totp-not-started': { status: 409, params: [] },
  'totp-already-enabled': { status: 409, params: [] },
  'totp-not-enabled': { status: 409, params: [] },
  'totp-enrolment-required': { status: 403, params: [] },
  // Stages, questions and budgets (issue 15).
  'answer-required': { status: 409, params: ['questions'] },
  'outcome-not-for-stage': { status: 400, params: ['outcome', 'stage'] },
  'vote-not-for-stage': { status: 400, params: ['vote', 'stage'] },
  'stage-not-reached': { status: 404, params: [] },
  'outline-pdf-limit': { status: 400, params: ['maxFiles', 'maxPages'] },
  'funding-derived': { status: 400, params: [] },
} as const satisfies Record<string, { status: number; params: readonly string[] }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** A parameter value: a number, a word (state, event, …) or a list of words (missing fields, …). */
export type ProblemParamValue = string | number | readonly string[];

/** The parameters a code takes, exactly: `{ votes, required }` for `no-quorum`, `{}` for `not-found`. */
export type ProblemParams<C extends ProblemCode> = {
  [K in (typeof PROBLEM_CODES)[C]['params'][number]]: ProblemParamValue;
};

export const PROBLEM_CODE_LIST = Object.keys(PROBLEM_CODES) as ProblemCode[];

/** The RFC 9457 `type` of a code: a relative URI reference, documented in docs/PROBLEMS.md. */
export const problemType = (code: ProblemCode): string => `/problems/${code}`;

const GENERIC_BY_STATUS: Record<number, ProblemCode> = {
  400: 'invalid-input',
  401: 'not-signed-in',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  500: 'internal-error',
  503: 'unavailable',
};

/** The code of an error that brings only a status (framework errors): generic, never more precise. */
export function genericCode(status: number): ProblemCode {
  return GENERIC_BY_STATUS[status] ?? (status < 500 ? 'request-refused' : 'internal-error');
}
