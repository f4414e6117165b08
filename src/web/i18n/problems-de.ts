import type { ProblemCode } from '@/common/problem-codes';

/**
 * German page texts of the problem codes; `{name}` is a parameter of the code (src/common/problem-codes.ts).
 * States, events and outcomes in parameters are shown with their page names; list items through `termsDe`.
 */
export const problemsDe: Record<ProblemCode, string> = {
  'invalid-input': 'Die Eingabe ist ungültig.',
  'not-signed-in': 'Bitte melden Sie sich an.',
  forbidden: 'Diese Aktion ist für Sie nicht erlaubt.',
  'not-found': 'Das gibt es nicht, oder es ist für Sie nicht sichtbar.',
  conflict: 'Der Vorgang ist im aktuellen Zustand nicht möglich.',
  'too-large': 'Die Anfrage ist zu groß.',
  'unsupported-media-type': 'Dieses Format wird nicht angenommen.',
  'rate-limited': 'Zu viele Versuche. Bitte warten Sie etwas und versuchen Sie es dann erneut.',
  'request-refused': 'Die Anfrage wurde abgelehnt.',
  'internal-error': 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.',
  unavailable: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
  'database-unavailable':
    'Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.',

  'wrong-credentials': 'E-Mail-Adresse oder Passwort ist falsch.',
  'erasure-of-self': 'Das eigene Konto kann das Clusterbüro nicht löschen; das übernimmt eine andere Person des Büros.',
  'already-erased': 'Die Daten dieser Person sind bereits gelöscht.',
  'forbidden-role': 'Diese Aktion ist für Ihre Rolle nicht erlaubt.',
  'cross-origin-write': 'Änderungen werden nur von dieser Website angenommen.',
  'json-body-required': 'Diese Schnittstelle nimmt nur JSON an.',
  'cookie-write-needs-json': 'Diese Änderung ist nur über die Seiten oder mit einem API-Token möglich.',
  'csrf-invalid':
    'Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'conflict-of-interest': 'Sie haben bei diesem Antrag einen Interessenkonflikt.',
  'not-assignee': 'Nur die zugewiesene Gutachter*in bearbeitet dieses Gutachten.',
  'comments-after-decision': 'Die Hinweise der Gutachten erhalten Sie mit der Entscheidung.',

  'json-too-complex':
    'Die Anfrage ist zu tief verschachtelt (mehr als {maxDepth} Ebenen) oder enthält eine Liste mit mehr als {maxItems} Einträgen.',
  'malformed-multipart':
    'Der Upload kam unvollständig oder fehlerhaft an. Bitte senden Sie die Datei erneut.',
  'value-not-storable':
    'Ein Wert liegt außerhalb des zulässigen Bereichs oder hat ein Format, das sich nicht speichern lässt.',
  'invalid-cursor': 'Die Seitenangabe ist ungültig. Bitte laden Sie die Liste neu.',
  'unknown-event': 'Die Aktion „{event}“ gibt es nicht.',
  'event-not-on-events-route': 'Die Aktion „{event}“ ist an dieser Stelle nicht möglich.',
  'reason-required': 'Für „{event}“ ist eine Begründung erforderlich.',
  'unknown-topics': 'Diese Themen gehören nicht zur Ausschreibung: {topics}.',
  'organisation-unknown': 'Diese Organisation steht nicht im Verzeichnis.',
  'organisation-name-taken': 'Der Name {name} gehört schon zu einem anderen Eintrag des Verzeichnisses.',
  'organisation-parent-cycle': 'Diese Muttergesellschaft ergäbe einen Kreis: eine Organisation wäre ihre eigene Mutter.',
  'organisation-has-children': 'Diese Organisation hat Tochtergesellschaften; ordnen Sie diese zuerst um oder führen Sie die Einträge zusammen.',
  'organisation-merge-into-self': 'Ein Eintrag kann nicht mit sich selbst zusammengeführt werden.',
  'competitor-self': 'Eine Organisation kann nicht ihr eigener Wettbewerber sein.',
  'competitor-declared': 'Diese beiden Organisationen sind schon als Wettbewerber eingetragen.',
  'personal-conflict-declared': 'Diese Befangenheit ist schon eingetragen.',
  'unknown-user': 'Dieses Konto gibt es nicht.',
  'not-board-member':
    'Interessenkonflikte werden für Gutachter*innen und Mitglieder der Steuerungsgruppe erklärt.',
  'reviewer-unknown': 'Diese Gutachter*in gibt es nicht.',
  'reviewer-inactive': 'Dieses Konto ist nicht aktiv.',
  'reviewer-lacks-role': 'Dieses Konto hat nicht die Rolle Gutachter*in.',
  'due-in-past': 'Die Frist muss in der Zukunft liegen.',
  'review-fields-missing': 'Das Gutachten ist noch unvollständig: {missing}.',
  'rationale-required': 'Eine Entscheidung gegen die Mehrheit braucht eine Begründung.',
  'funding-only-for-approval': 'Nur eine Bewilligung gewährt eine Fördersumme.',
  'funding-required': 'Eine Bewilligung braucht die bewilligte Fördersumme.',
  'funding-exceeds-request': 'Die bewilligte Summe ({granted} €) übersteigt die beantragte ({requested} €).',

  'file-required': 'Bitte wählen Sie eine PDF-Datei.',
  'file-empty': 'Die Datei ist leer.',
  'multipart-required': 'Bitte laden Sie die PDF-Datei über das Formular hoch.',
  'not-a-pdf': 'Es werden nur PDF-Dateien angenommen; diese Datei ist kein PDF.',
  'file-too-large': 'Eine PDF-Datei darf höchstens {maxMiB} MiB groß sein.',
  'too-many-attachments': 'Ein Antrag hat höchstens {max} Anlagen.',

  'wrong-state': 'Das ist im Zustand „{state}“ nicht möglich.',
  'event-not-allowed': '„{event}“ ist im Zustand „{state}“ nicht möglich.',
  'stale-version':
    'Inzwischen hat jemand anderes geändert (Version {version}). Bitte laden Sie die Seite neu.',
  'not-editable': 'Der Antrag lässt sich im Zustand „{state}“ nicht mehr ändern.',
  'review-not-writable': 'Das Gutachten lässt sich im Zustand „{state}“ nicht ändern.',
  'call-archived': 'Die Ausschreibung ist archiviert.',
  'fixed-once-open': 'Diese Angaben lassen sich nur im Entwurf ändern: {fields}.',
  'call-not-accepting': 'Die Ausschreibung nimmt keine neuen Anträge an.',
  'duplicate-value': 'Dieser Wert ist schon vergeben und muss eindeutig sein.',
  'reference-conflict': 'Das verweist auf etwas, das es nicht gibt oder das noch verwendet wird.',
  'email-taken': 'Zu dieser E-Mail-Adresse gibt es schon ein Konto.',
  'last-office-user': 'Das letzte aktive Konto des Clusterbüros behält die Rolle Clusterbüro.',
  'conflict-declared': 'Dieser Interessenkonflikt ist schon erklärt.',
  'bid-conflicted': 'Sie haben bei diesem Antrag einen Interessenkonflikt und bekunden kein Interesse.',
  'reviewer-conflicted': 'Die Gutachter*in hat bei diesem Antrag einen Interessenkonflikt.',
  'declined-earlier': 'Die Gutachter*in hat diesen Antrag in dieser Runde schon abgelehnt.',
  'already-assigned': 'Die Gutachter*in ist diesem Antrag schon zugewiesen.',
  'preview-stale': 'Seit der Vorschau hat sich etwas geändert. Bitte erstellen Sie die Vorschau neu.',
  'round-decided': 'Diese Runde ist entschieden; ihre Stimmen lassen sich nicht mehr ändern.',
  'mail-in-flight':
    'Die E-Mail ist noch unterwegs; bitte warten Sie den Versand ab, bevor Sie sie erneut senden.',
  'no-quorum':
    'Kein Quorum: {votes} von {eligible} Mitgliedern der Steuerungsgruppe haben abgestimmt; mindestens {required} müssen es sein.',
  'majority-differs':
    'Die Mehrheit der Steuerungsgruppe schlägt „{majority}“ vor. Um anders zu entscheiden, bestätigen Sie die Abweichung und begründen Sie sie.',
  'no-majority':
    'Die Stimmen ergeben keine Mehrheit. Um zu entscheiden, bestätigen Sie die Abweichung und begründen Sie sie.',

  'call-not-open': 'Die Ausschreibung nimmt keine Anträge an.',
  'deadline-passed': 'Die Einreichungsfrist ist abgelaufen.',
  'deadline-in-past': 'Die Einreichungsfrist liegt in der Vergangenheit.',
  'proposal-incomplete': 'Vor dem Einreichen fehlt noch: {missing}.',
  'revision-period-ended': 'Die Überarbeitungsfrist ist abgelaufen.',
  'too-few-reviews':
    'Die Begutachtung lässt sich erst mit mindestens {required} eingereichten Gutachten vorzeitig schließen (bisher {submitted}).',
  'proposal-not-taking-reviewers':
    'Der Antrag ist im Zustand „{state}“ und nimmt keine Gutachter*innen mehr an.',
  'proposal-not-in-review':
    'Der Antrag ist im Zustand „{state}“, nicht in Begutachtung; seine Gutachten sind geschlossen.',
  'review-incomplete': 'Das Gutachten ist noch unvollständig: {missing}.',
  'consensus-period-running': 'Der Konsens kann erst ab {until} geschlossen werden.',
  'letter-released': 'Dieser Brief ist schon freigegeben und kann nicht mehr geändert werden.',
  // Accounts (issue 14).
  'token-invalid':
    'Dieser Link gilt nicht mehr: Er wurde schon benutzt, ist abgelaufen oder durch einen neueren ersetzt. Fordern Sie einen neuen an.',
  'current-password-wrong': 'Das bisherige Passwort stimmt nicht.',
  'password-already-set': 'Diese Person hat ihr Passwort schon gesetzt; eine Einladung ist nicht mehr nötig.',
  'totp-required':
    'Bitte geben Sie den Code aus Ihrer Authenticator-App (oder einen Wiederherstellungscode) ein.',
  'totp-invalid': 'Der Code stimmt nicht.',
  'totp-code-wrong':
    'Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Telefons und geben Sie den aktuellen Code ein.',
  'totp-unavailable': 'Der zweite Faktor wird hier nicht angeboten.',
  'totp-not-started': 'Richten Sie den zweiten Faktor zuerst ein.',
  'totp-already-enabled': 'Der zweite Faktor ist schon eingeschaltet.',
  'totp-not-enabled': 'Der zweite Faktor ist nicht eingeschaltet.',
  'totp-enrolment-required':
    'Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben. Richten Sie ihn zuerst ein.',
  'answer-required': 'Vor dem Einreichen fehlt noch die Antwort auf: {questions}.',
  'outcome-not-for-stage': 'Die Entscheidung „{outcome}“ passt nicht zur Stufe „{stage}“ des Antrags.',
  'vote-not-for-stage': 'Die Stimme „{vote}“ ist in der Stufe „{stage}“ nicht möglich.',
  'stage-not-reached': 'Diese Stufe hat der Antrag nicht.',
  'outline-pdf-limit': 'Eine Projektskizze hat höchstens {maxFiles} PDF mit höchstens {maxPages} Seiten.',
  'funding-derived':
    'Die beantragte Förderung ergibt sich aus den Budgets der Partner und wird nicht eingegeben.',
  'member-conflicted': 'Dieses Mitglied ist befangen und wird bei diesem Tagesordnungspunkt weder gezählt, noch kann es etwas dazu eintragen.',
  'counts-exceed-present': 'Es wurden mehr Stimmen gezählt als nicht befangene Mitglieder anwesend sind ({present}).',
  'not-on-agenda': 'Diese Anträge können nicht auf die Tagesordnung: {proposals}.',
  'not-present': 'Nur anwesende Mitglieder können gezählt werden.',
  'no-result-recorded': 'Für diesen Tagesordnungspunkt ist noch kein Abstimmungsergebnis eingetragen.',
  'item-decided': 'Über diesen Tagesordnungspunkt ist bereits entschieden.',
  'voting-closed': 'Das Umlaufverfahren ist seit {closedAt} beendet; es werden keine Stimmen mehr angenommen.',
};

/** German words for list items in parameters (missing parts of a proposal or review). */
export const termsDe: Record<string, string> = {
  title: 'ein Titel',
  abstract: 'eine Zusammenfassung',
  topic: 'mindestens ein Thema',
  pdf: 'mindestens eine PDF-Anlage',
  commentToApplicant: 'die Hinweise an die Antragstellenden',
  score: 'die Bewertung „{key}“',
  rubric: 'Bewertungsschema',
  topics: 'Themen',
  reviewsPerProposal: 'Gutachten je Antrag',
};
