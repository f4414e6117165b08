/**
 * Demo additions of issue 15: one two-stage call (outline, then full proposal) with eligibility
 * questions and partner budgets — one outline submitted with a budget and an answer that the formal
 * check flags, one still a draft — through the same services as the pages.
 */
import type { INestApplication } from '@nestjs/common';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService } from '@/calls/calls.service';
import { AttachmentsService } from '@/proposals/attachments.service';
import { ProposalsService } from '@/proposals/proposals.service';
import { UsersService, toAuthUser } from '@/users/users.service';

const DAY = 86_400_000;
const costs = (personnel: number, material: number, travel: number, subcontracts = 0) => ({
  personnel,
  material,
  travel,
  subcontracts,
  depreciation: 0,
  other: 0,
});

const outlineCriterion = (key: string, de: string, en: string, weight: number) => ({
  key,
  label: { de, en },
  weight,
  min: 0,
  max: 5,
  step: 0.5,
  threshold: 3,
});

export async function seedTwoStageDemo(
  app: INestApplication,
  office: AuthUser,
  password: string,
): Promise<string> {
  const calls = app.get(CallsService);
  const proposals = app.get(ProposalsService);
  const attachments = app.get(AttachmentsService);
  const users = app.get(UsersService);
  const now = Date.now();
  const call = await calls.create(
    {
      title: 'Wasserstoff-Logistik 2031 (zweistufig)',
      description:
        'Erst eine Projektskizze (höchstens 5 Seiten), eingeladene Konsortien reichen einen Vollantrag ein.',
      topics: ['hydrogen', 'logistics'],
      opensAt: new Date(now - 5 * DAY),
      procedure: 'two-stage',
      outlineDeadline: new Date(now + 21 * DAY),
      fullProposalDeadline: new Date(now + 90 * DAY),
      outlineReviews: 2,
      // Outlines are scored on a short rubric of their own; the full proposals on the default one.
      outlineRubric: {
        criteria: [
          outlineCriterion('relevance', 'Relevanz für den Cluster', 'Relevance for the cluster', 0.5),
          outlineCriterion('approach', 'Tragfähigkeit des Ansatzes', 'Soundness of the approach', 0.3),
          outlineCriterion('consortium', 'Konsortium', 'Consortium', 0.2),
        ],
        overallThreshold: 3,
        disagreementDelta: 2,
      },
      questions: [
        {
          key: 'in_region',
          label: {
            de: 'Wird das Vorhaben in der Metropolregion durchgeführt?',
            en: 'Is the project carried out in the metropolitan region?',
          },
          type: 'boolean',
          required: true,
          eligibleIf: { equals: true },
        },
        {
          key: 'de_minimis_eur',
          label: {
            de: 'De-minimis-Beihilfen der letzten drei Jahre (EUR)',
            en: 'De minimis aid of the last three years (EUR)',
          },
          type: 'number',
          required: true,
          min: 0,
          max: 300_000,
        },
      ],
    },
    office,
  );
  await calls.fire(call.id, 'open', office);
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage();
  const outlinePdf = Buffer.from(await doc.save());

  const applicant = async (name: string, email: string, organisation: string) =>
    toAuthUser(
      await users.create(
        { email, password, name, organisation, roles: ['applicant'], locale: 'de', expertise: [] },
        null,
      ),
    );
  const h2 = await applicant('Katrin Hafen', 'hafen@h2-logistik-demo.de', 'H2 Hafenlogistik GmbH');
  const submitted = await proposals.create(
    call.id,
    {
      title: 'Wasserstoff-Umschlag im Binnenhafen',
      acronym: 'H2HAFEN',
      abstract:
        'Skizze: ein modularer Umschlagplatz für Wasserstoff-Trailer im Binnenhafen, mit Betriebskonzept.',
      topics: ['hydrogen', 'logistics'],
      partners: [
        {
          name: 'H2 Hafenlogistik GmbH',
          kind: 'sme',
          city: 'Braunschweig',
          costs: costs(180_000, 40_000, 6_001),
          fundingRate: 5000,
        },
        {
          name: 'TU Braunschweig',
          kind: 'research',
          city: 'Braunschweig',
          costs: costs(210_000, 15_000, 5_000),
          fundingRate: 10000,
        },
        {
          name: 'Logistik Nord AG',
          kind: 'large',
          city: 'Hannover',
          costs: costs(90_000, 20_000, 2_000, 20_000),
          fundingRate: 2500,
        },
      ],
      durationMonths: 30,
      answers: { in_region: true, de_minimis_eur: 40_000 },
    },
    h2,
  );
  await attachments.upload(submitted, h2, 'H2HAFEN-Skizze.pdf', Readable.from(outlinePdf));
  await proposals.fire(submitted.id, 'submit', h2);

  const far = await applicant('Jonas Ferne', 'ferne@fernlogistik-demo.de', 'Fernlogistik KG');
  await proposals.create(
    call.id,
    {
      title: 'Wasserstoff-Lkw im Fernverkehr',
      acronym: 'H2FERN',
      abstract: 'Skizze im Entwurf: Betankungskorridor Hamburg–München.',
      topics: ['hydrogen'],
      partners: [
        {
          name: 'Fernlogistik KG',
          kind: 'sme',
          city: 'Hamburg',
          costs: costs(120_000, 10_000, 3_000),
          fundingRate: 5000,
        },
      ],
      // Carried out outside the region: the formal check will flag it (a warning to the applicant now).
      answers: { in_region: false },
    },
    far,
  );
  return call.id;
}
