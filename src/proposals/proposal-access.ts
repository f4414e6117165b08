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

@Injectable()
export class ProposalAccess {
  constructor(private readonly dataSource: DataSource) {}

  /** The proposal if `user` may read it; 404 for unknown and for not visible alike. */
  async findReadable(id: string, user: AuthUser, manager?: EntityManager): Promise<Proposal> {
    const qb = (manager ?? this.dataSource.manager)
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    const proposal = await whereReadable(qb, user).getOne();
    if (!proposal) throw notFound('Proposal');
    return proposal;
  }
}
