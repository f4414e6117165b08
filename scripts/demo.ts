/**
 * `npm run demo`: fills an empty database with a realistic call in German — users for every role,
 * proposals in every state, reviews, votes and decisions — through the same services the API and the
 * pages use (so every rule, audit event and outbox row is as in real use), then prints the sign-ins.
 * Refuses to run when the database has proposals already.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { createApp } from '@/app';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import { createPino, logFormatFor } from '@/common/logger';
import { loadConfig } from '@/config/config';
import { DecisionsService } from '@/decision/decisions.service';
import { VotesService } from '@/decision/votes.service';
import type { DecisionOutcome } from '@/decision/decision.entity';
import { AttachmentsService } from '@/proposals/attachments.service';
import { ProposalsService } from '@/proposals/proposals.service';
import { AssignmentsService } from '@/review/assignments.service';
import { AutoAssignService } from '@/review/auto-assign.service';
import { ReviewsService } from '@/review/reviews.service';
import { toAuthUser, UsersService } from '@/users/users.service';
import { translator } from '@/web/i18n/i18n';
import { seedPrivacyDemo } from './demo-privacy';
import { seedDemoAccounts } from './demo-accounts';
import { seedTwoStageDemo } from './demo-calls';
import { seedDemoMeetings } from './demo-meetings';
import {
  COMMENTS,
  DAY,
  type DemoProposal,
  type DemoUser,
  PASSWORD,
  PROPOSALS,
  TOPICS,
  USERS,
} from './demo-data';
import { seedDemoOrganisations } from './demo-organisations';
import { seedConsensusDemo } from './demo-consensus';

/** The sign-in table is read by people: roles and states in German, as on the pages. */
const de = translator('de');

export interface DemoResult {
  callId: string;
  callTitle: string;
  /** Demo key (office2, chair, rev1, …, or the proposal's acronym) → e-mail address; all use PASSWORD. */
  emails: Record<string, string>;
  /** Proposal acronym → id. */
  proposals: Record<string, string>;
  signIns: string[][];
}

export { PASSWORD as DEMO_PASSWORD };

