import { auth, createOpenCall, createUser, eligibleProposal, fullScores, TestUser } from './factories';
import { awaitingDecision } from './seed-reviews';
import type { TestApp } from './test-app';

/** People and proposals of a small funding round, with names and addresses a search can find. */
export interface PrivacyWorld {
  callId: string;
  applicant: TestUser & { name: string };
  other: TestUser & { name: string };
  reviewers: (TestUser & { name: string })[];
  chair: TestUser & { name: string };
  member: TestUser & { name: string };
  /** The applicant's two proposals: the first approved, the second rejected. */
  funded: string;
  rejected: string;
  /** The other applicant's proposal, awaiting decision. */
  othersProposal: string;
  everyone: (TestUser & { name: string })[];
}

const named = async (t: TestApp, name: string, fields: Parameters<typeof createUser>[1]) => ({
  ...(await createUser(t, { ...fields, name })),
  name,
});

function ok(res: { status: number; body: unknown }, what: string): void {
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * An applicant with two decided proposals (one approved, one rejected), another applicant, two
 * reviewers who reviewed all three, a chair who voted on and decided both, a member who voted once.
 */
export async function privacyWorld(t: TestApp): Promise<PrivacyWorld> {
  const callId = (await createOpenCall(t)).id;
  const applicant = await named(t, 'Annegret Quendel', {
    roles: ['applicant'],
    organisation: 'Quendel Metall GmbH',
  });
  const other = await named(t, 'Bertram Xylander', { roles: ['applicant'], organisation: 'Xylander Werke' });
  const reviewers = [
    await named(t, 'Cordula Wimmelbach', { roles: ['reviewer'], organisation: 'Institut Nord' }),
    await named(t, 'Detlef Zwirbel', { roles: ['reviewer'], organisation: 'Institut Süd' }),
  ];
  const chair = await named(t, 'Elfriede Kranichfeld', {
    roles: ['steering'],
    chair: true,
    organisation: 'Land',
  });
  const member = await named(t, 'Friedhelm Ostwind', { roles: ['steering'], organisation: 'Kammer' });
  const funded = await eligibleProposal(t, applicant, callId);
  const rejected = await eligibleProposal(t, applicant, callId, {
    title: 'Wasserstoff-Tank für Lastenräder',
    acronym: 'H2RAD',
    abstract: 'Ein kleiner Drucktank.',
    topics: ['hydrogen'],
    partners: [{ name: 'Hochschule Ostfalia', kind: 'research', city: 'Wolfenbüttel' }],
    requestedFundingEur: 120000,
    durationMonths: 18,
  });
  const othersProposal = await eligibleProposal(t, other, callId);
  for (const id of [funded, rejected, othersProposal]) {
    await awaitingDecision(
      t,
      id,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
  }
  const vote = (who: TestUser, id: string, choice: string) =>
    t.http().put(`/api/proposals/${id}/vote`).set(auth(who.token)).send({ vote: choice, comment: 'Votum' });
  ok(await vote(chair, funded, 'approve'), 'vote');
  ok(await vote(member, funded, 'approve'), 'vote');
  ok(await vote(chair, rejected, 'reject'), 'vote');
  ok(await vote(member, othersProposal, 'revise'), 'vote');
  const decide = (id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/proposals/${id}/decision`).set(auth(chair.token)).send(body);
  ok(
    await decide(funded, { outcome: 'approved', rationale: 'Überzeugend', grantedFundingEur: 200000 }),
    'decide',
  );
  ok(await decide(rejected, { outcome: 'rejected', rationale: 'Zu früh' }), 'decide');
  return {
    callId,
    applicant,
    other,
    reviewers,
    chair,
    member,
    funded,
    rejected,
    othersProposal,
    everyone: [applicant, other, ...reviewers, chair, member],
  };
}
