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
import { createPino } from '@/common/logger';
import { loadConfig } from '@/config/config';
import { DecisionsService } from '@/decision/decisions.service';
import { VotesService } from '@/decision/votes.service';
import type { DecisionOutcome } from '@/decision/decision.entity';
import type { VoteChoice } from '@/decision/vote.entity';
import { AttachmentsService } from '@/proposals/attachments.service';
import type { PartnerKind } from '@/proposals/proposal.entity';
import { ProposalsService } from '@/proposals/proposals.service';
import { AssignmentsService } from '@/review/assignments.service';
import { AutoAssignService } from '@/review/auto-assign.service';
import { ReviewsService } from '@/review/reviews.service';
import type { Role } from '@/users/user.entity';
import { toAuthUser, UsersService } from '@/users/users.service';

const PASSWORD = 'beirat-demo-2026';
const DAY = 86_400_000;
const TOPICS = ['Batterie', 'Leichtbau', 'Wasserstoff', 'Software', 'Logistik', 'Recycling', 'Sensorik'];

interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
  organisation: string;
  expertise?: string[];
  chair?: boolean;
}

const USERS: Record<string, DemoUser> = {
  office2: {
    email: 'buero@cluster-demo.de',
    name: 'Sabine Hoffmann',
    roles: ['office'],
    organisation: 'Clustermanagement',
  },
  chair: {
    email: 'lorenz@steuerung-demo.de',
    name: 'Dr. Petra Lorenz',
    roles: ['steering'],
    organisation: 'Landesagentur Mobilität',
    chair: true,
  },
  steer2: {
    email: 'yilmaz@steuerung-demo.de',
    name: 'Murat Yılmaz',
    roles: ['steering'],
    organisation: 'IHK Region',
  },
  steer3: {
    email: 'schaefer@steuerung-demo.de',
    name: 'Prof. Ute Schäfer',
    roles: ['steering'],
    organisation: 'Universität Mitte',
  },
  rev1: {
    email: 'vogel@beirat-demo.de',
    name: 'Prof. Dr. Hanna Vogel',
    roles: ['reviewer'],
    organisation: 'Hochschule Nord',
    expertise: ['Batterie', 'Leichtbau', 'Recycling'],
  },
  rev2: {
    email: 'albers@beirat-demo.de',
    name: 'Dr. Jens Albers',
    roles: ['reviewer'],
    organisation: 'Forschungszentrum Süd',
    expertise: ['Batterie', 'Wasserstoff'],
  },
  rev3: {
    email: 'nguyen@beirat-demo.de',
    name: 'Dr. Linh Nguyen',
    roles: ['reviewer'],
    organisation: 'Institut für Softwaretechnik',
    expertise: ['Software', 'Sensorik', 'Logistik'],
  },
  rev4: {
    email: 'becker@beirat-demo.de',
    name: 'Thomas Becker',
    roles: ['reviewer'],
    organisation: 'Becker Automotive Consulting',
    expertise: ['Leichtbau', 'Logistik', 'Wasserstoff'],
  },
  rev5: {
    email: 'wagner@beirat-demo.de',
    name: 'Dr. Eva Wagner',
    roles: ['reviewer', 'steering'],
    organisation: 'TH Ost',
    expertise: ['Recycling', 'Sensorik', 'Software'],
  },
};

type Target =
  | 'draft'
  | 'submitted'
  | 'ineligible'
  | 'withdrawn'
  | 'eligible'
  | 'in_review'
  | 'awaiting_decision'
  | DecisionOutcome;

interface DemoProposal {
  applicant: { email: string; name: string; organisation: string };
  title: string;
  acronym: string;
  abstract: string;
  topics: string[];
  partners: { name: string; kind: PartnerKind; city: string }[];
  funding: number;
  months: number;
  target: Target;
  /** Scores per reviewer in rubric order (2 reviewers, k = 2). */
  scores?: number[][];
  votes?: VoteChoice[];
}

