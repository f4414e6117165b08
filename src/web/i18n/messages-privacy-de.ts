/**
 * German page texts of privacy and accessibility (issue 18): /datenschutz, /barrierefreiheit, "Meine
 * Daten", the office's erasure and retention page; spread into `de` (messages-de.ts).
 */
export const dePrivacy = {
  'footer.privacy': 'Datenschutz',
  'footer.accessibility': 'Barrierefreiheit',
  'footer.myData': 'Meine Daten',
  'privacy.title': 'Datenschutzhinweise',
  'privacy.version': 'Fassung vom {version}',
  'privacy.controllerTitle': 'Verantwortlicher',
  'privacy.controllerText': 'Verantwortlich für die Verarbeitung (Art. 4 Nr. 7 DSGVO):',
  'privacy.officer': 'Datenschutzbeauftragte Person: {email}',
  'privacy.whatTitle': 'Was wir speichern und wozu',
  'privacy.what.account':
    'Ihr Konto: Name, E-Mail-Adresse, Organisation, Fachgebiete, Sprache und Rollen – um Sie anzumelden, Anträge und Gutachten zuzuordnen und Befangenheiten zu erkennen (Art. 6 Abs. 1 lit. b und e DSGVO).',
  'privacy.what.proposals':
    'Anträge mit Anhängen, Gutachten, Bewertungen, Voten und Entscheidungen – für das Förderverfahren.',
  'privacy.what.audit':
    'Ein Protokoll, wer wann was getan hat: nur mit Kennungen, nie mit Namen oder E-Mail-Adressen; es wird nicht verändert.',
  'privacy.what.mails':
    'Ein Protokoll der versandten E-Mails (Empfänger, Betreff, Inhalt), damit keine doppelt ausgeht.',
  'privacy.what.consent': 'Welche Fassung dieser Hinweise Sie bei der Registrierung gesehen haben, und wann.',
  'privacy.retentionTitle': 'Wie lange',
  'privacy.retention':
    'Anhänge und Texte nicht geförderter Anträge (abgelehnt, nicht zulässig, zurückgezogen, nicht eingeladen) löschen wir {unfunded} nach Entscheidung oder Rückzug, geförderte {funded} nach der Entscheidung (Aufbewahrungspflichten des Zuwendungsrechts). Wer danach nichts mehr in Aufbewahrung hat, wird pseudonymisiert.',
  'privacy.cookiesTitle': 'Cookies',
  'privacy.cookies':
    'Wir setzen nur technisch notwendige Cookies: das Sitzungs-Cookie nach der Anmeldung (endet mit der Abmeldung oder nach Ablauf der Sitzung), ein Schutz-Cookie gegen gefälschte Formularsendungen (CSRF) und, wenn Sie die Sprache wechseln, ein Cookie mit Ihrer Sprachwahl. Keine Analyse, keine Werbung, keine Dienste Dritter; eine Einwilligung ist dafür nicht nötig (§ 25 Abs. 2 TDDDG).',
  'privacy.logsTitle': 'Server-Protokolle',
  'privacy.logs': 'Die Protokolle des Servers enthalten keine Namen und keine E-Mail-Adressen.',
  'privacy.rightsTitle': 'Ihre Rechte',
  'privacy.rights':
    'Sie haben das Recht auf Auskunft und Datenübertragbarkeit (Art. 15, 20 DSGVO): unter „Meine Daten“ laden Sie alles herunter, was über Sie gespeichert ist. Sie können Berichtigung (Art. 16), Löschung (Art. 17) und Einschränkung (Art. 18) verlangen und widersprechen (Art. 21). Die Löschung beantragen Sie unter „Meine Daten“; das Clusterbüro führt sie aus. Sie können sich bei einer Aufsichtsbehörde beschweren (Art. 77 DSGVO).',
  'privacy.erasureTitle': 'Was die Löschung bewirkt',
  'privacy.erasure':
    'Ihr Konto wird gesperrt, Sitzungen enden, eine Anmeldung ist nicht mehr möglich. Name, E-Mail-Adresse und Organisation werden überall durch ein Pseudonym wie „Person 7F3A21“ ersetzt. Anträge, Gutachten und Entscheidungen, die aufbewahrt werden müssen, bleiben unter dem Pseudonym erhalten.',
  'privacy.registerNotice':
    'Mit der Registrierung bestätigen Sie, die {link} (Fassung vom {version}) gelesen zu haben.',
  'privacy.registerLink': 'Datenschutzhinweise',
  'a11y.title': 'Erklärung zur Barrierefreiheit',
  'a11y.intro':
    'Das Clusterbüro ist bemüht, dieses Portal im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der EN 301 549 (WCAG 2.1, Stufe AA) barrierefrei zugänglich zu machen.',
  'a11y.statusTitle': 'Stand der Vereinbarkeit',
  'a11y.status':
    'Dieses Portal ist teilweise mit der BITV 2.0 vereinbar. Jede Seite wird in den automatisierten Tests mit axe-core gegen die WCAG-Kriterien der Stufen A und AA geprüft; die zuletzt geprüften Seiten zeigen keinen Verstoß. Der Weg der Antragstellenden funktioniert allein mit der Tastatur, Tabellen werden auf dem Telefon zu Karten.',
  'a11y.gapsTitle': 'Nicht barrierefreie Inhalte',
  'a11y.gap.pdf':
    'Hochgeladene PDF-Anhänge stammen von den Antragstellenden; ihre Barrierefreiheit prüfen wir nicht.',
  'a11y.gap.dashboard':
    'Die Warteschlangen-Übersicht des Clusterbüros (Fremdsoftware) und die API-Dokumentation sind nicht geprüft.',
  'a11y.gap.manual':
    'Eine vollständige manuelle Prüfung mit Screenreadern steht noch aus; automatisierte Tests finden nicht alle Barrieren.',
  'a11y.madeTitle': 'Erstellung dieser Erklärung',
  'a11y.made':
    'Erstellt am 1. Dezember 2026 auf Grundlage einer Selbstbewertung mit automatisierten Tests (axe-core).',
  'a11y.feedbackTitle': 'Barriere melden',
  'a11y.feedbackIntro':
    'Ist Ihnen eine Barriere aufgefallen? Schreiben Sie uns. Eine Kontaktangabe ist freiwillig; ohne sie bleibt Ihre Nachricht anonym, wir können dann aber nicht antworten.',
  'a11y.message': 'Ihre Nachricht',
  'a11y.contact': 'Kontakt für die Antwort (freiwillig)',
  'a11y.contactHint': 'E-Mail-Adresse oder Telefonnummer',
  'a11y.send': 'Nachricht senden',
  'a11y.sent': 'Danke – Ihre Nachricht ist beim Clusterbüro eingegangen.',
  'a11y.enforcementTitle': 'Schlichtungsverfahren',
  'a11y.enforcement':
    'Erhalten Sie keine zufriedenstellende Antwort, können Sie die Schlichtungsstelle nach § 16 BGG anrufen (www.schlichtungsstelle-bgg.de).',
  'myData.title': 'Meine Daten',
  'myData.intro':
    'Hier laden Sie alles herunter, was über Sie gespeichert ist, oder beantragen die Löschung Ihrer Daten.',
  'myData.downloadTitle': 'Meine Daten herunterladen',
  'myData.download': 'Meine Daten herunterladen (JSON)',
  'myData.downloadZip': 'Mit meinen Anhängen herunterladen (ZIP)',
  'myData.erasureTitle': 'Löschung beantragen',
  'myData.erasureConfirm':
    'Ich möchte, dass meine Daten gelöscht werden, und weiß, dass ich mich danach nicht mehr anmelden kann.',
  'myData.erasureButton': 'Löschung beantragen',
  'myData.erasureOpen': 'Ihr Antrag auf Löschung vom {date} liegt beim Clusterbüro.',
  'myData.erasureRequested': 'Ihr Antrag auf Löschung ist beim Clusterbüro eingegangen.',
  'myData.consent': 'Bei der Registrierung gesehene Datenschutzhinweise: Fassung vom {version}, {date}.',
  'officePrivacy.title': 'Datenschutz',
  'officePrivacy.requestsTitle': 'Anträge auf Löschung',
  'officePrivacy.none': 'Keine Anträge.',
  'officePrivacy.person': 'Person',
  'officePrivacy.requestedAt': 'Beantragt',
  'officePrivacy.state': 'Stand',
  'officePrivacy.state.requested': 'offen',
  'officePrivacy.state.executed': 'ausgeführt',
  'officePrivacy.reason': 'Begründung',
  'officePrivacy.erase': 'Löschen (pseudonymisieren)',
  'officePrivacy.erased': 'Die Daten der Person sind gelöscht; sie erscheint nun als Pseudonym.',
  'officePrivacy.retentionTitle': 'Aufbewahrungsfrist abgelaufen',
  'officePrivacy.retentionIntro':
    'Diese Anträge löscht der nächste tägliche Lauf (Anhänge, Kurzfassung, Partner); Titel, Stand und Verlauf bleiben.',
  'officePrivacy.retentionNone': 'Nichts fällig.',
  'officePrivacy.proposal': 'Antrag',
  'officePrivacy.kind': 'Frist',
  'officePrivacy.kind.funded': 'gefördert',
  'officePrivacy.kind.unfunded': 'nicht gefördert',
  'officePrivacy.endedAt': 'Beendet',
  'officePrivacy.dueAt': 'Fällig seit',
  'officePrivacy.attachments': 'Anhänge',
  'nav.privacy': 'Datenschutz',
  'mail.kind.accessibility-feedback': 'Rückmeldung zur Barrierefreiheit',
  'period.years': '{n} Jahre',
  'period.year': 'ein Jahr',
};
