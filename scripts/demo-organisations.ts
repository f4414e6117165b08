import type { INestApplication } from '@nestjs/common';
import type { AuthUser } from '@/auth/auth-user';
import { OrganisationsService } from '@/organisations/organisations.service';

/**
 * Demo data of the organisation registry (issue 14): a small corporate group (a large parent, an SME-
 * sized subsidiary that is not an SME through its group, a second subsidiary), two declared
 * competitors, some research institutes with expertise for the partner suggestions, and a standalone
 * SME. Runs after the rest of the demo; the group's names are new, so no existing assignment changes.
 */
export async function seedDemoOrganisations(app: INestApplication, office: AuthUser): Promise<void> {
  const registry = app.get(OrganisationsService, { strict: false });
  const create = (body: Parameters<OrganisationsService['create']>[0]) => registry.create(body, office);

  const parent = await create({
    name: 'Mobilitätswerke AG',
    aliases: ['MW AG', 'Mobilitätswerke Aktiengesellschaft'],
    kind: 'large',
    city: 'Wolfsburg',
    inRegion: true,
    employees: 12_000,
    turnoverEur: 4_200_000_000,
    balanceSheetEur: 3_100_000_000,
    expertise: ['battery', 'lightweight'],
  });
  await create({
    name: 'Mobilitätswerke Software GmbH',
    parentId: parent.id,
    kind: 'large',
    city: 'Braunschweig',
    inRegion: true,
    employees: 40,
    turnoverEur: 8_000_000,
    expertise: ['software'],
  });
  await create({
    name: 'Mobilitätswerke Logistik GmbH',
    parentId: parent.id,
    kind: 'large',
    city: 'Salzgitter',
    inRegion: true,
    employees: 300,
    expertise: ['logistics'],
  });
  const rival = await create({
    name: 'Antriebstechnik Nord SE',
    kind: 'large',
    city: 'Hannover',
    inRegion: true,
    employees: 5_000,
    turnoverEur: 900_000_000,
    expertise: ['hydrogen', 'battery'],
  });
  await registry.addCompetitor(parent.id, rival.id, office);
  await create({
    name: 'Präzisionsteile Lange GmbH',
    kind: 'sme',
    city: 'Gifhorn',
    inRegion: true,
    employees: 45,
    turnoverEur: 7_500_000,
    balanceSheetEur: 4_000_000,
    expertise: ['lightweight', 'recycling'],
  });
  for (const [name, city, expertise] of [
    ['Institut für Batterieforschung e.V.', 'Braunschweig', ['battery', 'recycling']],
    ['Leichtbauzentrum Niedersachsen e.V.', 'Stade', ['lightweight']],
    ['Wasserstoff-Institut Ost', 'Magdeburg', ['hydrogen', 'logistics']],
  ] as const) {
    await create({ name, kind: 'research', city, inRegion: true, expertise: [...expertise] });
  }
}
