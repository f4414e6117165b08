/**
 * What every table holds about people (DSGVO Art. 15/20/30): per table, the columns that describe a
 * person (`personal`), those that do not (`other`: ids, states, numbers, times of the workflow), those
 * kept but never handed out even to their owner (`secret`: hashes of passwords and tokens), and how to
 * find the rows of one user (`rowsOf`: an SQL condition on the alias `t` with the parameter
 * `:userId`; null when no row belongs to a person).
 *
 * Keyed by table name, so this file imports no entity: a new entity is one more entry here, and
 * test/privacy-export.e2e-spec.ts fails naming every table or column of `ENTITIES` that is missing
 * (or named here but gone). `GET /api/me/export` is derived from this list.
 */
export interface PersonalDataDeclaration {
  /** Describe a person: exported, pseudonymised or emptied on erasure where shown. */
  personal: readonly string[];
  /** Stored with the person's rows but not about a person by themselves. */
  other: readonly string[];
  /** Stored, never exported (hashes of secrets). */
  secret?: readonly string[];
  /** The rows of `:userId`, an SQL condition on alias `t`; null: no row belongs to a person. */
  rowsOf: string | null;
  /** Why the table holds what it holds and how long (docs/PRIVACY.md repeats it). */
  purpose: string;
  /** `delete`: the person's rows are deleted on erasure (links, second factors, tokens); default: kept. */
  onErasure?: 'delete';
}

const ownProposals = 't.proposal_id IN (SELECT id FROM proposals WHERE applicant_id = :userId)';

