/**
 * The Part II data of `npm run bench:pages`, on top of the bench call of bench/seed.ts (whose counts
 * stay as they are: the HTTP benches depend on them). Written through the service's own API, as the
 * office, the chair and a reviewer would:
 *
 *  - an organisation registry: 20 corporate groups ("Konzern g") with three members each, named like
 *    the seed's partners, applicants' firms and reviewers' institutes (so conflicts through groups
 *    arise), 10 competitor pairs, and a personal conflict of reviewer 1;
 *  - batch letters on the bench call (the call's release mode set as if chosen when it was created);
 *  - a steering meeting on the bench call with a 40-item agenda: opened, all members present, a vote
 *    result and a decision on every item (an override where the vote ties), closed, minutes approved
 *    by the chair (so the frozen minutes PDF exists), leaving 40 letters to release;
 *  - consensus reports on the bench call: the three reviewers of a round-2 proposal submit their
 *    reviews (it moves to in_consensus), the office names the first the rapporteur, who saves a draft.
 *    (The seed's earlier rounds have no reports: written before the call had consensus.)
 */
import type { DataSource } from 'typeorm';
import { defaultRubric } from '@/calls/rubric';
import { benchId, BENCH_SIZE, REVIEWS_PER_PROPOSAL, type SeedResult } from './seed';

export const AGENDA_ITEMS = 40;
const GROUPS = 20;

export interface PagesWorld {
  meetingId: string;
  organisationId: string;
  /** A round-2 proposal in consensus: a rapporteur named, a draft saved. */
  consensusProposalId: string;
  rapporteurToken: string;
  /** A proposal with a recorded, unreleased decision (its letter). */
  letterProposalId: string;
}

type Api = <T>(method: string, path: string, token: string, body?: unknown) => Promise<T>;

