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

/** Stand-ins for the two values of a compiled read (never valid ids of rows). */
const ID_SLOT = '00000000-0000-4000-8000-00000000000a';
const READER_SLOT = '00000000-0000-4000-8000-00000000000b';

@Injectable()
export class ProposalAccess {
  /** The statement of `findReadable` per set of roles, built once by the same query builder. */
  private readonly compiled = new Map<string, { sql: string; params: unknown[] }>();

  constructor(private readonly dataSource: DataSource) {}

  /** The proposal if `user` may read it; 404 for unknown and for not visible alike. */
  async findReadable(id: string, user: AuthUser, manager?: EntityManager): Promise<Proposal> {
    if (manager === undefined) return this.findReadableCompiled(id, user);
    const qb = manager.getRepository(Proposal).createQueryBuilder('p').where('p.id = :id', { id });
    const proposal = await whereReadable(qb, user).getOne();
    if (!proposal) throw notFound('Proposal');
    return proposal;
  }

  /**
   * The same read outside a transaction, on every `GET /api/proposals/:id`: the statement `whereReadable`
   * builds is compiled once per set of roles (its SQL depends on the roles only; the id and the reader
   * are its parameters), and the row becomes the entity by the column metadata, without the query
   * builder's work per request.
   */
  private async findReadableCompiled(id: string, user: AuthUser): Promise<Proposal> {
    const key = [...user.roles].sort().join(',');
    let statement = this.compiled.get(key);
    if (!statement) {
      const qb = this.dataSource
        .getRepository(Proposal)
        .createQueryBuilder('p')
        .where('p.id = :id', { id: ID_SLOT });
      const [sql, params] = whereReadable(qb, { ...user, id: READER_SLOT }).getQueryAndParameters();
      statement = { sql, params };
      this.compiled.set(key, statement);
    }
    const params = statement.params.map((p) => (p === ID_SLOT ? id : p === READER_SLOT ? user.id : p));
    const rows: Record<string, unknown>[] = await this.dataSource.query(statement.sql, params);
    if (!rows[0]) throw notFound('Proposal');
    const proposal = new Proposal();
    const target = proposal as unknown as Record<string, unknown>;
    for (const column of this.dataSource.getMetadata(Proposal).columns)
      target[column.propertyName] = rows[0][`p_${column.databaseName}`];
    return proposal;
  }
}
