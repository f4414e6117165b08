import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { notFound } from '@/common/problem';
import { entityFromRow, poolQuery } from '@/database/pool-query';
import { Proposal } from './proposal.entity';
import {
  OUTLINE_ROUND,
  type ProposalState,
  REVIEWER_VISIBLE_STATES,
  STEERING_VISIBLE_STATES,
} from './proposal-transitions';

/**
 * The states a recorded decision leads to (an invited outline becomes a full `draft`): hidden from
 * the applicant until its letter is released.
 */
const DECIDED_STATES: readonly ProposalState[] = [
  'approved',
  'rejected',
  'revision_requested',
  'not_invited',
  'draft',
];

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
   * Batch release (DESIGN §12): until the office releases a decision's letter, its applicant reads the
   * proposal as still `awaiting_decision` — state, revision deadline and with them the allowed actions.
   * The one place the mask is applied; office, steering and reviewers get the rows unchanged. Returns
   * the rows (masked copies where needed) in order and the ids that were masked.
   */
  async asSeenBy(proposals: Proposal[], user: AuthUser): Promise<{ rows: Proposal[]; masked: Set<string> }> {
    const masked = new Set<string>();
    if (user.roles.includes('office')) return { rows: proposals, masked };
    const own = proposals.filter(
      (p) => p.applicantId === user.id && (DECIDED_STATES as string[]).includes(p.state),
    );
    if (own.length === 0) return { rows: proposals, masked };
    const pending: { proposal_id: string; round: number }[] = await this.dataSource.query(
      `SELECT proposal_id, max(round)::int AS round FROM decisions
        WHERE proposal_id = ANY($1::uuid[]) AND released_at IS NULL GROUP BY proposal_id`,
      [own.map((p) => p.id)],
    );
    const roundOf = new Map(pending.map((row) => [row.proposal_id, row.round]));
    for (const id of roundOf.keys()) masked.add(id);
    const rows = proposals.map((p) => {
      const round = roundOf.get(p.id);
      if (round === undefined) return p;
      return Object.assign(new Proposal(), p, {
        state: 'awaiting_decision',
        revisionDeadline: null,
        // The round (and stage) the decision was for: an invitation opens the full stage's round 1.
        round,
        stage: round === OUTLINE_ROUND ? 'outline' : p.stage,
      });
    });
    return { rows, masked };
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
    const rows = await poolQuery<Record<string, unknown>>(this.dataSource, statement.sql, params);
    return rows.map((row) => entityFromRow(this.dataSource, Proposal, row, 'p_'));
  }
}
