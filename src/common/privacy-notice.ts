/**
 * The version of the privacy notice on /datenschutz (web/views/privacy-notice.eta). Raise it when the
 * notice's content changes: registrations record the version they were shown (privacy_consents),
 * older accounts keep the one they accepted. Here in the core because registration (auth/) records
 * it and the privacy folder exports it.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';
