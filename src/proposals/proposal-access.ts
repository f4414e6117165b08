import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound } from '@/common/problem';
import { Proposal } from './proposal.entity';
import { REVIEWER_VISIBLE_STATES, STEERING_VISIBLE_STATES } from './proposal-transitions';

/**
 * Adds "readable by `user`" to a query over proposals aliased `alias`. The same rule serves lists and
 * single reads, so a list never shows what a direct read would answer with 404.
 */
export function whereReadable<T extends object>(
  qb: SelectQueryBuilder<T>,
  user: AuthUser,
  alias = 'p',
): SelectQueryBuilder<T> {
  if (user.roles.includes('office')) return qb;
  const parts = [`${alias}.applicant_id = :readerId`];
  if (user.roles.includes('reviewer')) {
    parts.push(`${alias}.state IN (:...reviewerStates)`);
    parts.push(
      `EXISTS (SELECT 1 FROM assignments ra WHERE ra.proposal_id = ${alias}.id AND ra.reviewer_id = :readerId)`,
    );
  }
  if (user.roles.includes('steering')) {
    parts.push(`${alias}.state IN (:...steeringStates)`);
    parts.push(`EXISTS (SELECT 1 FROM decisions rd WHERE rd.proposal_id = ${alias}.id)`);
  }
  return qb.andWhere(`(${parts.join(' OR ')})`, {
    readerId: user.id,
    reviewerStates: REVIEWER_VISIBLE_STATES,
    steeringStates: STEERING_VISIBLE_STATES,
  });
}

type Param = { slot: string } | { value: unknown };

@Injectable()
export class ProposalAccess {
  /** Compiled reads over proposals by key (the shape of the query: roles, which filters, limit). */
  private readonly compiled = new Map<string, { sql: string; params: Param[] }>();

  constructor(private readonly dataSource: DataSource) {}

  /** The proposal if `user` may read it; 404 for unknown and for not visible alike. */
  async findReadable(id: string, user: AuthUser, manager?: EntityManager): Promise<Proposal> {
    if (manager === undefined) {
      // On every `GET /api/proposals/:id`: the statement depends on the roles only.
      const [proposal] = await this.compiledProposals(
        `readable|${[...user.roles].sort().join(',')}`,
        (qb, slot) =>
          whereReadable(qb.where('p.id = :id', { id: slot('id') }), { ...user, id: slot('reader') }),
        { id, reader: user.id },
      );
      if (!proposal) throw notFound('Proposal');
      return proposal;
    }
    const qb = manager.getRepository(Proposal).createQueryBuilder('p').where('p.id = :id', { id });
    const proposal = await whereReadable(qb, user).getOne();
    if (!proposal) throw notFound('Proposal');
    return proposal;
  }

  /**
   * A read over proposals (alias `p`, outside a transaction) whose SQL the query builder writes once per
   * `key`: `build` gets `slot(name)` stand-ins for the values that vary per request, which `values`
   * fills. `key` must name everything that changes the SQL text (roles, which filters, the limit). Rows
   * become entities by the column metadata — none of the query builder's work per request.
   */
  async compiledProposals(
    key: string,
    build: (qb: SelectQueryBuilder<Proposal>, slot: (name: string) => string) => SelectQueryBuilder<Proposal>,
    values: Record<string, unknown>,
  ): Promise<Proposal[]> {
    let statement = this.compiled.get(key);
    if (!statement) {
      const slots = new Map<string, string>();
      const slot = (name: string) => {
        const stand = `\u0000slot:${name}`;
        slots.set(stand, name);
        return stand;
      };
      const qb = build(this.dataSource.getRepository(Proposal).createQueryBuilder('p'), slot);
      const [sql, params] = qb.getQueryAndParameters();
      statement = {
        sql,
        params: params.map((p: unknown) =>
          typeof p === 'string' && slots.has(p) ? { slot: slots.get(p) as string } : { value: p },
        ),
      };
      this.compiled.set(key, statement);
    }
    const params = statement.params.map((p) => ('slot' in p ? values[p.slot] : p.value));
    const rows: Record<string, unknown>[] = await this.dataSource.query(statement.sql, params);
    const columns = this.dataSource.getMetadata(Proposal).columns;
    return rows.map((row) => {
      const proposal = new Proposal();
      const target = proposal as unknown as Record<string, unknown>;
      for (const column of columns) target[column.propertyName] = row[`p_${column.databaseName}`];
      return proposal;
    });
  }
}
