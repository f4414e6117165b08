import type { PdfWriter } from '@/common/pdf-document';
import type { AgendaItem, Member } from './meeting-agenda';

/** German and English labels of the minutes and the pack (documents, not pages: no page catalogue). */
const LABELS = {
  de: {
    minutes: 'Protokoll',
    pack: 'Sitzungsmappe',
    startsAt: 'Beginn',
    location: 'Ort',
    state: 'Stand',
    draft: 'Entwurf (nicht genehmigt)',
    approved: 'Genehmigt',
    present: 'Anwesend',
    absent: 'Nicht anwesend',
    nobody: 'niemand',
    item: 'TOP',
    leftRoom: 'Befangen, haben den Raum verlassen',
    result: 'Ergebnis',
    votes: (i: NonNullable<AgendaItem['result']>) =>
      `Zustimmung ${i.approve}, Ablehnung ${i.reject}, Überarbeitung ${i.revise}, Enthaltung ${i.abstain}`,
    quorum: (q: AgendaItem['quorum']) =>
      `${q.presentEligible} von ${q.eligible} nicht befangenen Mitgliedern anwesend; beschlussfähig ab ${q.required}: ${q.reached ? 'ja' : 'nein'}`,
    noResult: 'kein Ergebnis eingetragen',
    decision: 'Beschluss',
    noDecision: 'kein Beschluss',
    rationale: 'Begründung',
    granted: 'Bewilligte Förderung',
    override: 'ABWEICHUNG VON DER MEHRHEIT (Override)',
    trail: 'Verlauf',
    trailHeader: ['Zeit', 'Wer', 'Was'],
    reader: 'Für',
    requested: 'Beantragte Förderung',
    scores: 'Bewertung (gewichtete Gesamtnote)',
    rank: 'Rang',
    controversial: 'strittig',
    reviews: 'Zusammenfassungen der Gutachten',
    consensus: 'Konsensbericht der Gutachtenden',
    minority: 'Abweichende Meinung',
    noItems: 'Keine Tagesordnungspunkte.',
    outcome: {
      approved: 'Bewilligt',
      rejected: 'Abgelehnt',
      revision_requested: 'Überarbeitung verlangt',
      invited: 'Zur Vollantragstellung eingeladen',
      not_invited: 'Nicht eingeladen',
    },
  },
  en: {
    minutes: 'Minutes',
    pack: 'Meeting pack',
    startsAt: 'Starts',
    location: 'Location',
    state: 'Status',
    draft: 'Draft (not approved)',
    approved: 'Approved',
    present: 'Present',
    absent: 'Absent',
    nobody: 'nobody',
    item: 'Item',
    leftRoom: 'Conflicted, left the room',
    result: 'Result',
    votes: (i: NonNullable<AgendaItem['result']>) =>
      `approve ${i.approve}, reject ${i.reject}, revise ${i.revise}, abstain ${i.abstain}`,
    quorum: (q: AgendaItem['quorum']) =>
      `${q.presentEligible} of ${q.eligible} non-conflicted members present; quorum from ${q.required}: ${q.reached ? 'yes' : 'no'}`,
    noResult: 'no result recorded',
    decision: 'Decision',
    noDecision: 'no decision',
    rationale: 'Rationale',
    granted: 'Granted funding',
    override: 'DEPARTS FROM THE MAJORITY (override)',
    trail: 'Audit trail',
    trailHeader: ['When', 'Who', 'What'],
    reader: 'For',
    requested: 'Requested funding',
    scores: 'Scores (weighted total)',
    rank: 'Rank',
    controversial: 'controversial',
    reviews: 'Review summaries',
    consensus: "The reviewers' consensus report",
    minority: 'Minority view',
    noItems: 'No agenda items.',
    outcome: {
      approved: 'Approved',
      rejected: 'Rejected',
      revision_requested: 'Revision requested',
      invited: 'Invited to a full proposal',
      not_invited: 'Not invited',
    },
  },
} as const;

export type DocLocale = keyof typeof LABELS;

