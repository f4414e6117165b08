/**
 * German wording of the services' common English messages (validation and workflow refusals). A
 * message without an entry stays English: better a precise English reason than a vague German one.
 */
const patterns: [RegExp, string][] = [
  [/^(?:[\w.]+ )?should not be empty$/, 'darf nicht leer sein'],
  [/^(?:[\w.]+ )?must be longer than or equal to 1 characters?$/, 'darf nicht leer sein'],
  [/^(?:[\w.]+ )?must be longer than or equal to (\d+) characters?$/, 'muss mindestens $1 Zeichen lang sein'],
  [/^(?:[\w.]+ )?must be shorter than or equal to (\d+) characters?$/, 'darf höchstens $1 Zeichen lang sein'],
  [/^(?:[\w.]+ )?must not be less than (-?[\d.]+)$/, 'darf nicht kleiner als $1 sein'],
  [/^(?:[\w.]+ )?must not be greater than (-?[\d.]+)$/, 'darf nicht größer als $1 sein'],
  [/^(?:[\w.]+ )?must be an integer number$/, 'muss eine ganze Zahl sein'],
  [/^(?:[\w.]+ )?must be a number conforming to the specified constraints$/, 'muss eine Zahl sein'],
  [/^(?:[\w.]+ )?must be an email$/, 'ist keine gültige E-Mail-Adresse'],
  [/^(?:[\w.]+ )?must be a Date instance$/, 'ist kein gültiges Datum'],
  [/^(?:[\w.]+ )?must be a string$/, 'muss ein Text sein'],
  [/^(?:[\w.]+ )?must contain at least 1 elements?$/, 'braucht mindestens einen Eintrag'],
  [/^(?:[\w.]+ )?must contain no more than (\d+) elements$/, 'höchstens $1 Einträge'],
  [/^(?:[\w.]+ )?must be one of the following values: (.*)$/, 'muss einer dieser Werte sein: $1'],
  [/^must be after opensAt$/, 'muss nach dem Beginn liegen'],
  [/^must not exceed reviewsPerProposal$/, 'darf nicht größer als „Gutachten je Antrag“ sein'],
  [/^must be greater than min$/, 'muss größer als Min sein'],
  [/^must divide max − min evenly$/, 'muss Max − Min ohne Rest teilen'],
  [/^must lie between min and max$/, 'muss zwischen Min und Max liegen'],
  [/^must be in the future$/, 'muss in der Zukunft liegen'],
  [/^required$/, 'erforderlich'],
  [/^required to submit$/, 'zum Einreichen erforderlich'],
  [/^not a criterion of this call$/, 'kein Kriterium dieser Ausschreibung'],
  [
    /^must be a number from (\S+) to (\S+) in steps of (\S+)$/,
    'muss eine Zahl von $1 bis $2 in Schritten von $3 sein',
  ],
  [/^not a topic of the call: (.*)$/, 'kein Thema dieser Ausschreibung: $1'],
  [/^duplicate key "(.*)"$/, 'Schlüssel "$1" doppelt'],
  [/^E-mail address or password is wrong\.$/, 'E-Mail-Adresse oder Passwort ist falsch.'],
  [/^A user with this e-mail address exists already\.$/, 'Zu dieser E-Mail-Adresse gibt es schon ein Konto.'],
  [/^The proposal needs (.*) before it can be submitted\.$/, 'Vor dem Einreichen fehlt noch: $1.'],
  [/^The call is not open for submissions\.$/, 'Die Ausschreibung nimmt keine Anträge an.'],
  [/^The submission deadline of the call has passed\.$/, 'Die Einreichungsfrist ist abgelaufen.'],
  [/^The revision period has ended\.$/, 'Die Überarbeitungsfrist ist abgelaufen.'],
  [/^The call does not take new proposals\.$/, 'Die Ausschreibung nimmt keine neuen Anträge an.'],
  [/^The submission deadline lies in the past\.$/, 'Die Einreichungsfrist liegt in der Vergangenheit.'],
  [/^reason is required$/, 'eine Begründung ist erforderlich'],
  [/^"(.*)" needs a reason\.$/, 'Dafür ist eine Begründung erforderlich.'],
  [/^no organisation with this id$/, 'diese Organisation gibt es nicht'],
  [/^would make the organisation its own ancestor$/, 'die Organisation wäre ihre eigene Muttergesellschaft'],
  [/^belongs to another registry entry$/, 'gehört schon zu einem anderen Eintrag'],
  [/^must differ from the merged entry$/, 'muss ein anderer Eintrag sein'],
  [/^must differ from the organisation$/, 'muss eine andere Organisation sein'],
  [/^no registry entry has this name or alias$/, 'kein Eintrag des Verzeichnisses trägt diesen Namen'],
  [/^must not be null$/, 'darf nicht leer sein'],
];

const words: [RegExp, string][] = [
  [/\ba title\b/g, 'ein Titel'],
  [/\ban abstract\b/g, 'eine Zusammenfassung'],
  [/\bat least one topic\b/g, 'mindestens ein Thema'],
  [/\bat least one PDF attachment\b/g, 'mindestens eine PDF-Anlage'],
];

export function serverMessageDe(message: string): string {
  for (const [pattern, replacement] of patterns) {
    if (pattern.test(message)) {
      let text = message.replace(pattern, replacement);
      for (const [word, german] of words) text = text.replace(word, german);
      // German decimals take a comma: "in Schritten von 0,5" (the English message says 0.5).
      return text.replace(/(\d)\.(\d)/g, '$1,$2');
    }
  }
  return message;
}