function apiOf(base: string): Api {
  return async <T>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

async function seedRegistry(api: Api, seed: SeedResult): Promise<string> {
  const create = (body: Record<string, unknown>) =>
    api<{ id: string }>('POST', '/api/organisations', seed.officeToken, body);
  const groups: string[] = [];
  for (let g = 1; g <= GROUPS; g++) {
    const group = await create({ name: `Konzern ${g}`, aliases: [`Konzern ${g} AG`], kind: 'large' });
    groups.push(group.id);
    await create({ name: `Partner ${g * 7}`, parentId: group.id, kind: 'sme', city: 'Wolfsburg' });
    await create({ name: `Firma ${g * 11}`, parentId: group.id, kind: 'large', employees: 900 });
    await create({ name: `Institut ${g * 13}`, parentId: group.id, kind: 'research' });
  }
  for (let g = 0; g < GROUPS; g += 2) {
    await api('POST', `/api/organisations/${groups[g]}/competitors`, seed.officeToken, {
      organisationId: groups[g + 1],
    });
  }
  await api('POST', '/api/personal-conflicts', seed.reviewerToken, {
    organisation: 'Konzern 3',
    reason: 'Beirat der Konzernstiftung',
  });
  return groups[0];
}

/** Vote counts of item i among 8 counted members: mostly a clear majority, every 10th a tie. */
function resultOf(i: number) {
  if (i % 10 === 9) return { approve: 3, reject: 3, revise: 2, abstain: 0 };
  if (i % 4 === 3) return { approve: 1, reject: 2, revise: 5, abstain: 0 };
  return { approve: 5, reject: 2, revise: 1, abstain: 0 };
}

/** Requested funding of seed proposal n (bench/seed.ts). */
const requestedOf = (n: number): number => 50000 + ((n * 7919) % 450000);

async function seedMeeting(api: Api, seed: SeedResult): Promise<string> {
  const office = seed.officeToken;
  const meeting = await api<{ id: string }>('POST', '/api/meetings', office, {
    title: 'Sitzung der Steuerungsgruppe (Benchmark)',
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    location: 'Raum 1.12',
    callIds: [seed.callId],
  });
  const id = meeting.id;
  // Proposals 6, 51, 96, …: awaiting a decision (the seed's round-2 proposals come last).
  const agenda = Array.from({ length: AGENDA_ITEMS }, (_, i) => seed.proposalIds[i * 45 + 5]);
  await api('PUT', `/api/meetings/${id}/agenda`, office, { proposalIds: agenda });
  await api('POST', `/api/meetings/${id}/events/open`, office, {});
  const present = Array.from({ length: BENCH_SIZE.steering }, (_, m) =>
    benchId(BENCH_SIZE.tag, 'steering', m + 1),
  );
  await api('PUT', `/api/meetings/${id}/attendance`, office, { present });
  for (const [i, proposalId] of agenda.entries()) {
    const result = await api<{ proposedOutcome: string | null }>(
      'POST',
      `/api/meetings/${id}/items/${proposalId}/result`,
      office,
      resultOf(i),
    );
    const outcome = result.proposedOutcome ?? 'revision_requested';
    await api('POST', `/api/meetings/${id}/items/${proposalId}/decision`, office, {
      outcome,
      rationale: 'Überzeugendes Arbeitsprogramm; die Sachmittel werden um 20.000 EUR gekürzt.',
      ...(outcome === 'approved' ? { grantedFundingEur: Math.round(requestedOf(i * 45 + 6) * 0.9) } : {}),
      ...(result.proposedOutcome === null ? { override: true } : {}),
    });
  }
  await api('POST', `/api/meetings/${id}/events/close`, office, {});
  await api('POST', `/api/meetings/${id}/minutes/approve`, seed.chairToken, {});
  return id;
}

/** The reviewers of round-2 proposal `index` submit their reviews: it moves to in_consensus. */
async function seedConsensus(
  api: Api,
  seed: SeedResult,
  index: number,
): Promise<{ proposalId: string; rapporteurToken: string }> {
  const firstRevision = BENCH_SIZE.proposals - BENCH_SIZE.revisionProposals;
  // bench/seed.ts orders draftTargets by reviewer slot j, then proposal.
  const targets = Array.from(
    { length: REVIEWS_PER_PROPOSAL },
    (_, j) => seed.draftTargets[j * BENCH_SIZE.revisionProposals + index - firstRevision],
  );
  const scores = Object.fromEntries(defaultRubric().criteria.map((c, i) => [c.key, 3 + (i % 3) * 0.5]));
  for (const target of targets) {
    await api('PUT', `/api/assignments/${target.assignmentId}/review`, target.token, {
      scores,
      commentToApplicant: 'Das Konsortium ist stark, der Arbeitsplan knapp bemessen.',
      confidentialComment: 'Budget prüfen.',
    });
    await api('POST', `/api/assignments/${target.assignmentId}/review/submit`, target.token, {});
  }
  const proposalId = seed.proposalIds[index];
  const rapporteur = await api<{ reviewerId: string }>(
    'GET',
    `/api/assignments/${targets[0].assignmentId}`,
    targets[0].token,
  );
  await api('PUT', `/api/proposals/${proposalId}/consensus/rapporteur`, seed.officeToken, {
    reviewerId: rapporteur.reviewerId,
  });
  await api('PUT', `/api/proposals/${proposalId}/consensus`, targets[0].token, {
    scores,
    commentToApplicant: 'Das Konsortium ist stark, der Arbeitsplan knapp bemessen.',
  });
  return { proposalId, rapporteurToken: targets[0].token };
}

export async function seedPagesWorld(
  base: string,
  dataSource: DataSource,
  seed: SeedResult,
): Promise<PagesWorld> {
  const api = apiOf(base);
  // Chosen when a call is created; set here on the bench call: batch letters, consensus reports.
  await dataSource.query(`UPDATE calls SET release_decisions = 'batch', consensus = true WHERE id = $1`, [
    seed.callId,
  ]);
  const organisationId = await seedRegistry(api, seed);
  const meetingId = await seedMeeting(api, seed);
  const consensus = await seedConsensus(api, seed, BENCH_SIZE.proposals - 2);
  await dataSource.query('ANALYZE');
  return {
    meetingId,
    organisationId,
    consensusProposalId: consensus.proposalId,
    rapporteurToken: consensus.rapporteurToken,
    letterProposalId: seed.proposalIds[5],
  };
}
