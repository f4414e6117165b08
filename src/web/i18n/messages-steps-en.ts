import type { deSteps } from './messages-steps-de';

/** English page texts of messages-steps-de.ts; the type makes a missing or extra key a compile error. */
export const enSteps: Record<keyof typeof deSteps, string> = {
  // flow13 (issue 13): safe defaults, next steps after every action, office review tools
  'choice.pleaseChoose': 'Please choose',
  'decision.blockedNoQuorum':
    'No decision yet: there is no quorum ({voted} of {eligible} have voted, {required} are needed). The form opens once enough members have voted.',
  'decision.requestedHint': 'Requested: {amount}. Only when approved; type the granted amount yourself.',
  'reopen.summary': 'Reopen',
  'reopen.reason': 'Note to the reviewer',
  'reopen.button': 'Reopen the review',
  'reopen.dueAt': 'New due date (Berlin time)',
  'reopen.dueHint': 'Due so far on {dueAt}; leave empty to keep it.',
  'conflicts.title': 'Conflicts of interest',
  'conflicts.none': 'No conflict known.',
  'conflicts.kind.declared': 'declared',
  'conflicts.kind.organisation': 'same organisation',
  'conflicts.kind.applicant': 'applicant',
  'conflicts.declareFor': 'Declare a conflict for a member',
  'conflicts.member': 'Member (board or steering group)',
  'conflicts.declare': 'Declare the conflict',
  'ranking.csvLink': 'Download the ranking as CSV',
  'footer.signedInAs': 'Signed in as {name} – {roles}',
  'proposalSteps.afterSave':
    'Step 1 of 3: fill in and save the details. Then you upload the proposal PDF on the next page (step 2) and submit it (step 3).',
  'next.draftCreated':
    'The draft is saved. Next step: upload the proposal PDF below; then you can submit. Until then nobody else sees the draft.',
  'next.draftSaved': 'The draft is saved. Nobody else sees it until you submit it.',
  'next.uploaded': 'The PDF is uploaded. When everything is right, submit the proposal below with “Submit”.',
  'next.submitted':
    'The proposal is submitted. You will get a receipt by e-mail. Next the office checks it formally, then it is reviewed; you get the decision by e-mail.',
  'next.resubmitted':
    'The revised proposal is submitted. You will get a receipt by e-mail; the office checks it formally again.',
  'next.withdrawn':
    'The proposal is withdrawn. Invited reviewers are told by e-mail; the procedure has ended.',
  'next.screenedEligible':
    'The proposal passed the formal check. Next step: assign reviewers (Assignment); those invited get an e-mail. The applicants hear from us again with the decision.',
  'next.screenedIneligible':
    'The proposal failed the formal check. The applicants get the reason by e-mail; the procedure has ended.',
  'next.reviewClosed':
    'Review is closed. Open invitations are revoked (the reviewers get an e-mail); the steering group and the office are asked by e-mail to decide.',
  'next.voted':
    'Your vote is saved. You can change it until the decision; the chair decides once enough members have voted.',
  'next.decidedApproved':
    'The decision is recorded: approved. The applicants get the letter with the granted funding and the reviewers’ comments by e-mail.',
  'next.decidedRejected':
    'The decision is recorded: rejected. The applicants get the letter with the rationale by e-mail.',
  'next.decidedRevision':
    'The decision is recorded: revision requested. The applicants get the letter by e-mail and may resubmit within the revision period.',
  'next.invitationAccepted':
    'Invitation accepted. You can write the review now; we remind you by e-mail before it is due.',
  'next.reviewDraftSaved': 'Draft saved. Nobody else sees it until you submit the review.',
  'next.reviewSubmitted':
    'Review submitted. Thank you! Once all reviews are in, the steering group and the office are asked by e-mail to decide.',
  'next.call.open': 'The call is open. Applicants find it under “Calls” now.',
  'next.call.close': 'The call is closed. Nothing more can be submitted.',
  'next.call.archive': 'The call is archived.',
  'next.assignmentRevoked': 'The assignment is revoked; the reviewer gets an e-mail.',
  'next.reviewReopened':
    'The review is open again. The reviewer can revise and resubmit it under “Reviewing” and is reminded before it is due.',
  'next.conflictDeclared':
    'The conflict is recorded. The member is not assigned to this proposal and does not vote on it; an open invitation is revoked (with an e-mail to the member).',
  // num13: numbers typed on the pages, and the reasons a number is refused at its field.
  'number.notNumber': 'is not a number (for example 180,000 or 1.5)',
  'number.wholeOnly': 'must be a whole number, without decimals (for example 180,000)',
  'number.groups':
    'is ambiguous: a comma separates thousands only in groups of three (180,000), decimals follow the point (1.5)',
  'number.wrongGroupMark':
    'is ambiguous: on this page a comma separates thousands (180,000) and a point starts the decimals',
  'number.wholeHint': 'Whole euros, e.g. 180,000',
  'number.criterionFacts':
    '{label} (weight {weight}, {min} to {max} in steps of {step}, threshold {threshold})',
  'mail.kind.submission-receipt': 'Receipt of submission',
  'mail.kind.proposal-ineligible': 'Formally rejected',
  'mail.kind.decision-letter': 'Decision letter',
  'mail.kind.proposal-closed': 'Proposal closed',
  'mail.kind.ready-for-decision': 'Ready for decision',
  'mail.kind.invitation': 'Invitation to review',
  'mail.kind.invitation-declined': 'Invitation declined',
  'mail.kind.assignment-ended': 'Review ended',
  'mail.kind.reminder-respond': 'Reminder: answer the invitation',
  'mail.kind.reminder-due-soon': 'Reminder: review due soon',
  'mail.kind.reminder-overdue': 'Reminder: review overdue',
  'mail.kind.escalation': 'Escalation to the office',
  'mail.kind.office-digest': 'Daily summary for the office',
  'mail.kind.vote-reminder': 'Reminder: vote',
  'mail.kind.confirm-address': 'Confirm e-mail address',
  'mail.kind.registration-attempt': 'Registration attempt with a known address',
  'mail.status.pending': 'waiting',
  'mail.status.sending': 'sending',
  'mail.status.sent': 'sent',
  'mail.status.failed': 'failed',
  'mail.status.unknown': 'unclear (please check)',
  // ---- todo13: the office's to-do list, the filtered mail log ----
  'todo.title': 'To do',
  'todo.toScreen': 'Proposals to screen',
  'todo.shortOfReviewers': 'Proposals short of reviewers',
  'todo.unansweredInvitations': 'Invitations not answered',
  'todo.overdueReviews': 'Reviews overdue',
  'todo.readyForDecision': 'Proposals ready for decision',
  'todo.lettersUnsent': 'Decision letters not sent yet',
  'todo.mailsFailed': 'Mails that failed',
  'todo.mailsUnknown': 'Mails whose delivery is unknown',
  'todo.mailFilter': 'Showing only',
  'todo.mailAll': 'show all mails',
  'todo.mailStatus.pending': 'pending mails',
  'todo.mailStatus.sending': 'mails being sent',
  'todo.mailStatus.sent': 'sent mails',
  'todo.mailStatus.failed': 'failed mails',
  'todo.mailStatus.unknown': 'mails whose delivery is unknown',
  'todo.mailTemplate.decision-letter': 'decision letters',
};
