/**
 * Demo additions of issue 16, called from scripts/demo.ts: a second call with consensus reports, a
 * budget (funding line) and letters released in a batch. Three proposals reviewed by the same three
 * board members: one with a final consensus (a signature and a minority view) decided and its letter
 * waiting for release, one final and awaiting the decision, one still drafted by its rapporteur.
 */
import type { INestApplication } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import { ConsensusService } from '@/consensus/consensus.service';
import { DecisionsService } from '@/decision/decisions.service';
import { VotesService } from '@/decision/votes.service';
import { AttachmentsService } from '@/proposals/attachments.service';
import { ProposalsService } from '@/proposals/proposals.service';
import { AssignmentsService } from '@/review/assignments.service';
import { ReviewsService } from '@/review/reviews.service';
import { toAuthUser, UsersService } from '@/users/users.service';
import { translator } from '@/web/i18n/i18n';
import { DAY, PASSWORD } from './demo-data';

const de = translator('de');
const KEYS = ['scientific_quality', 'innovation', 'feasibility', 'transfer', 'sme_benefit'];
const scores = (...v: number[]) => Object.fromEntries(KEYS.map((k, i) => [k, v[i]]));

const SPECS = [
  {
    acronym: 'KONSENS1',
    title: 'Recyclingfähige Sitzstrukturen aus Naturfasern',
    applicant: {
      name: 'Greta Lindner',
      email: 'lindner@naturfaser-demo.de',
      organisation: 'Naturfaser Werk GmbH',
    },
    funding: 320_000,
    reviews: [scores(4.5, 4, 4, 3.5, 4), scores(4, 4, 3.5, 3.5, 4), scores(5, 4.5, 4, 4, 4.5)],
    stage: 'decided',
  },
  {
    acronym: 'KONSENS2',
    title: 'Digitale Zwillinge für die Wasserstoff-Tankstelle',
    applicant: { name: 'Okan Demir', email: 'demir@h2station-demo.de', organisation: 'H2 Station Solutions' },
    funding: 280_000,
    reviews: [scores(4, 4, 4, 4, 4), scores(4, 4, 4, 4, 4), scores(4, 3.5, 4, 4, 4)],
    stage: 'final',
  },
  {
    acronym: 'KONSENS3',
    title: 'Sensorik für gebrauchte Batteriemodule',
    applicant: {
      name: 'Mia Kowalski',
      email: 'kowalski@zweitleben-demo.de',
      organisation: 'Zweitleben Akku KG',
    },
    funding: 150_000,
    reviews: [scores(3.5, 3.5, 4, 3, 3.5), scores(4, 3.5, 3.5, 3.5, 3), scores(3, 3.5, 3.5, 3, 3.5)],
    stage: 'drafting',
  },
] as const;

/** Seeds the consensus call; answers the sign-in rows of its applicants (German, as the pages say). */
export async function seedConsensusDemo(
  app: INestApplication,
  people: Record<string, AuthUser>,
): Promise<string[][]> {
  const users = app.get(UsersService);
  const calls = app.get(CallsService);
  const proposals = app.get(ProposalsService);
  const attachments = app.get(AttachmentsService);
  const assignments = app.get(AssignmentsService);
  const reviews = app.get(ReviewsService);
  const consensus = app.get(ConsensusService, { strict: false });
  const votes = app.get(VotesService, { strict: false });
  const decisions = app.get(DecisionsService, { strict: false });
  const office = people.office2;
  const board = [people.rev1, people.rev2, people.rev3];
  const now = Date.now();
  const call = await calls.create(
    {
      title: 'Kreislaufwirtschaft im Fahrzeugbau (Konsensverfahren)',
      description:
        'Die Gutachter*innen einigen sich je Antrag auf einen Konsensbericht; die Briefe gehen gesammelt hinaus.',
      topics: ['Recycling', 'Wasserstoff', 'Batterie', 'Sensorik'],
      opensAt: new Date(now - 30 * DAY),
      submissionDeadline: new Date(now + 10 * DAY),
      reviewsPerProposal: 3,
      minReviews: 3,
      consensus: true,
      consensusPeriodDays: 10,
      budgetEur: 500_000,
      releaseDecisions: 'batch',
    },
    office,
  );
  await calls.fire(call.id, 'open', office);
  const rows: string[][] = [];
  for (const spec of SPECS) {
    const owner = toAuthUser(
      await users.create(
        { ...spec.applicant, roles: ['applicant'], password: PASSWORD, locale: 'de', chair: false },
        null,
      ),
    );
    const p = await proposals.create(
      call.id,
      {
        title: spec.title,
        acronym: spec.acronym,
        abstract: `${spec.title}: ein Kooperationsprojekt von KMU und Forschung in der Region.`,
        topics: ['Recycling'],
        partners: [{ name: 'Hochschule West', kind: 'research', city: 'Wolfsburg' }],
        requestedFundingEur: spec.funding,
        durationMonths: 24,
      },
      owner,
    );
    const pdf = Buffer.from(
      `%PDF-1.4\n% ${spec.title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    );
    await attachments.upload(p, owner, `${spec.acronym}-Antrag.pdf`, Readable.from(pdf));
    await proposals.fire(p.id, 'submit', owner);
    await proposals.fire(p.id, 'screen-eligible', office);
    for (const [i, reviewer] of board.entries()) {
      const a = await assignments.create(p.id, { reviewerId: reviewer.id }, office);
      await assignments.accept(a.id, reviewer);
      await reviews.saveDraft(
        a.id,
        {
          scores: spec.reviews[i],
          commentToApplicant: `Gutachten ${i + 1}: nachvollziehbarer Arbeitsplan, Transfer konkretisieren.`,
        },
        reviewer,
      );
      await reviews.submit(a.id, reviewer);
    }
    // The last review started the consensus: rapporteur, draft, signatures.
    const [rapporteur, ...others] = board;
    await consensus.nameRapporteur(p.id, rapporteur.id, office);
    const draft = await consensus.view(p.id, rapporteur);
    await consensus.saveDraft(
      p.id,
      {
        scores: draft.scores,
        commentToApplicant:
          'Die Gutachter*innen sehen ein überzeugendes Konzept mit klarer Verwertung; die Zahl der Prototypen sollte begründet werden.',
      },
      rapporteur,
    );
    if (spec.stage !== 'drafting') {
      await consensus.submit(p.id, rapporteur);
      await consensus.sign(p.id, { agree: true }, others[0]);
      await consensus.sign(
        p.id,
        spec.stage === 'decided'
          ? {
              agree: false,
              minorityView: 'Die Machbarkeit ist höher zu bewerten: erste Demonstratoren laufen bereits.',
            }
          : { agree: true },
        others[1],
      );
    }
    if (spec.stage === 'decided') {
      for (const member of [people.chair, people.steer2]) await votes.cast(p.id, { vote: 'approve' }, member);
      await decisions.record(
        p.id,
        {
          outcome: 'approved',
          rationale: 'Konsens und Votum eindeutig.',
          grantedFundingEur: spec.funding - 20_000,
        },
        people.chair,
      );
    }
    rows.push([
      `${de('role.applicant')} — ${spec.applicant.name} (${de(`state.${spec.stage === 'drafting' ? 'in_consensus' : spec.stage === 'final' ? 'awaiting_decision' : 'approved'}`)})`,
      spec.applicant.email,
      PASSWORD,
    ]);
  }
  return rows;
}
