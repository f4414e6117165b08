import { renderPdf } from '@/common/pdf-document';
import type { DecisionOutcome } from './decision.entity';

export type LetterLocale = 'de' | 'en';

/** Everything a decision letter says, resolved (labels in the letter's language, numbers formatted). */
export interface LetterContent {
  locale: LetterLocale;
  applicantName: string;
  proposalTitle: string;
  acronym: string;
  callTitle: string;
  round: number;
  outcome: DecisionOutcome;
  rationale: string;
  grantedFundingEur: number | null;
  revisionDeadline: Date | null;
  /** The office's personal paragraph ('' when none). */
  paragraph: string;
  /** Criterion label and value (consensus score or mean), rubric order. */
  scores: { label: string; value: number | null }[];
  total: number | null;
  /** True when the scores and the text are the consensus report's. */
  consensus: boolean;
  consensusText: string;
  minorityViews: string[];
  /** Comments to the applicant as "A", "B", … (empty with a consensus). */
  comments: { letter: string; text: string }[];
}

const TEXTS = {
  de: {
    title: 'Entscheidung über Ihren Antrag',
    dear: (name: string) => `Guten Tag ${name},`,
    intro: (t: string, a: string, c: string, r: number) =>
      `die Steuerungsgruppe hat über Ihren Antrag „${t}“ (${a}) in der Ausschreibung „${c}“ (Runde ${r}) entschieden.`,
    outcome: 'Ergebnis',
    approved: 'Bewilligt',
    rejected: 'Abgelehnt',
    revision_requested: 'Überarbeitung erbeten',
    invited: 'Zum Vollantrag eingeladen',
    not_invited: 'Nicht zum Vollantrag eingeladen',
    granted: 'Bewilligte Förderung',
    deadline: 'Überarbeitung einreichen bis',
    rationale: 'Begründung',
    consensusScores: 'Bewertung (Konsens der Gutachter*innen)',
    means: 'Bewertung (Mittelwerte der Gutachten)',
    criterion: 'Kriterium',
    value: 'Wert',
    total: 'Gewichtete Gesamtnote',
    consensusText: 'Konsensbericht der Gutachter*innen',
    minority: (i: number) => `Minderheitsvotum ${i}`,
    comments: 'Kommentare der Gutachter*innen',
    reviewer: (l: string) => `Gutachter*in ${l}`,
  },
  en: {
    title: 'Decision on your proposal',
    dear: (name: string) => `Dear ${name},`,
    intro: (t: string, a: string, c: string, r: number) =>
      `the steering group has decided on your proposal “${t}” (${a}) in the call “${c}” (round ${r}).`,
    outcome: 'Outcome',
    approved: 'Approved',
    rejected: 'Rejected',
    revision_requested: 'Revision requested',
    invited: 'Invited to submit a full proposal',
    not_invited: 'Not invited to submit a full proposal',
    granted: 'Funding granted',
    deadline: 'Submit the revision by',
    rationale: 'Rationale',
    consensusScores: "Assessment (the reviewers' consensus)",
    means: 'Assessment (means of the reviews)',
    criterion: 'Criterion',
    value: 'Score',
    total: 'Weighted total',
    consensusText: "The reviewers' consensus report",
    minority: (i: number) => `Minority view ${i}`,
    comments: 'Comments from the reviewers',
    reviewer: (l: string) => `Reviewer ${l}`,
  },
} as const;

const score = (v: number | null, locale: LetterLocale) =>
  v === null
    ? '—'
    : new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(v);
const euro = (v: number, locale: LetterLocale) =>
  new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(v);
const berlin = (d: Date, locale: LetterLocale) =>
  d.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'long',
    timeStyle: 'short',
  });

/** The letter as sections of text: the PDF draws them, the office's preview shows them. */
export function letterSections(c: LetterContent): { heading: string; lines: string[] }[] {
  const t = TEXTS[c.locale];
  const facts = [`${t.outcome}: ${t[c.outcome]}`];
  if (c.outcome === 'approved' && c.grantedFundingEur !== null)
    facts.push(`${t.granted}: ${euro(c.grantedFundingEur, c.locale)}`);
  if (c.outcome === 'revision_requested' && c.revisionDeadline)
    facts.push(`${t.deadline}: ${berlin(c.revisionDeadline, c.locale)}`);
  const sections: { heading: string; lines: string[] }[] = [
    {
      heading: t.title,
      lines: [
        t.dear(c.applicantName),
        t.intro(c.proposalTitle, c.acronym || '—', c.callTitle, c.round),
        ...facts,
        ...(c.paragraph.trim() ? [c.paragraph.trim()] : []),
      ],
    },
  ];
  if (c.rationale.trim()) sections.push({ heading: t.rationale, lines: [c.rationale.trim()] });
  sections.push({
    heading: c.consensus ? t.consensusScores : t.means,
    lines: [
      ...c.scores.map((s) => `${s.label}: ${score(s.value, c.locale)}`),
      `${t.total}: ${score(c.total, c.locale)}`,
    ],
  });
  if (c.consensus) {
    sections.push({ heading: t.consensusText, lines: [c.consensusText] });
    c.minorityViews.forEach((v, i) => sections.push({ heading: t.minority(i + 1), lines: [v] }));
  } else if (c.comments.length > 0) {
    sections.push({
      heading: t.comments,
      lines: c.comments.flatMap((x) => [`${t.reviewer(x.letter)}:`, x.text]),
    });
  }
  return sections;
}

/** The letter as one plain text (the preview). */
export function letterText(c: LetterContent): string {
  return letterSections(c)
    .map((s) => [s.heading, '', ...s.lines].join('\n'))
    .join('\n\n');
}

/** The letter as an A4 PDF through the one PDF writer (DejaVu fonts: umlauts and ß). */
export function letterPdf(c: LetterContent, createdAt?: Date): Promise<Buffer> {
  const t = TEXTS[c.locale];
  return renderPdf(
    { title: `${t.title}: ${c.acronym || c.proposalTitle}`, language: c.locale, createdAt },
    (pdf) => {
      letterSections(c).forEach((section, i) => {
        if (i === 0) pdf.heading(section.heading);
        else pdf.subheading(section.heading);
        for (const line of section.lines) pdf.paragraph(line);
      });
    },
  );
}