export const PERSONAL_DATA: Readonly<Record<string, PersonalDataDeclaration>> = {
  users: {
    personal: ['email', 'name', 'organisation', 'organisationKey', 'expertise', 'locale'],
    other: [
      'id',
      'roles',
      'chair',
      'active',
      'emailConfirmedAt',
      'createdAt',
      'updatedAt',
      'totpEnabled',
      'totpLastStep',
    ],
    secret: ['passwordHash', 'totpSecret', 'totpRecoveryHashes'],
    rowsOf: 't.id = :userId',
    purpose: 'the account; kept while it is used, pseudonymised on erasure',
  },
  sessions: {
    personal: ['createdAt', 'expiresAt', 'revokedAt'],
    other: ['id', 'userId'],
    secret: ['tokenHash'],
    rowsOf: 't.user_id = :userId',
    purpose: 'sign-in sessions; ended on erasure',
  },
  email_confirmations: {
    personal: ['createdAt', 'expiresAt', 'usedAt'],
    other: ['id', 'userId'],
    secret: ['tokenHash'],
    rowsOf: 't.user_id = :userId',
    purpose: 'address confirmation links; deleted on erasure',
    onErasure: 'delete',
  },
  account_tokens: {
    personal: ['purpose', 'expiresAt', 'usedAt', 'createdAt'],
    other: ['id', 'userId'],
    secret: ['tokenHash'],
    rowsOf: 't.user_id = :userId',
    purpose: 'invitation and password-reset links; deleted on erasure',
    onErasure: 'delete',
  },
  reviewer_capacities: {
    personal: ['maxLoad', 'updatedAt'],
    other: ['callId', 'userId'],
    rowsOf: 't.user_id = :userId',
    purpose: 'how many proposals a reviewer takes in a call',
  },
  organisations: {
    personal: [],
    other: [
      'id',
      'name',
      'aliases',
      'parentId',
      'groupId',
      'kind',
      'city',
      'inRegion',
      'employees',
      'turnoverEur',
      'balanceSheetEur',
      'expertise',
      'createdAt',
      'updatedAt',
    ],
    rowsOf: null,
    purpose: 'the organisation registry (companies and institutes, not people)',
  },
  organisation_keys: {
    personal: [],
    other: ['key', 'organisationId', 'groupId'],
    rowsOf: null,
    purpose: 'name keys of the registry',
  },
  organisation_competitors: {
    personal: [],
    other: ['organisationId', 'competitorId', 'createdAt'],
    rowsOf: null,
    purpose: 'competitor pairs of organisations',
  },
  personal_conflicts: {
    personal: ['reason', 'createdAt'],
    other: ['id', 'userId', 'organisationId', 'declaredBy'],
    rowsOf: 't.user_id = :userId',
    purpose: 'a member’s conflicts with an organisation',
  },
  privacy_consents: {
    personal: ['noticeVersion', 'consentedAt'],
    other: ['id', 'userId'],
    rowsOf: 't.user_id = :userId',
    purpose: 'which privacy notice the person accepted at registration, and when',
  },
  erasure_requests: {
    personal: ['requestedAt', 'executedAt', 'reason', 'pseudonym'],
    other: ['id', 'userId', 'executedBy', 'state'],
    rowsOf: 't.user_id = :userId',
    purpose: 'the record of an erasure (kept: proof that the right was honoured)',
  },
  accessibility_feedback: {
    personal: ['message', 'contact'],
    other: ['id', 'locale', 'createdAt'],
    rowsOf: null,
    purpose: 'feedback on accessibility, anonymous unless a contact is given; mailed to the office',
  },
  retention_purges: {
    personal: [],
    other: ['proposalId', 'kind', 'attachmentCount', 'purgedAt'],
    rowsOf: null,
    purpose: 'which proposals the retention job purged, and when',
  },
  calls: {
    personal: [],
    other: [
      'id',
      'title',
      'description',
      'topics',
      'opensAt',
      'submissionDeadline',
      'reviewsPerProposal',
      'minReviews',
      'maxLoadPerReviewer',
      'reviewPeriodDays',
      'revisionPeriodDays',
      'steeringMeetingAt',
      'votingClosesAt',
      'consensus',
      'consensusPeriodDays',
      'budgetEur',
      'releaseDecisions',
      'procedure',
      'outlineDeadline',
      'outlineClosedAt',
      'fullProposalDeadline',
      'outlineReviews',
      'outlineRubric',
      'questions',
      'maxFundingRate',
      'maxSubcontractShare',
      'rubric',
      'state',
      'version',
      'createdAt',
      'updatedAt',
    ],
    rowsOf: null,
    purpose: 'calls for proposals; no personal data',
  },
  proposals: {
    personal: ['title', 'acronym', 'abstract', 'partners', 'partnerKeys', 'answers'],
    other: [
      'id',
      'callId',
      'applicantId',
      'topics',
      'requestedFundingEur',
      'durationMonths',
      'round',
      'state',
      'version',
      'submittedAt',
      'revisionDeadline',
      'stage',
      'hasOutline',
      'createdAt',
      'updatedAt',
    ],
    rowsOf: 't.applicant_id = :userId',
    purpose: 'the applicant’s proposals; kept for the retention period after the decision',
  },
  attachments: {
    personal: ['filename', 'sizeBytes', 'sha256'],
    other: ['id', 'proposalId', 'uploadedBy', 'createdAt'],
    secret: ['storageKey'],
    rowsOf: `(${ownProposals} OR t.uploaded_by = :userId)`,
    purpose: 'uploaded PDFs; deleted with the proposal’s retention period',
  },
  audit_events: {
    personal: ['at', 'action', 'entityType', 'entityId', 'fromState', 'toState', 'data'],
    other: ['seq', 'actorId'],
    rowsOf: 't.actor_id = :userId',
    purpose: 'who did what when (append-only); holds ids, never names or addresses',
  },
  outbox: {
    personal: [],
    other: ['id', 'kind', 'payload', 'createdAt', 'dispatchedAt'],
    rowsOf: null,
    purpose: 'side effects waiting to run; payloads carry ids only',
  },
  conflicts: {
    personal: ['reason', 'createdAt'],
    other: ['id', 'proposalId', 'userId', 'declaredBy'],
    rowsOf: 't.user_id = :userId',
    purpose: 'conflicts of interest of board and steering members',
  },
  bids: {
    personal: ['bid', 'updatedAt'],
    other: ['proposalId', 'reviewerId'],
    rowsOf: 't.reviewer_id = :userId',
    purpose: 'reviewers’ preferences',
  },
  assignments: {
    personal: ['declineReason', 'respondedAt', 'dueAt', 'state'],
    other: ['id', 'proposalId', 'reviewerId', 'round', 'version', 'createdAt', 'updatedAt'],
    rowsOf: 't.reviewer_id = :userId',
    purpose: 'which reviewer reviews which proposal',
  },
  reviews: {
    personal: ['commentToApplicant', 'confidentialComment', 'submittedAt'],
    other: ['id', 'assignmentId', 'createdAt', 'updatedAt'],
    rowsOf: 't.assignment_id IN (SELECT id FROM assignments WHERE reviewer_id = :userId)',
    purpose: 'reviews the person wrote',
  },
  review_scores: {
    personal: ['score'],
    other: ['reviewId', 'criterionKey'],
    rowsOf:
      't.review_id IN (SELECT r.id FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.reviewer_id = :userId)',
    purpose: 'the scores of those reviews',
  },
  action_tokens: {
    personal: ['purpose', 'expiresAt', 'usedAt', 'createdAt'],
    other: ['id', 'userId', 'assignmentId'],
    secret: ['tokenHash'],
    rowsOf: 't.user_id = :userId',
    purpose: 'one-click answer links of invitations; deleted on erasure',
    onErasure: 'delete',
  },
  meetings: {
    personal: ['present'],
    other: [
      'id',
      'title',
      'startsAt',
      'location',
      'callIds',
      'agenda',
      'icsSequence',
      'state',
      'version',
      'minutesSha256',
      'minutesApprovedAt',
      'createdAt',
      'updatedAt',
    ],
    // The frozen minutes name the members present; they are the steering group's record (kept, not
    // rewritten on erasure) and too large for the JSON export, which carries their sha256.
    secret: ['minutesPdf'],
    rowsOf: ':userId = ANY(t.present)',
    purpose:
      'steering meetings and who attended; the approved minutes are kept as the record of the decisions',
  },
  meeting_items: {
    personal: [],
    other: [
      'meetingId',
      'proposalId',
      'round',
      'approve',
      'reject',
      'revise',
      'abstain',
      'presentEligible',
      'eligible',
      'recordedBy',
      'recordedAt',
      'decisionId',
    ],
    rowsOf: 't.recorded_by = :userId',
    purpose: 'vote counts per agenda item of a meeting (numbers, no names); who recorded them',
  },
  voting_results: {
    personal: [],
    other: [
      'id',
      'callId',
      'proposalId',
      'round',
      'closesAt',
      'eligibleVoters',
      'voted',
      'required',
      'quorumReached',
      'tally',
      'proposedOutcome',
      'recordedAt',
    ],
    rowsOf: null,
    purpose: 'the quorum counted when a written procedure closes (numbers, no names)',
  },
  consensus_reports: {
    personal: ['scores', 'commentToApplicant', 'submittedAt', 'finalizedAt'],
    other: ['id', 'proposalId', 'round', 'state', 'rapporteurId', 'createdAt'],
    rowsOf: 't.rapporteur_id = :userId',
    purpose: 'consensus reports of the reviewers of a round; drafted by the rapporteur',
  },
  consensus_signatures: {
    personal: ['agree', 'minorityView', 'signedAt'],
    other: ['reportId', 'reviewerId'],
    rowsOf: 't.reviewer_id = :userId',
    purpose: "co-reviewers' signatures of a consensus report, with their minority view",
  },
  votes: {
    personal: ['vote', 'comment', 'createdAt', 'updatedAt'],
    other: ['id', 'proposalId', 'round', 'voterId'],
    rowsOf: 't.voter_id = :userId',
    purpose: 'votes of steering members',
  },
  decisions: {
    personal: ['outcome', 'rationale', 'grantedFundingEur', 'decidedAt', 'letterParagraph'],
    other: ['id', 'proposalId', 'round', 'override', 'decidedBy', 'releasedAt'],
    // A decision on one's own proposal that is not released yet (batch letters) is not exported: until
    // the release the applicant sees the proposal as awaiting a decision (ProposalAccess.asSeenBy).
    rowsOf: `((${ownProposals} AND t.released_at IS NOT NULL) OR t.decided_by = :userId)`,
    purpose: 'decisions on proposals (of the applicant once released, or recorded by the person)',
  },
  round_scores: {
    personal: [],
    other: [
      'proposalId',
      'round',
      'reviewCount',
      'total',
      'above',
      'disagreement',
      'means',
      'mean3',
      'spread',
      'createdAt',
    ],
    rowsOf: null,
    purpose: 'aggregated scores per round; no person',
  },
  mail_log: {
    personal: ['toAddress', 'subject', 'data', 'locale'],
    other: [
      'id',
      'idempotencyKey',
      'template',
      'recipientId',
      'status',
      'messageId',
      'error',
      'attempts',
      'createdAt',
      'sentAt',
      'dataSentAt',
      'resendOf',
    ],
    rowsOf: 't.recipient_id = :userId',
    purpose: 'mails sent to the person; pseudonymised on erasure',
  },
};

/** Every column a declaration names, to compare with the entities' metadata. */
export function declaredColumns(declaration: PersonalDataDeclaration): string[] {
  return [...declaration.personal, ...declaration.other, ...(declaration.secret ?? [])];
}
