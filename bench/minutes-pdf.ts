/**
 * Benchmark of the meeting minutes PDF (issue 17, acceptance 5: a 40-item meeting under 300 ms):
 *
 *   npx ts-node -r tsconfig-paths/register bench/minutes-pdf.ts
 *
 * Renders the minutes of a meeting with 40 agenda items (eight members, two conflicted per item, a
 * result and a decision with a rationale on each, every fifth an override, a 200-line audit trail)
 * through the same writer the service uses (`MeetingMinutesService.renderInput`, `common/pdf-document.ts`),
 * BENCH_RUNS times (30) after a warm-up, and reports the median, p90 and minimum. Only the rendering is
 * timed: reading the data is a handful of set-based queries whatever the agenda's length. The
 * integrator adds `benchMinutesPdf` to bench/run-all.ts.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AgendaItem, Member } from '@/meetings/meeting-agenda';
import type { MinutesInput } from '@/meetings/meeting-documents';
import { MeetingMinutesService } from '@/meetings/meeting-minutes.service';

const ITEMS = 40;
const TARGET_MS = 300;

export interface MinutesBench {
  items: number;
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  bytes: number;
  targetMs: number;
  ok: boolean;
  /** The machine is shared: its one-minute load average per core while this ran. */
  loadPerCore: number;
}

function minutesOf(items: number): MinutesInput {
  const members: Member[] = Array.from({ length: 8 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Mitglied Ärztekammer-Müßig ${i + 1}`,
    chair: i === 0,
  }));
  const agenda: AgendaItem[] = Array.from({ length: items }, (_, i) => ({
    position: i + 1,
    proposalId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    callId: '20000000-0000-4000-8000-000000000000',
    title: `Leichtbau-Batteriegehäuse aus Recyclingaluminium für Kleinserien, Teil ${i + 1}`,
    acronym: `LEIBAT${i + 1}`,
    round: 1,
    state: 'approved',
    requestedFundingEur: 250_000 + i * 1000,
    rank: i + 1,
    total: 4 - i / 40,
    disagreement: i % 7 === 0,
    splitVotes: i % 5 === 0,
    controversial: i % 5 === 0 || i % 7 === 0,
    conflicted: [members[(i % 7) + 1], members[((i + 3) % 7) + 1]],
    quorum: { eligible: 6, presentEligible: 5, required: 3, reached: true },
    result: { approve: 3, reject: 1, revise: 1, abstain: 0, recordedAt: '2027-01-14T10:00:00.000Z' },
    decision: {
      outcome: i % 5 === 0 ? 'revision_requested' : 'approved',
      rationale:
        'Überzeugendes Arbeitsprogramm; die Sachmittel werden um 20.000 EUR gekürzt, weil zwei Arbeitspakete sich überschneiden.',
      grantedFundingEur: i % 5 === 0 ? null : 230_000,
      override: i % 5 === 0,
    },
  }));
  return {
    title: 'Sitzung der Steuerungsgruppe (Benchmark)',
    startsAt: new Date('2027-01-14T09:00:00Z'),
    location: 'Raum 1.12',
    members,
    present: members.slice(0, 7),
    items: agenda,
    trail: Array.from({ length: 200 }, (_, i) => ({
      at: new Date(Date.UTC(2027, 0, 14, 9, 0, i)),
      actor: members[i % 8].name,
      action: i % 2 ? 'result' : 'decide',
      detail: `TOP ${(i % ITEMS) + 1}: approve 3, reject 1, revise 1, abstain 0`,
    })),
    approval: { by: members[0].name, at: new Date('2027-01-20T12:00:00Z') },
  };
}

export async function benchMinutesPdf(runs = Number(process.env.BENCH_RUNS ?? 30)): Promise<MinutesBench> {
  const input = minutesOf(ITEMS);
  const createdAt = new Date('2027-01-20T12:00:00Z');
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = (await MeetingMinutesService.renderInput(input, createdAt)).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await MeetingMinutesService.renderInput(input, createdAt);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return {
    items: ITEMS,
    runs,
    medianMs: Math.round(median * 10) / 10,
    p90Ms: Math.round(times[Math.floor(times.length * 0.9)] * 10) / 10,
    minMs: Math.round(times[0] * 10) / 10,
    bytes,
    targetMs: TARGET_MS,
    ok: median < TARGET_MS,
    loadPerCore: Math.round((loadavg()[0] / cpus().length) * 10) / 10,
  };
}

if (require.main === module) {
  void benchMinutesPdf().then((r) => {
    console.log(
      `minutes PDF, ${r.items} items: median ${r.medianMs} ms, p90 ${r.p90Ms} ms, min ${r.minMs} ms over ${r.runs} runs (${r.bytes} bytes); target < ${r.targetMs} ms: ${r.ok ? 'met' : 'MISSED'} (load ${r.loadPerCore} per core)`,
    );
    process.exitCode = r.ok ? 0 : 1;
  });
}