const P = (p: DemoProposal) => p;
const PROPOSALS: DemoProposal[] = [
  P({
    applicant: {
      email: 'keller@keller-leichtbau.de',
      name: 'Dr. Miriam Keller',
      organisation: 'Keller Leichtbau GmbH',
    },
    title: 'Recycelbares Batteriegehäuse in Leichtbauweise',
    acronym: 'REBAT',
    abstract:
      'Ein Batteriegehäuse aus Sekundäraluminium für Kleinserien, vollständig demontierbar und sortenrein recycelbar. Das Projekt entwickelt Fügeverfahren ohne Klebstoff und prüft die Crash-Sicherheit.',
    topics: ['Batterie', 'Leichtbau'],
    partners: [{ name: 'TU Braunschweig', kind: 'research', city: 'Braunschweig' }],
    funding: 240000,
    months: 24,
    target: 'approved',
    scores: [
      [4.5, 4, 3.5, 4, 3.5],
      [4, 4.5, 4, 3.5, 4],
    ],
    votes: ['approve', 'approve', 'revise'],
  }),
  P({
    applicant: {
      email: 'richter@sensotec-demo.de',
      name: 'Felix Richter',
      organisation: 'SensoTec Richter KG',
    },
    title: 'Zustandsüberwachung von Wasserstofftanks mit Faseroptik',
    acronym: 'H2SENSE',
    abstract:
      'Faseroptische Sensoren messen Dehnung und Temperatur in Typ-IV-Tanks während des Betriebs. Ein Software-Modell sagt die Restlebensdauer voraus.',
    topics: ['Wasserstoff', 'Sensorik', 'Software'],
    partners: [
      { name: 'Fraunhofer IFAM', kind: 'research', city: 'Bremen' },
      { name: 'Tankbau Nord GmbH', kind: 'sme', city: 'Kiel' },
    ],
    funding: 310000,
    months: 30,
    target: 'revision_requested',
    scores: [
      [3.5, 4.5, 2.5, 3, 3],
      [3, 4, 2, 3.5, 3],
    ],
    votes: ['revise', 'revise'],
  }),
  P({
    applicant: { email: 'brandt@logimove-demo.de', name: 'Jonas Brandt', organisation: 'LogiMove GmbH' },
    title: 'KI-gestützte Milkrun-Planung für Zulieferparks',
    acronym: 'MILKRUN',
    abstract:
      'Eine Planungssoftware bündelt Anlieferungen mehrerer Zulieferer zu gemeinsamen Touren und senkt Leerfahrten.',
    topics: ['Logistik', 'Software'],
    partners: [],
    funding: 120000,
    months: 18,
    target: 'rejected',
    scores: [
      [2.5, 3, 3.5, 2, 2.5],
      [2, 2.5, 3, 2.5, 2],
    ],
    votes: ['reject', 'reject', 'abstain'],
  }),
  P({
    applicant: {
      email: 'schulz@recyclar-demo.de',
      name: 'Anna Schulz',
      organisation: 'Recyclar Systems GmbH',
    },
    title: 'Direktrecycling von Kathodenmaterial aus Produktionsausschuss',
    acronym: 'DIRECAT',
    abstract:
      'Produktionsausschuss aus der Zellfertigung wird ohne Einschmelzen aufbereitet; das Projekt demonstriert die Qualität in Testzellen.',
    topics: ['Batterie', 'Recycling'],
    partners: [{ name: 'Hochschule Aalen', kind: 'research', city: 'Aalen' }],
    funding: 280000,
    months: 36,
    target: 'awaiting_decision',
    scores: [
      [4, 3.5, 3, 4.5, 4],
      [1.5, 3, 3.5, 4, 3.5],
    ],
    votes: ['approve'],
  }),
  P({
    applicant: { email: 'koch@formteil-demo.de', name: 'Martin Koch', organisation: 'Formteil Koch GmbH' },
    title: 'Hybride Leichtbaustrukturen aus Naturfasern',
    acronym: 'NATFASER',
    abstract:
      'Flachs- und Hanffasern ersetzen Glasfasern in Innenraumbauteilen; das Projekt prüft Serienfähigkeit und Emissionen.',
    topics: ['Leichtbau', 'Recycling'],
    partners: [],
    funding: 150000,
    months: 24,
    target: 'in_review',
    scores: [[3.5, 3.5, 4, 3, 4]],
  }),
  P({
    applicant: {
      email: 'weber@datadrive-demo.de',
      name: 'Laura Weber',
      organisation: 'DataDrive Analytics UG',
    },
    title: 'Digitaler Zwilling für die Qualitätssicherung im Presswerk',
    acronym: 'PRESSTWIN',
    abstract:
      'Prozessdaten aus Pressen werden in Echtzeit mit einem Simulationsmodell abgeglichen, um Risse früh zu erkennen.',
    topics: ['Software', 'Sensorik'],
    partners: [{ name: 'Universität Stuttgart', kind: 'research', city: 'Stuttgart' }],
    funding: 200000,
    months: 24,
    target: 'eligible',
  }),
  P({
    applicant: { email: 'fischer@h2mobil-demo.de', name: 'Tobias Fischer', organisation: 'H2 Mobil GmbH' },
    title: 'Modulare Wasserstoff-Tankstelle für Betriebshöfe',
    acronym: 'H2HOF',
    abstract: 'Eine containerbasierte Tankstelle für kleine Flotten mit standardisierten Schnittstellen.',
    topics: ['Wasserstoff', 'Logistik'],
    partners: [],
    funding: 450000,
    months: 30,
    target: 'submitted',
  }),
  P({
    applicant: {
      email: 'meyer@kunststoff-demo.de',
      name: 'Sandra Meyer',
      organisation: 'Meyer Kunststofftechnik',
    },
    title: 'Schaumstoffe aus Altreifen',
    acronym: 'REFOAM',
    abstract: 'Granulat aus Altreifen wird zu Dämmschaum verarbeitet.',
    topics: ['Recycling'],
    partners: [],
    funding: 90000,
    months: 12,
    target: 'ineligible',
  }),
  P({
    applicant: { email: 'wolf@softsys-demo.de', name: 'Daniel Wolf', organisation: 'SoftSys Wolf GmbH' },
    title: 'Over-the-Air-Updates für Steuergeräte von Nutzfahrzeugen',
    acronym: 'OTA-NFZ',
    abstract: 'Sichere Aktualisierung von Steuergeräten im Feld, mit Rückfallebene.',
    topics: ['Software'],
    partners: [],
    funding: 170000,
    months: 24,
    target: 'withdrawn',
  }),
  P({
    applicant: {
      email: 'neumann@zellwerk-demo.de',
      name: 'Julia Neumann',
      organisation: 'Zellwerk Neumann GmbH',
    },
    title: 'Trockenbeschichtung von Elektroden',
    acronym: 'DRYCOAT',
    abstract: 'Entwurf: Elektroden ohne Lösemittel beschichten, um Energie in der Trocknung zu sparen.',
    topics: ['Batterie'],
    partners: [],
    funding: 0,
    months: 24,
    target: 'draft',
  }),
];

const COMMENTS = [
  'Das Vorhaben ist klar beschrieben und gut im Cluster verankert. Der Arbeitsplan sollte Meilensteine für die Verwertung enthalten.',
  'Technisch überzeugend; die Kostenplanung für das zweite Projektjahr ist knapp bemessen.',
];

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

    const rows: string[][] = [];
    for (const key of Object.keys(USERS)) {
      const u = USERS[key];
      rows.push([`${u.roles.join(', ')}${u.chair ? ' (Vorsitz)' : ''} — ${u.name}`, u.email, PASSWORD]);
    }
    for (const { spec } of created)
      rows.push([`applicant — ${spec.applicant.name} (${spec.target})`, spec.applicant.email, PASSWORD]);
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
  const logger = createPino(process.env.LOG_LEVEL ?? 'warn');
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
