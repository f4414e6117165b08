/**
 * German page texts of the next steps after each action, number input and the office's to-do list;
 * spread into `de` (messages-de.ts), split off to keep each file short.
 */
export const deSteps = {
  // flow13 (issue 13): safe defaults, next steps after every action, office review tools
  'choice.pleaseChoose': 'Bitte wählen',
  'decision.blockedNoQuorum':
    'Noch keine Entscheidung möglich: Es fehlt noch das Quorum ({voted} von {eligible} haben abgestimmt, nötig sind {required}). Das Formular wird frei, sobald genug Mitglieder abgestimmt haben.',
  'decision.requestedHint':
    'Beantragt: {amount}. Nur bei Bewilligung; tragen Sie den bewilligten Betrag selbst ein.',
  'reopen.summary': 'Wieder öffnen',
  'reopen.reason': 'Hinweis an die Gutachter*in',
  'reopen.button': 'Gutachten wieder öffnen',
  'reopen.dueAt': 'Neue Frist (Berliner Zeit)',
  'reopen.dueHint': 'Bisher fällig am {dueAt}; leer lassen, um die Frist zu behalten.',
  'conflicts.title': 'Befangenheiten',
  'conflicts.none': 'Keine Befangenheit bekannt.',
  'conflicts.kind.declared': 'erklärt',
  'conflicts.kind.organisation': 'gleiche Organisation',
  'conflicts.kind.applicant': 'Antragsteller*in',
  'conflicts.declareFor': 'Befangenheit für ein Mitglied eintragen',
  'conflicts.member': 'Mitglied (Beirat oder Steuerungsgruppe)',
  'conflicts.declare': 'Befangenheit eintragen',
  'ranking.csvLink': 'Rangliste als CSV herunterladen',
  'footer.signedInAs': 'Angemeldet als {name} – {roles}',
  'proposalSteps.afterSave':
    'Schritt 1 von 3: Angaben eintragen und speichern. Danach laden Sie auf der nächsten Seite die PDF-Datei des Antrags hoch (Schritt 2) und reichen ihn ein (Schritt 3).',
  'next.draftCreated':
    'Der Entwurf ist gespeichert. Nächster Schritt: Laden Sie unten die PDF-Datei des Antrags hoch; danach können Sie einreichen. Bis dahin sieht niemand sonst den Entwurf.',
  'next.draftSaved': 'Der Entwurf ist gespeichert. Niemand sonst sieht ihn, bis Sie ihn einreichen.',
  'next.uploaded':
    'Die PDF-Datei ist hochgeladen. Wenn alle Angaben stimmen, reichen Sie den Antrag unten mit „Einreichen“ ein.',
  'next.submitted':
    'Der Antrag ist eingereicht. Sie erhalten eine Eingangsbestätigung per E-Mail. Als Nächstes prüft das Clusterbüro ihn formal, danach wird er begutachtet; die Entscheidung erhalten Sie per E-Mail.',
  'next.resubmitted':
    'Der überarbeitete Antrag ist eingereicht. Sie erhalten eine Eingangsbestätigung per E-Mail; das Clusterbüro prüft ihn erneut formal.',
  'next.withdrawn':
    'Der Antrag ist zurückgezogen. Eingeladene Gutachter*innen werden per E-Mail informiert; das Verfahren ist beendet.',
  'next.screenedEligible':
    'Der Antrag ist formal in Ordnung. Nächster Schritt: Gutachter*innen zuweisen (Zuweisung); die Eingeladenen erhalten eine E-Mail. Die Antragstellenden hören erst mit der Entscheidung wieder von uns.',
  'next.screenedIneligible':
    'Der Antrag ist formal abgelehnt. Die Antragstellenden erhalten die Begründung per E-Mail; das Verfahren ist beendet.',
  'next.reviewClosed':
    'Die Begutachtung ist geschlossen. Offene Einladungen sind zurückgenommen (die Gutachter*innen erhalten eine E-Mail); Steuerungsgruppe und Clusterbüro werden per E-Mail zur Entscheidung gebeten.',
  'next.voted':
    'Ihre Stimme ist gespeichert. Sie können sie bis zur Entscheidung ändern; der Vorsitz entscheidet, sobald genug Mitglieder abgestimmt haben.',
  'next.decidedApproved':
    'Die Entscheidung ist festgehalten: bewilligt. Die Antragstellenden erhalten den Bescheid mit der Fördersumme und den Hinweisen der Gutachter*innen per E-Mail.',
  'next.decidedRejected':
    'Die Entscheidung ist festgehalten: abgelehnt. Die Antragstellenden erhalten den Bescheid mit der Begründung per E-Mail.',
  'next.decidedRevision':
    'Die Entscheidung ist festgehalten: Überarbeitung erbeten. Die Antragstellenden erhalten den Bescheid per E-Mail und können bis zur Frist überarbeitet einreichen.',
  'next.invitationAccepted':
    'Einladung angenommen. Sie können das Gutachten jetzt schreiben; vor der Frist erinnern wir Sie per E-Mail.',
  'next.reviewDraftSaved': 'Entwurf gespeichert. Niemand sonst sieht ihn, bis Sie das Gutachten einreichen.',
  'next.reviewSubmitted':
    'Gutachten eingereicht. Vielen Dank! Sobald alle Gutachten vorliegen, werden Steuerungsgruppe und Clusterbüro per E-Mail zur Entscheidung gebeten.',
  'next.call.open':
    'Die Ausschreibung ist geöffnet. Antragstellende finden sie jetzt unter „Ausschreibungen“.',
  'next.call.close': 'Die Ausschreibung ist geschlossen. Es kann nichts mehr eingereicht werden.',
  'next.call.archive': 'Die Ausschreibung ist archiviert.',
  'next.assignmentRevoked': 'Die Zuweisung ist zurückgenommen; die Gutachter*in erhält eine E-Mail.',
  'next.reviewReopened':
    'Das Gutachten ist wieder offen. Die Gutachter*in kann es unter „Begutachtung“ überarbeiten und erneut einreichen und wird vor der Frist erinnert.',
  'next.conflictDeclared':
    'Die Befangenheit ist eingetragen. Das Mitglied wird diesem Antrag nicht zugewiesen und stimmt nicht über ihn ab; eine offene Einladung ist zurückgenommen (mit E-Mail an das Mitglied).',
  // num13: numbers typed on the pages, and the reasons a number is refused at its field.
  'number.notNumber': 'ist keine Zahl (Beispiel: 180.000 oder 1,5)',
  'number.wholeOnly': 'muss eine ganze Zahl sein, ohne Nachkommastellen (Beispiel: 180.000)',
  'number.groups':
    'ist nicht eindeutig: Der Punkt trennt nur Tausender in Dreiergruppen (180.000), Nachkommastellen stehen nach dem Komma (1,5)',
  'number.wrongGroupMark':
    'ist nicht eindeutig: Tausender trennt auf dieser Seite der Punkt (180.000), das Komma leitet Nachkommastellen ein',
  'number.wholeHint': 'Ganze Euro, z. B. 180.000',
  'number.criterionFacts':
    '{label} (Gewicht {weight}, {min} bis {max} in Schritten von {step}, Schwelle {threshold})',
  'mail.kind.submission-receipt': 'Eingangsbestätigung',
  'mail.kind.proposal-ineligible': 'Formal abgelehnt',
  'mail.kind.decision-letter': 'Entscheidungsbrief',
  'mail.kind.proposal-closed': 'Antrag abgeschlossen',
  'mail.kind.ready-for-decision': 'Bereit zur Entscheidung',
  'mail.kind.invitation': 'Einladung zur Begutachtung',
  'mail.kind.invitation-declined': 'Einladung abgelehnt',
  'mail.kind.assignment-ended': 'Begutachtung beendet',
  'mail.kind.reminder-respond': 'Erinnerung: Einladung beantworten',
  'mail.kind.reminder-due-soon': 'Erinnerung: Gutachten bald fällig',
  'mail.kind.reminder-overdue': 'Erinnerung: Gutachten überfällig',
  'mail.kind.escalation': 'Eskalation an das Clusterbüro',
  'mail.kind.office-digest': 'Tagesübersicht für das Clusterbüro',
  'mail.kind.vote-reminder': 'Erinnerung: abstimmen',
  'mail.kind.confirm-address': 'E-Mail-Adresse bestätigen',
  'mail.kind.registration-attempt': 'Registrierungsversuch mit bekannter Adresse',
  'mail.status.pending': 'wartet',
  'mail.status.sending': 'wird gesendet',
  'mail.status.sent': 'gesendet',
  'mail.status.failed': 'fehlgeschlagen',
  'mail.status.unknown': 'unklar (bitte prüfen)',
  // ---- todo13: the office's to-do list, the filtered mail log ----
  'todo.title': 'Zu erledigen',
  'todo.toScreen': 'Anträge formal prüfen',
  'todo.shortOfReviewers': 'Anträgen fehlen Gutachter*innen',
  'todo.unansweredInvitations': 'Einladungen ohne Antwort',
  'todo.overdueReviews': 'Gutachten überfällig',
  'todo.readyForDecision': 'Anträge bereit zur Entscheidung',
  'todo.lettersUnsent': 'Entscheidungsbriefe noch nicht versandt',
  'todo.mailsFailed': 'Mails fehlgeschlagen',
  'todo.mailsUnknown': 'Mails mit ungeklärtem Versand',
  'todo.mailFilter': 'Gezeigt werden nur',
  'todo.mailAll': 'alle Mails zeigen',
  'todo.mailStatus.pending': 'wartende Mails',
  'todo.mailStatus.sending': 'Mails im Versand',
  'todo.mailStatus.sent': 'versandte Mails',
  'todo.mailStatus.failed': 'fehlgeschlagene Mails',
  'todo.mailStatus.unknown': 'Mails mit ungeklärtem Versand',
  'todo.mailTemplate.decision-letter': 'Entscheidungsbriefe',
};
