import type { EntityManager } from 'typeorm';
import { organisationKey } from '@/common/org-name';
import { problem } from '@/common/problem';

export interface RegistryRow {
  id: string;
  name: string;
  aliases: string[];
  parent_id: string | null;
  group_id: string;
}

/**
 * The root of each entry's parent chain, or the entry that closes a cycle. Pure, for the service and
 * its unit test: `parents` maps id → parent id (null at a root).
 */
export function groupRoots(parents: ReadonlyMap<string, string | null>): {
  roots: Map<string, string>;
  cycle: string | null;
} {
  const roots = new Map<string, string>();
  for (const start of parents.keys()) {
    const path: string[] = [];
    const seen = new Set<string>();
    let at: string = start;
    while (!roots.has(at)) {
      if (seen.has(at)) return { roots, cycle: at };
      seen.add(at);
      path.push(at);
      const parent = parents.get(at) ?? null;
      if (parent === null || !parents.has(parent)) {
        roots.set(at, at);
        break;
      }
      at = parent;
    }
    const root = roots.get(at)!;
    for (const id of path) roots.set(id, root);
  }
  return { roots, cycle: null };
}

/**
 * Re-derives the registry's groups and name keys inside the transaction of a change (the caller holds
 * the registry lock): `organisations.group_id` (root of the parent chain) and every row of
 * `organisation_keys`. A parent cycle answers 409 at `parentId`; two entries sharing a key (a name or
 * alias that compares equal to another entry's) 409 at `field`. The conflict SQL reads these tables,
 * so conflicts follow the change when the transaction commits.
 */
export async function rebuildRegistry(manager: EntityManager, field = 'name'): Promise<void> {
  const rows: RegistryRow[] = await manager.query(
    'SELECT id, name, aliases, parent_id, group_id FROM organisations',
  );
  const { roots, cycle } = groupRoots(new Map(rows.map((r) => [r.id, r.parent_id])));
  if (cycle !== null) {
    throw problem('organisation-parent-cycle', {}, 'The parent chain would be a cycle.', {
      errors: [{ field: 'parentId', messages: ['would make the organisation its own ancestor'] }],
    });
  }
  const owner = new Map<string, string>();
  const keys: string[] = [];
  const ids: string[] = [];
  const groups: string[] = [];
  for (const row of rows) {
    for (const name of [row.name, ...row.aliases]) {
      const key = organisationKey(name);
      if (key === '') continue;
      const taken = owner.get(key);
      if (taken === row.id) continue;
      if (taken !== undefined) {
        throw problem('organisation-name-taken', { name }, `The name "${name}" belongs to another entry.`, {
          errors: [{ field, messages: ['belongs to another registry entry'] }],
        });
      }
      owner.set(key, row.id);
      keys.push(key);
      ids.push(row.id);
      groups.push(roots.get(row.id)!);
    }
  }
  await manager.query(
    `UPDATE organisations o SET group_id = g.root
       FROM unnest($1::uuid[], $2::uuid[]) g(id, root)
      WHERE o.id = g.id AND o.group_id IS DISTINCT FROM g.root`,
    [rows.map((r) => r.id), rows.map((r) => roots.get(r.id)!)],
  );
  await manager.query('DELETE FROM organisation_keys');
  await manager.query(
    `INSERT INTO organisation_keys (key, organisation_id, group_id)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[])`,
    [keys, ids, groups],
  );
}

/** Serialises registry changes: one writer at a time, readers unaffected. */
export async function lockRegistry(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('organisation-registry'))`);
}
