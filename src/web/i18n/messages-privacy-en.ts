import type { dePrivacy } from './messages-privacy-de';

/** English page texts of privacy and accessibility (issue 18); spread into `en` (messages-en.ts). */
export const enPrivacy: Record<keyof typeof dePrivacy, string> = {
  'footer.privacy': 'Privacy',
  'footer.accessibility': 'Accessibility',
  'footer.myData': 'My data',
  'privacy.title': 'Privacy notice',
  'privacy.version': 'Version of {version}',
  'privacy.controllerTitle': 'Controller',
  'privacy.controllerText': 'Responsible for the processing (Art. 4(7) GDPR):',
  'privacy.officer': 'Data protection officer: {email}',
  'privacy.whatTitle': 'What we store and why',
  'privacy.what.account':
    'Your account: name, e-mail address, organisation, expertise, language and roles – to sign you in, to link proposals and reviews to you and to detect conflicts of interest (Art. 6(1)(b) and (e) GDPR).',
  'privacy.what.proposals':
    'Proposals with attachments, reviews, scores, votes and decisions – for the funding procedure.',
  'privacy.what.audit':
    'A log of who did what when: with ids only, never with names or e-mail addresses; it is never changed.',
  'privacy.what.mails': 'A log of the mails sent (recipient, subject, content), so that none goes out twice.',
  'privacy.what.consent': 'Which version of this notice you were shown at registration, and when.',
  'privacy.retentionTitle': 'How long',
  'privacy.retention':
    'Attachments and texts of proposals that were not funded (rejected, ineligible, withdrawn, not invited) are deleted {unfunded} after the decision or withdrawal, those of funded ones {funded} after the decision (retention duties of grant law). Whoever has nothing left under retention after that is pseudonymised.',
  'privacy.cookiesTitle': 'Cookies',
  'privacy.cookies':
    'We set only technically necessary cookies: the session cookie after you sign in (it ends when you sign out or the session expires), a protection cookie against forged form posts (CSRF) and, if you switch the language, a cookie with your choice. No analytics, no advertising, no third-party services; they need no consent (§ 25(2) TDDDG).',
  'privacy.logsTitle': 'Server logs',
  'privacy.logs': 'The server’s logs contain no names and no e-mail addresses.',
  'privacy.rightsTitle': 'Your rights',
  'privacy.rights':
    'You have the right of access and to data portability (Art. 15, 20 GDPR): under “My data” you download everything stored about you. You may ask for rectification (Art. 16), erasure (Art. 17) and restriction (Art. 18), and object (Art. 21). You request the erasure under “My data”; the cluster office executes it. You may lodge a complaint with a supervisory authority (Art. 77 GDPR).',
  'privacy.erasureTitle': 'What erasure does',
  'privacy.erasure':
    'Your account is deactivated, sessions end, signing in is no longer possible. Name, e-mail address and organisation are replaced everywhere by a pseudonym such as “Person 7F3A21”. Proposals, reviews and decisions that must be retained stay, under the pseudonym.',
  'privacy.registerNotice':
    'By registering you confirm that you have read the {link} (version of {version}).',
  'privacy.registerLink': 'privacy notice',
  'a11y.title': 'Accessibility statement',
  'a11y.intro':
    'The cluster office strives to make this portal accessible in line with the German accessibility regulation (BITV 2.0) and EN 301 549 (WCAG 2.1, level AA).',
  'a11y.statusTitle': 'Compliance status',
  'a11y.status':
    'This portal is partially compliant with BITV 2.0. Every page is checked in the automated tests with axe-core against the WCAG criteria of levels A and AA; the pages last checked show no violation. The applicant’s journey works by keyboard alone, tables turn into cards on a phone.',
  'a11y.gapsTitle': 'Content that is not accessible',
  'a11y.gap.pdf': 'Uploaded PDF attachments come from the applicants; we do not check their accessibility.',
  'a11y.gap.dashboard':
    'The office’s queue dashboard (third-party software) and the API documentation are not checked.',
  'a11y.gap.manual':
    'A complete manual test with screen readers is still to come; automated tests do not find every barrier.',
  'a11y.madeTitle': 'Preparation of this statement',
  'a11y.made': 'Prepared on 1 December 2026 from a self-assessment with automated tests (axe-core).',
  'a11y.feedbackTitle': 'Report a barrier',
  'a11y.feedbackIntro':
    'Did you meet a barrier? Write to us. A contact is optional; without it your message stays anonymous, but we cannot answer.',
  'a11y.message': 'Your message',
  'a11y.contact': 'Contact for an answer (optional)',
  'a11y.contactHint': 'E-mail address or phone number',
  'a11y.send': 'Send message',
  'a11y.sent': 'Thank you – your message has reached the cluster office.',
  'a11y.enforcementTitle': 'Enforcement procedure',
  'a11y.enforcement':
    'If you do not receive a satisfactory answer, you can turn to the conciliation body under § 16 BGG (www.schlichtungsstelle-bgg.de).',
  'myData.title': 'My data',
  'myData.intro': 'Download everything stored about you here, or request the erasure of your data.',
  'myData.downloadTitle': 'Download my data',
  'myData.download': 'Download my data (JSON)',
  'myData.downloadZip': 'Download with my attachments (ZIP)',
  'myData.erasureTitle': 'Request erasure',
  'myData.erasureConfirm': 'I want my data to be erased, and I know that I cannot sign in afterwards.',
  'myData.erasureButton': 'Request erasure',
  'myData.erasureOpen': 'Your erasure request of {date} is with the cluster office.',
  'myData.erasureRequested': 'Your erasure request has reached the cluster office.',
  'myData.consent': 'Privacy notice shown at registration: version of {version}, {date}.',
  'officePrivacy.title': 'Privacy',
  'officePrivacy.requestsTitle': 'Erasure requests',
  'officePrivacy.none': 'No requests.',
  'officePrivacy.person': 'Person',
  'officePrivacy.requestedAt': 'Requested',
  'officePrivacy.state': 'State',
  'officePrivacy.state.requested': 'open',
  'officePrivacy.state.executed': 'executed',
  'officePrivacy.reason': 'Reason',
  'officePrivacy.erase': 'Erase (pseudonymise)',
  'officePrivacy.erased': 'The person’s data is erased; they now appear as a pseudonym.',
  'officePrivacy.retentionTitle': 'Retention period ended',
  'officePrivacy.retentionIntro':
    'The next daily run deletes these proposals’ attachments, abstract and partners; title, state and history stay.',
  'officePrivacy.retentionNone': 'Nothing due.',
  'officePrivacy.proposal': 'Proposal',
  'officePrivacy.kind': 'Period',
  'officePrivacy.kind.funded': 'funded',
  'officePrivacy.kind.unfunded': 'not funded',
  'officePrivacy.endedAt': 'Ended',
  'officePrivacy.dueAt': 'Due since',
  'officePrivacy.attachments': 'Attachments',
  'nav.privacy': 'Privacy',
  'mail.kind.accessibility-feedback': 'Accessibility feedback',
  'period.years': '{n} years',
  'period.year': 'one year',
};
