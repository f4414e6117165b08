/**
 * The data of `npm run demo` (scripts/demo.ts): the demo users, the proposals with the state each is
 * brought to, and the review comments. German, as the cluster's real calls are.
 */
import type { DecisionOutcome } from '@/decision/decision.entity';
import type { VoteChoice } from '@/decision/vote.entity';
import type { PartnerKind } from '@/proposals/proposal.entity';
import type { Role } from '@/users/user.entity';

export const PASSWORD = 'beirat-demo-2026';
export const DAY = 86_400_000;
export const TOPICS = [
  'Batterie',
  'Leichtbau',
  'Wasserstoff',
  'Software',
  'Logistik',
  'Recycling',
  'Sensorik',
];

export interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
  organisation: string;
  expertise?: string[];
  chair?: boolean;
}

export const USERS: Record<string, DemoUser> = {
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

export type Target =
  | 'draft'
  | 'submitted'
  | 'ineligible'
  | 'withdrawn'
  | 'eligible'
  | 'in_review'
  | 'awaiting_decision'
  | DecisionOutcome;

export interface DemoProposal {
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
export const PROPOSALS: DemoProposal[] = [
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

export const COMMENTS = [
  'Das Vorhaben ist klar beschrieben und gut im Cluster verankert. Der Arbeitsplan sollte Meilensteine für die Verwertung enthalten.',
  'Technisch überzeugend; die Kostenplanung für das zweite Projektjahr ist knapp bemessen.',
];