/** Fills the app's (empty) database; throws when it has proposals already. */
export async function seedDemo(app: INestApplication): Promise<DemoResult> {
  {
    const db = app.get(DataSource);
    const [{ n }]: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM proposals');
    if (n > 0) {
      throw new DemoRefused(
        `The database has ${n} proposals already; the demo fills only an empty database.`,
      );
    }
    const users = app.get(UsersService);
    const calls = app.get(CallsService);
    const proposals = app.get(ProposalsService);
    const attachments = app.get(AttachmentsService);
    const assignments = app.get(AssignmentsService);
    const reviews = app.get(ReviewsService);
    const autoAssign = app.get(AutoAssignService, { strict: false });
    const votes = app.get(VotesService, { strict: false });
    const decisions = app.get(DecisionsService, { strict: false });

    const make = async (u: DemoUser): Promise<AuthUser> =>
      toAuthUser(
        await users.create({ ...u, password: PASSWORD, locale: 'de', chair: u.chair ?? false }, null),
      );
    const people: Record<string, AuthUser> = {};
    for (const [key, u] of Object.entries(USERS)) people[key] = await make(u);
    const office = people.office2;

    const now = Date.now();
    const call = await calls.create(
      {
        title: 'Mobilität 2030: Batterie, Leichtbau und Wasserstoff',
        description:
          'Gefördert werden Kooperationsprojekte von KMU und Forschungseinrichtungen der Region, die Fahrzeuge leichter, sauberer und besser recycelbar machen. Förderquote bis 50 %, Laufzeit bis 36 Monate.',
        topics: TOPICS,
        opensAt: new Date(now - 20 * DAY),
        submissionDeadline: new Date(now + 14 * DAY),
        reviewsPerProposal: 2,
        minReviews: 2,
        maxLoadPerReviewer: 4,
        steeringMeetingAt: new Date(now + 28 * DAY),
      },
      office,
    );
    await calls.fire(call.id, 'open', office);

    const pdf = (title: string) =>
      Buffer.from(
        `%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
      );
    const created: { spec: DemoProposal; id: string; owner: AuthUser }[] = [];
    for (const spec of PROPOSALS) {
      const owner = await make({ ...spec.applicant, roles: ['applicant'] });
      const p = await proposals.create(
        call.id,
        {
          title: spec.title,
          acronym: spec.acronym,
          abstract: spec.abstract,
          topics: spec.topics,
          partners: spec.partners,
          requestedFundingEur: spec.funding,
          durationMonths: spec.months,
        },
        owner,
      );
      created.push({ spec, id: p.id, owner });
      if (spec.target === 'draft') continue;
      await attachments.upload(p, owner, `${spec.acronym}-Antrag.pdf`, Readable.from(pdf(spec.title)));
      await proposals.fire(p.id, 'submit', owner);
      if (spec.target === 'submitted') continue;
      if (spec.target === 'withdrawn') {
        await proposals.fire(p.id, 'withdraw', owner);
        continue;
      }
      if (spec.target === 'ineligible') {
        await proposals.fire(
          p.id,
          'screen-ineligible',
          office,
          'Das Vorhaben hat keinen Bezug zu Fahrzeugen; Thema außerhalb der Ausschreibung.',
        );
        continue;
      }
      if (spec.target !== 'eligible') await proposals.fire(p.id, 'screen-eligible', office);
    }

    // Reviewers for every eligible proposal in one go, as the office does it.
    await autoAssign.run(call.id, false, office);
    // Screened after the automatic assignment, so this one stays eligible without reviewers.
    for (const { id } of created.filter((c) => c.spec.target === 'eligible')) {
      await proposals.fire(id, 'screen-eligible', office);
    }

    for (const { spec, id } of created) {
      if (!spec.scores) continue;
      const mine = await assignments.list({ proposalId: id, limit: 10 }, office);
      const live = mine.items
        .filter((a) => a.state === 'invited')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const [i, a] of live.entries()) {
        const reviewer = Object.values(people).find((u) => u.id === a.reviewerId) as AuthUser;
        await assignments.accept(a.id, reviewer);
        const scores = spec.scores[i];
        if (!scores) continue;
        const keys = ['scientific_quality', 'innovation', 'feasibility', 'transfer', 'sme_benefit'];
        await reviews.saveDraft(
          a.id,
          {
            scores: Object.fromEntries(keys.map((k, j) => [k, scores[j]])),
            commentToApplicant: COMMENTS[i % COMMENTS.length],
            confidentialComment: i === 0 ? 'Das Konsortium ist dem Beirat bekannt; solide Partner.' : '',
          },
          reviewer,
        );
        await reviews.submit(a.id, reviewer);
      }
    }

    const steering = [people.chair, people.steer2, people.steer3];
    for (const { spec, id } of created) {
      if (!spec.votes) continue;
      for (const [i, vote] of spec.votes.entries()) {
        await votes.cast(id, { vote, comment: i === 0 ? 'Siehe Gutachten.' : undefined }, steering[i]);
      }
      if (['approved', 'rejected', 'revision_requested'].includes(spec.target)) {
        const outcome = spec.target as DecisionOutcome;
        await decisions.record(
          id,
          {
            outcome,
            rationale:
              outcome === 'approved'
                ? 'Hohe Passung zu den Clusterzielen; die Sachmittel werden um 20.000 EUR gekürzt.'
                : outcome === 'rejected'
                  ? 'Die Bewertung liegt unter der Gesamtschwelle; eine Einreichung in der nächsten Runde ist möglich.'
                  : 'Bitte schärfen Sie die Machbarkeit und den Arbeitsplan nach; danach erneut einreichen.',
            ...(outcome === 'approved' ? { grantedFundingEur: spec.funding - 20000 } : {}),
          },
          people.chair,
        );
      }
    }

    await seedPrivacyDemo(app, created.map((c) => c.spec.applicant.email));
    await seedTwoStageDemo(app, office, PASSWORD);
    await seedDemoOrganisations(app, office);
    await seedDemoMeetings(app, call.id, office);

    const rows: string[][] = [];
    for (const key of Object.keys(USERS)) {
      const u = USERS[key];
      const roles = u.roles.map((role) => de(`role.${role}`)).join(', ');
      rows.push([`${roles}${u.chair ? ` (${de('role.chair')})` : ''} — ${u.name}`, u.email, PASSWORD]);
    }
    for (const { spec } of created)
      rows.push([
        `${de('role.applicant')} — ${spec.applicant.name} (${de(`state.${spec.target}`)})`,
        spec.applicant.email,
        PASSWORD,
      ]);
    rows.push(...(await seedConsensusDemo(app, people)));
    rows.push(await seedDemoAccounts(app, office.id));
    return {
      callId: call.id,
      callTitle: call.title,
      emails: {
        ...Object.fromEntries(Object.entries(USERS).map(([k, u]) => [k, u.email])),
        ...Object.fromEntries(created.map((c) => [c.spec.acronym, c.spec.applicant.email])),
      },
      proposals: Object.fromEntries(created.map((c) => [c.spec.acronym, c.id])),
      signIns: rows,
    };
  }
}

class DemoRefused extends Error {}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createPino(process.env.LOG_LEVEL ?? 'warn', logFormatFor());
  const { app, officeSignIn } = await createApp(config, logger);
  try {
    const result = await seedDemo(app);
    const rows = [
      ['Rolle', 'E-Mail', 'Passwort'],
      ['Clusterbüro (Start)', officeSignIn.email, officeSignIn.password ?? '(wie beim Anlegen gesetzt)'],
      ...result.signIns,
    ];
    const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    console.log(`\nDemo-Daten angelegt: Ausschreibung "${result.callTitle}".\n`);
    for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(width[c])).join('  '));
    console.log(`\nSeiten: ${config.appUrl}/login\n`);
  } catch (error) {
    if (!(error instanceof DemoRefused)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
