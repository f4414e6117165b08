import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { organisationKey } from '@/common/org-name';
import { decodeCursor, type Page, toPage } from '@/common/pagination';
import { notFound, problem } from '@/common/problem';
import { writeAudit } from '@/workflow/audit';
import type {
  CreateOrganisationDto,
  ListOrganisationsQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { Organisation, type OrganisationKind } from './organisation.entity';
import { lockRegistry, rebuildRegistry } from './organisation-registry';
import { type SmeStatus, smeStatus } from './sme-status';

export interface OrganisationView {
  id: string;
  name: string;
  aliases: string[];
  parentId: string | null;
  /** The root of the parent chain: the corporate group (its own id when it has no parent). */
  groupId: string;
  kind: OrganisationKind;
  city: string;
  inRegion: boolean;
  employees: number | null;
  turnoverEur: number | null;
  balanceSheetEur: number | null;
  expertise: string[];
  /** Over the whole group (EU Recommendation 2003/361/EC). */
  smeStatus: SmeStatus;
  /** Ids of the organisations declared competitors of this one. */
  competitorIds: string[];
  createdAt: string;
}

export interface UnresolvedName {
  name: string;
  /** How many users give this as their organisation. */
  users: number;
  /** How many proposals name it as a partner. */
  partners: number;
}

const FIELDS = [
  'name',
  'aliases',
  'parentId',
  'kind',
  'city',
  'inRegion',
  'employees',
  'turnoverEur',
  'balanceSheetEur',
  'expertise',
] as const;

@Injectable()
export class OrganisationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC');
    if (query.q) {
      qb.andWhere(
        `(o.name ILIKE :q OR EXISTS (SELECT 1 FROM unnest(o.aliases) a WHERE a ILIKE :q)
          OR EXISTS (SELECT 1 FROM organisation_keys k WHERE k.organisation_id = o.id AND k.key = :key))`,
        { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%`, key: organisationKey(query.q) },
      );
    }
    if (after) qb.andWhere('(o.created_at, o.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    const rows = await qb.limit(limit + 1).getMany();
    const views = await this.views(rows);
    return toPage(rows, limit, (row) => views.get(row.id)!);
  }

  /** Every entry, by name (for the pages' choices of a parent or a competitor). */
  async all(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query('SELECT id, name FROM organisations ORDER BY name, id');
  }

  async get(id: string): Promise<OrganisationView> {
    const row = await this.dataSource.getRepository(Organisation).findOneBy({ id });
    if (!row) throw notFound('Organisation');
    return (await this.views([row])).get(id)!;
  }

  async create(dto: CreateOrganisationDto, actor: AuthUser): Promise<OrganisationView> {
    const id = await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      if (dto.parentId) await this.mustExist(manager, dto.parentId, 'parentId');
      const id = randomUUID();
      await manager.insert(Organisation, {
        id,
        groupId: id,
        name: dto.name,
        aliases: dedupe(dto.aliases ?? []),
        parentId: dto.parentId ?? null,
        kind: dto.kind,
        city: dto.city ?? '',
        inRegion: dto.inRegion ?? false,
        employees: dto.employees ?? null,
        turnoverEur: dto.turnoverEur ?? null,
        balanceSheetEur: dto.balanceSheetEur ?? null,
        expertise: dedupe(dto.expertise ?? []),
      });
      await rebuildRegistry(manager);
      await this.audit(manager, actor, id, 'create', { name: dto.name });
      return id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateOrganisationDto, actor: AuthUser): Promise<OrganisationView> {
    await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      const row = await manager.findOneBy(Organisation, { id });
      if (!row) throw notFound('Organisation');
      const changes: Partial<Organisation> = {};
      for (const field of FIELDS) {
        const value = dto[field];
        if (value === undefined) continue;
        if (value === null && ['name', 'aliases', 'kind', 'city', 'inRegion', 'expertise'].includes(field)) {
          throw problem('invalid-input', {}, `${field} cannot be null.`, {
            errors: [{ field, messages: ['must not be null'] }],
          });
        }
        (changes as Record<string, unknown>)[field] =
          field === 'aliases' || field === 'expertise' ? dedupe(value as string[]) : value;
      }
      if (changes.parentId) {
        if (changes.parentId === id) throw cycle();
        await this.mustExist(manager, changes.parentId, 'parentId');
      }
      if (Object.keys(changes).length > 0) await manager.update(Organisation, { id }, changes);
      await rebuildRegistry(
        manager,
        dto.aliases !== undefined && dto.name === undefined ? 'aliases' : 'name',
      );
      await this.audit(manager, actor, id, 'update', { fields: Object.keys(changes) });
    });
    return this.get(id);
  }

  /** Adds one alias (the unresolved list's "map to …"). */
  async addAlias(id: string, alias: string, actor: AuthUser): Promise<OrganisationView> {
    await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      const row = await manager.findOneBy(Organisation, { id });
      if (!row) throw notFound('Organisation');
      await manager.update(Organisation, { id }, { aliases: dedupe([...row.aliases, alias]) });
      await rebuildRegistry(manager, 'alias');
      await this.audit(manager, actor, id, 'add-alias', { alias });
    });
    return this.get(id);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      const row = await manager.findOneBy(Organisation, { id });
      if (!row) throw notFound('Organisation');
      const children = await manager.countBy(Organisation, { parentId: id });
      if (children > 0) throw problem('organisation-has-children', {}, 'The organisation has subsidiaries.');
      await manager.delete(Organisation, { id });
      await rebuildRegistry(manager);
      await this.audit(manager, actor, id, 'delete', { name: row.name });
    });
  }

  /**
   * Merges `id` into `intoId`: its name and aliases become aliases of the target, its subsidiaries,
   * competitor pairs and personal conflicts move over, the entry goes. Figures and expertise of the
   * target stay; expertise keywords are united.
   */
  async merge(id: string, intoId: string, actor: AuthUser): Promise<OrganisationView> {
    if (id === intoId) {
      throw problem('organisation-merge-into-self', {}, 'An entry cannot be merged into itself.', {
        errors: [{ field: 'intoId', messages: ['must differ from the merged entry'] }],
      });
    }
    await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      const from = await manager.findOneBy(Organisation, { id });
      if (!from) throw notFound('Organisation');
      const into = await this.mustExist(manager, intoId, 'intoId');
      await manager.update(
        Organisation,
        { id: intoId },
        {
          aliases: dedupe([...into.aliases, from.name, ...from.aliases]).filter((a) => a !== into.name),
          expertise: dedupe([...into.expertise, ...from.expertise]),
          parentId: into.parentId === id ? from.parentId : into.parentId,
        },
      );
      await manager.query('UPDATE organisations SET parent_id = $2 WHERE parent_id = $1 AND id <> $2', [
        id,
        intoId,
      ]);
      await manager.query(
        `INSERT INTO organisation_competitors (organisation_id, competitor_id)
         SELECT DISTINCT LEAST(x.other, $2::uuid), GREATEST(x.other, $2::uuid)
           FROM (SELECT CASE WHEN organisation_id = $1 THEN competitor_id ELSE organisation_id END AS other
                   FROM organisation_competitors WHERE $1 IN (organisation_id, competitor_id)) x
          WHERE x.other <> $2
         ON CONFLICT DO NOTHING`,
        [id, intoId],
      );
      await manager.query(
        `INSERT INTO personal_conflicts (user_id, organisation_id, reason, declared_by, created_at)
         SELECT user_id, $2, reason, declared_by, created_at FROM personal_conflicts WHERE organisation_id = $1
         ON CONFLICT (user_id, organisation_id) DO NOTHING`,
        [id, intoId],
      );
      await manager.delete(Organisation, { id });
      await rebuildRegistry(manager, 'intoId');
      await this.audit(manager, actor, intoId, 'merge', { mergedId: id, mergedName: from.name });
    });
    return this.get(intoId);
  }

  async addCompetitor(id: string, otherId: string, actor: AuthUser): Promise<OrganisationView> {
    if (id === otherId) {
      throw problem('competitor-self', {}, 'An organisation cannot be its own competitor.', {
        errors: [{ field: 'organisationId', messages: ['must differ from the organisation'] }],
      });
    }
    await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      if (!(await manager.findOneBy(Organisation, { id }))) throw notFound('Organisation');
      await this.mustExist(manager, otherId, 'organisationId');
      const [a, b] = [id, otherId].sort();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO organisation_competitors (organisation_id, competitor_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING organisation_id`,
        [a, b],
      );
      if (inserted.length === 0) throw problem('competitor-declared', {}, 'Declared competitors already.');
      await this.audit(manager, actor, id, 'add-competitor', { competitorId: otherId });
    });
    return this.get(id);
  }

  async removeCompetitor(id: string, otherId: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockRegistry(manager);
      const [a, b] = [id, otherId].sort();
      const deleted: unknown[] = await manager.query(
        `DELETE FROM organisation_competitors WHERE organisation_id = $1 AND competitor_id = $2
         RETURNING organisation_id`,
        [a, b],
      );
      if (deleted.length === 0) throw notFound('Competitor pair');
      await this.audit(manager, actor, id, 'remove-competitor', { competitorId: otherId });
    });
  }

  /**
   * Users' organisations and partners' names that resolve to no entry, with counts, most frequent
   * first (names that compare equal are one row, shown as the first spelling seen).
   */
  async unresolved(): Promise<UnresolvedName[]> {
    const users: { key: string; name: string; n: number }[] = await this.dataSource.query(
      `SELECT u.organisation_key AS key, min(u.organisation) AS name, count(*)::int AS n
         FROM users u
        WHERE u.organisation_key <> ''
          AND NOT EXISTS (SELECT 1 FROM organisation_keys ok WHERE ok.key = u.organisation_key)
        GROUP BY u.organisation_key`,
    );
    const partners: { name: string; n: number }[] = await this.dataSource.query(
      `SELECT e.partner->>'name' AS name, count(DISTINCT p.id)::int AS n
         FROM proposals p CROSS JOIN LATERAL jsonb_array_elements(p.partners) e(partner)
        WHERE EXISTS (SELECT 1 FROM unnest(p.partner_keys) k(key)
                       WHERE NOT EXISTS (SELECT 1 FROM organisation_keys ok WHERE ok.key = k.key))
        GROUP BY e.partner->>'name'`,
    );
    const known = new Set<string>(
      ((await this.dataSource.query('SELECT key FROM organisation_keys')) as { key: string }[]).map(
        (r) => r.key,
      ),
    );
    const byKey = new Map<string, UnresolvedName>();
    for (const u of users) byKey.set(u.key, { name: u.name, users: u.n, partners: 0 });
    for (const p of partners) {
      const key = organisationKey(p.name ?? '');
      if (key === '' || known.has(key)) continue;
      const entry = byKey.get(key) ?? { name: p.name, users: 0, partners: 0 };
      entry.partners += p.n;
      byKey.set(key, entry);
    }
    return [...byKey.values()]
      .sort((a, b) => b.users + b.partners - (a.users + a.partners) || a.name.localeCompare(b.name))
      .slice(0, 500);
  }

  /**
   * The SME status of each name's group (for the budgets: a partner's funding cap): names are resolved
   * like conflicts (name keys, aliases); a name that resolves to no entry is `unknown`.
   */
  async smeStatusByName(names: string[]): Promise<Map<string, SmeStatus>> {
    const keys = names.map(organisationKey);
    const groups: { key: string; group_id: string }[] = await this.dataSource.query(
      'SELECT key, group_id FROM organisation_keys WHERE key = ANY($1)',
      [keys],
    );
    const statuses = await this.groupStatuses(groups.map((g) => g.group_id));
    const groupOf = new Map(groups.map((g) => [g.key, g.group_id]));
    return new Map(
      names.map((name, i) => {
        const group = groupOf.get(keys[i]);
        return [name, group === undefined ? 'unknown' : (statuses.get(group) ?? 'unknown')];
      }),
    );
  }

  /** SME status per group id, from the figures of all its members. */
  async groupStatuses(groupIds: string[], manager?: EntityManager): Promise<Map<string, SmeStatus>> {
    const rows: {
      group_id: string;
      employees: number | null;
      turnover_eur: string | null;
      balance_sheet_eur: string | null;
    }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT group_id, employees, turnover_eur, balance_sheet_eur FROM organisations WHERE group_id = ANY($1)`,
      [[...new Set(groupIds)]],
    );
    const members = new Map<
      string,
      { employees: number | null; turnoverEur: number | null; balanceSheetEur: number | null }[]
    >();
    for (const r of rows) {
      const list = members.get(r.group_id) ?? [];
      list.push({
        employees: r.employees,
        turnoverEur: r.turnover_eur === null ? null : Number(r.turnover_eur),
        balanceSheetEur: r.balance_sheet_eur === null ? null : Number(r.balance_sheet_eur),
      });
      members.set(r.group_id, list);
    }
    return new Map([...members].map(([group, list]) => [group, smeStatus(list)]));
  }

  /** The entry a name resolves to, or null. */
  async resolve(name: string, manager?: EntityManager): Promise<Organisation | null> {
    const key = organisationKey(name);
    if (key === '') return null;
    const rows: { organisation_id: string }[] = await (manager ?? this.dataSource.manager).query(
      'SELECT organisation_id FROM organisation_keys WHERE key = $1',
      [key],
    );
    return rows[0]
      ? (manager ?? this.dataSource.manager).findOneBy(Organisation, { id: rows[0].organisation_id })
      : null;
  }

  private async views(rows: Organisation[]): Promise<Map<string, OrganisationView>> {
    const statuses = await this.groupStatuses(rows.map((r) => r.groupId));
    const pairs: { organisation_id: string; competitor_id: string }[] = await this.dataSource.query(
      `SELECT organisation_id, competitor_id FROM organisation_competitors
        WHERE organisation_id = ANY($1) OR competitor_id = ANY($1) ORDER BY created_at`,
      [rows.map((r) => r.id)],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          aliases: r.aliases,
          parentId: r.parentId,
          groupId: r.groupId,
          kind: r.kind,
          city: r.city,
          inRegion: r.inRegion,
          employees: r.employees,
          turnoverEur: r.turnoverEur,
          balanceSheetEur: r.balanceSheetEur,
          expertise: r.expertise,
          smeStatus: statuses.get(r.groupId) ?? 'unknown',
          competitorIds: pairs.flatMap((p) =>
            p.organisation_id === r.id
              ? [p.competitor_id]
              : p.competitor_id === r.id
                ? [p.organisation_id]
                : [],
          ),
          createdAt: r.createdAt.toISOString(),
        },
      ]),
    );
  }

  private async mustExist(manager: EntityManager, id: string, field: string): Promise<Organisation> {
    const row = await manager.findOneBy(Organisation, { id });
    if (!row) {
      throw problem('organisation-unknown', {}, 'No such organisation.', {
        errors: [{ field, messages: ['no organisation with this id'] }],
      });
    }
    return row;
  }

  private audit(
    manager: EntityManager,
    actor: AuthUser,
    id: string,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    return writeAudit(manager, { actorId: actor.id, entityType: 'organisation', entityId: id, action, data });
  }
}

function cycle(): Error {
  return problem('organisation-parent-cycle', {}, 'An organisation cannot be its own parent.', {
    errors: [{ field: 'parentId', messages: ['would make the organisation its own ancestor'] }],
  });
}

/** Distinct values in first-seen order, compared case-insensitively. */
function dedupe(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