// Built once per locale: a pack or minutes formats hundreds of amounts and scores.
const formatters = <F>(make: (tag: string) => F) => {
  const byLocale = { de: make('de-DE'), en: make('en-GB') };
  return (locale: DocLocale) => byLocale[locale];
};
const dateTimeFormat = formatters(
  (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
);
const euroFormat = formatters(
  (tag) => new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
);
const scoreFormat = formatters(
  (tag) => new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);
const dateTime = (value: Date | string, locale: DocLocale) => dateTimeFormat(locale).format(new Date(value));
const euro = (value: number, locale: DocLocale) => euroFormat(locale).format(value);
const score = (value: number | null, locale: DocLocale) =>
  value === null ? '—' : scoreFormat(locale).format(value);
const names = (members: Member[], locale: DocLocale) =>
  members.length ? members.map((m) => m.name).join(', ') : LABELS[locale].nobody;
const itemTitle = (item: AgendaItem, locale: DocLocale) =>
  `${LABELS[locale].item} ${item.position}: ${item.acronym ? `${item.acronym} – ` : ''}${item.title}`;

export interface MinutesInput {
  title: string;
  startsAt: Date;
  location: string;
  members: Member[];
  present: Member[];
  items: AgendaItem[];
  trail: { at: Date; actor: string; action: string; detail: string }[];
  approval: { by: string; at: Date } | null;
}

/** The minutes (Protokoll): attendance, per item who left the room, the result, the decision, overrides marked. */
export function drawMinutes(pdf: PdfWriter, input: MinutesInput, locale: DocLocale = 'de'): void {
  const l = LABELS[locale];
  pdf.heading(`${l.minutes}: ${input.title}`);
  const presentIds = new Set(input.present.map((m) => m.id));
  pdf.facts([
    [l.startsAt, dateTime(input.startsAt, locale)],
    [l.location, input.location || '—'],
    [
      l.state,
      input.approval
        ? `${l.approved}: ${input.approval.by}, ${dateTime(input.approval.at, locale)}`
        : l.draft,
    ],
    [l.present, names(input.present, locale)],
    [
      l.absent,
      names(
        input.members.filter((m) => !presentIds.has(m.id)),
        locale,
      ),
    ],
  ]);
  if (input.items.length === 0) pdf.paragraph(l.noItems);
  for (const item of input.items) {
    pdf.subheading(itemTitle(item, locale));
    const facts: Array<[string, string]> = [
      [l.leftRoom, names(item.conflicted, locale)],
      [l.result, item.result ? `${l.votes(item.result)} (${l.quorum(item.quorum)})` : l.noResult],
      [
        l.decision,
        item.decision
          ? `${l.outcome[item.decision.outcome]}${item.decision.override ? ` — ${l.override}` : ''}`
          : l.noDecision,
      ],
    ];
    if (item.decision?.grantedFundingEur !== null && item.decision?.grantedFundingEur !== undefined)
      facts.push([l.granted, euro(item.decision.grantedFundingEur, locale)]);
    if (item.decision) facts.push([l.rationale, item.decision.rationale || '—']);
    pdf.facts(facts);
  }
  pdf.subheading(l.trail);
  pdf.table(
    [
      [...l.trailHeader],
      ...input.trail.map((e) => [
        dateTime(e.at, locale),
        e.actor,
        `${e.action}${e.detail ? `: ${e.detail}` : ''}`,
      ]),
    ],
    [130, 120, 230],
  );
}

export interface PackItem {
  item: AgendaItem;
  criteria: { label: string; mean: number | null }[];
  reviews: { label: string; text: string }[];
  /** The round's final consensus report (DESIGN §12): shown instead of the review summaries. */
  consensus?: { text: string; minorityViews: string[] } | null;
}

/** The meeting pack of one member: the agenda without the items they are conflicted with. */
export function drawPack(
  pdf: PdfWriter,
  input: { title: string; startsAt: Date; location: string; reader: string; items: PackItem[] },
  locale: DocLocale,
): void {
  const l = LABELS[locale];
  pdf.heading(`${l.pack}: ${input.title}`);
  pdf.facts([
    [l.startsAt, dateTime(input.startsAt, locale)],
    [l.location, input.location || '—'],
    [l.reader, input.reader],
  ]);
  if (input.items.length === 0) pdf.paragraph(l.noItems);
  for (const { item, criteria, reviews, consensus } of input.items) {
    pdf.subheading(`${itemTitle(item, locale)}${item.controversial ? ` (${l.controversial})` : ''}`);
    pdf.facts([
      [l.requested, euro(item.requestedFundingEur, locale)],
      [l.rank, item.rank === null ? '—' : String(item.rank)],
      [l.scores, score(item.total, locale)],
      ...criteria.map((c): [string, string] => [c.label, score(c.mean, locale)]),
    ]);
    if (consensus) {
      pdf.paragraph(`${l.consensus}:`);
      pdf.paragraph(consensus.text || '—');
      for (const view of consensus.minorityViews) pdf.paragraph(`${l.minority}: ${view}`);
    } else if (reviews.length > 0) {
      pdf.paragraph(`${l.reviews}:`);
      for (const r of reviews) pdf.paragraph(`${r.label}: ${r.text}`);
    }
  }
}
