/**
 * Decision letter PDF generation (issue 16: < 300 ms): renders a realistic letter — German umlauts,
 * five criteria, a consensus text with two minority views, a personal paragraph — 30 times through
 * the one PDF writer (src/common/pdf-document.ts, DejaVu fonts embedded) and reports the median and
 * the slowest run. Pure CPU: no database, no app. The integrator calls it from bench/run-all.ts;
 * `npx ts-node -r tsconfig-paths/register bench/letter-pdf.ts` runs it alone.
 */
import { letterPdf, type LetterContent } from '@/decision/letter-content';

export interface LetterPdfFigures {
  runs: number;
  medianMs: number;
  maxMs: number;
  /** Median CPU time of this process per letter (user + system): less sensitive to a busy machine. */
  medianCpuMs: number;
  bytes: number;
  /** The acceptance limit of issue 16. */
  limitMs: number;
}

const LONG =
  'Die Gutachter*innen würdigen die Qualität des Arbeitsplans, sehen aber Lücken beim Transfer in kleine und mittlere Unternehmen. ';

export const BENCH_LETTER: LetterContent = {
  locale: 'de',
  applicantName: 'Jürgen Weiß',
  proposalTitle: 'Leichtbau-Batteriegehäuse aus Recyclingaluminium für Kleinserien im Großraum Braunschweig',
  acronym: 'LEIBAT',
  callTitle: 'Mobilität 2030 – Kooperationsprojekte',
  round: 1,
  outcome: 'approved',
  rationale: `${LONG}Die Sachmittel werden um 20.000 EUR gekürzt; die Förderung beginnt zum 1. März.`,
  grantedFundingEur: 230_000,
  revisionDeadline: null,
  paragraph: 'Wir freuen uns auf das Auftakttreffen im Januar und grüßen herzlich aus dem Clusterbüro.',
  scores: [
    { label: 'Wissenschaftliche Qualität', value: 4.5 },
    { label: 'Innovationsgrad', value: 4 },
    { label: 'Machbarkeit', value: 3.5 },
    { label: 'Transfer', value: 3.5 },
    { label: 'Nutzen für KMU', value: 4 },
  ],
  total: 4,
  consensus: true,
  consensusText: LONG.repeat(6),
  minorityViews: [LONG.repeat(2), 'Die Machbarkeit ist höher zu bewerten: Prototypen liegen bereits vor.'],
  comments: [],
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function benchLetterPdf(runs = 30): Promise<LetterPdfFigures> {
  await letterPdf(BENCH_LETTER); // warm-up: font parsing and module loading
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const pdf = await letterPdf(BENCH_LETTER);
    const used = process.cpuUsage(cpuStart);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push((used.user + used.system) / 1000);
    bytes = pdf.length;
  }
  return {
    runs,
    medianMs: median(times),
    maxMs: Math.max(...times),
    medianCpuMs: median(cpu),
    bytes,
    limitMs: 300,
  };
}

if (require.main === module) {
  void benchLetterPdf().then((f) => {
    console.log(
      `letter PDF: median ${f.medianMs.toFixed(1)} ms (CPU ${f.medianCpuMs.toFixed(1)} ms), max ${f.maxMs.toFixed(1)} ms over ${f.runs} runs (${f.bytes} bytes); target < ${f.limitMs} ms: ${f.medianMs < f.limitMs ? 'met' : 'MISSED'}`,
    );
  });
}
