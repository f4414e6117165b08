import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './factories';
import { awaitingDecision, createReviewers, defaultScores } from './seed-reviews';
import type { TestApp } from './test-app';

export interface MeetingWorld {
  callId: string;
  chair: TestUser;
  members: TestUser[];
  /** Organisation of a partner of `proposals.conflicted`: must leave the room for that item. */
  conflicted: TestUser;
  applicant: TestUser;
  reviewer: TestUser;
  proposals: { plain: string; conflicted: string; controversial: string; weak: string };
}

export const CONFLICTED_TITLE = 'Wasserstofftank mit Befangenheit';
export const CONFLICTED_ACRONYM = 'HYKON';

/**
 * A call with four proposals awaiting decision: `controversial` (reviewers 1, 3 and 5: disagreement),
 * `conflicted` (a partner of the same organisation as one steering member), `plain` and `weak`; and a
 * steering group of a chair, three members and that conflicted member.
 */
export async function meetingWorld(t: TestApp): Promise<MeetingWorld> {
  const callId = (await createOpenCall(t)).id;
  const applicant = await registerApplicant(t, 'Zulieferer GmbH');
  const reviewers = await createReviewers(t, 3);
  const chair = await createUser(t, {
    roles: ['steering'],
    chair: true,
    name: 'Vorsitz Weber',
    organisation: 'Stiftung',
  });
  const members: TestUser[] = [];
  for (const name of ['Mitglied Adler', 'Mitglied Brandt', 'Mitglied Conrad']) {
    members.push(await createUser(t, { roles: ['steering'], name, organisation: 'Hochschule' }));
  }
  const conflicted = await createUser(t, {
    roles: ['steering'],
    name: 'Mitglied Dorn',
    organisation: 'Partner AG',
  });
  const seed = async (fields: Record<string, unknown>, scores: number[]) => {
    const id = await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, ...fields });
    await awaitingDecision(
      t,
      id,
      reviewers.map((reviewer, i) => ({ reviewer, scores: defaultScores(...Array(5).fill(scores[i])) })),
    );
    return id;
  };
  const plain = await seed({ title: 'Leichtbau ohne Streit', acronym: 'LEICHT' }, [4, 4, 4]);
  const conflictedId = await seed(
    {
      title: CONFLICTED_TITLE,
      acronym: CONFLICTED_ACRONYM,
      requestedFundingEur: 300000,
      partners: [{ name: 'Partner AG', kind: 'large', city: 'Wolfsburg' }],
    },
    [4.5, 4.5, 4.5],
  );
  const controversial = await seed({ title: 'Strittige Batterie', acronym: 'STREIT' }, [1, 3, 5]);
  const weak = await seed({ title: 'Schwacher Antrag', acronym: 'SCHWACH' }, [2.5, 2.5, 2.5]);
  return {
    callId,
    chair,
    members,
    conflicted,
    applicant,
    reviewer: reviewers[0],
    proposals: { plain, conflicted: conflictedId, controversial, weak },
  };
}

/** GET a binary body (PDF) as a Buffer. */
export function download(t: TestApp, path: string, token: string) {
  return t
    .http()
    .get(path)
    .set(auth(token))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }) as unknown as Promise<Response & { body: Buffer }>;
}

/** The text of a PDF, by poppler's pdftotext (layout kept, so one line reads as printed). */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'beirat-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
