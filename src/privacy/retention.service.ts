import { Inject, Injectable, Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { proposalMachine, type ProposalState } from '@/proposals/proposal-transitions';
import { writeAudit } from '@/workflow/audit';
import { ErasureService } from './erasure.service';

/** The end states a funding leaves a proposal in; every other end state counts as unfunded. */
export const FUNDED_STATES: readonly ProposalState[] = ['approved'];

/** States no event leaves: the proposal's story is over, its retention period runs from entering it. */
export function endStates(): ProposalState[] {
  return proposalMachine.states.filter((s) => !proposalMachine.transitions.some((t) => t.from.includes(s)));
}

export interface RetentionDue {
  proposalId: string;
  title: string;
  state: string;
  kind: 'funded' | 'unfunded';
  endedAt: string;
  dueAt: string;
  attachmentCount: number;
}

export interface RetentionRun {
  purged: { proposalId: string; kind: string; attachmentCount: number }[];
  pseudonymised: string[];
}

/**
 * Retention (DSGVO Art. 5(1)(e), DESIGN §14): a proposal that ended unfunded keeps its attachments and
 * free texts `RETENTION_UNFUNDED` after entering its end state (decision, withdrawal, screening), a
 * funded one `RETENTION_FUNDED`. Past it, the daily job deletes the attachments (rows and files) and
 * empties abstract and partners; title, state and history stay. An applicant with nothing left under
 * retention is then pseudonymised like an erasure. Each proposal is claimed by inserting its
 * `retention_purges` row under the proposal's row lock (skipped when another run holds it), so runs on
 * two instances at once purge each proposal once and write one audit event for it.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly db: DataSource,
    private readonly erasure: ErasureService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The dry run: every proposal past its period and not purged yet, oldest first. */
  async due(now = new Date()): Promise<RetentionDue[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.id, p.title, p.state, ended.at AS ended_at,
              CASE WHEN p.state = ANY($2) THEN 'funded' ELSE 'unfunded' END AS kind,
              (SELECT count(*)::int FROM attachments a WHERE a.proposal_id = p.id) AS attachment_count
         FROM proposals p
         JOIN LATERAL (SELECT max(e.at) AS at FROM audit_events e
                        WHERE e.entity_type = 'proposal' AND e.entity_id = p.id AND e.to_state = p.state) ended
           ON ended.at IS NOT NULL
        WHERE p.state = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM retention_purges r WHERE r.proposal_id = p.id)
          AND ended.at + make_interval(secs => (CASE WHEN p.state = ANY($2) THEN $3 ELSE $4 END)::float8 / 1000) <= $5
        ORDER BY ended.at
        LIMIT 1000`,
      [endStates(), FUNDED_STATES, this.config.retentionFundedMs, this.config.retentionUnfundedMs, now],
    );
    return rows.map((r) => {
      const kind = r.kind as 'funded' | 'unfunded';
      const endedAt = r.ended_at as Date;
      const period = kind === 'funded' ? this.config.retentionFundedMs : this.config.retentionUnfundedMs;
      return {
        proposalId: String(r.id),
        title: String(r.title),
        state: String(r.state),
        kind,
        endedAt: endedAt.toISOString(),
        dueAt: new Date(endedAt.getTime() + period).toISOString(),
        attachmentCount: Number(r.attachment_count),
      };
    });
  }

  /** The daily job: purges what is due; safe to run twice and on two instances at once. */
  async run(now = new Date()): Promise<RetentionRun> {
    const result: RetentionRun = { purged: [], pseudonymised: [] };
    for (const due of await this.due(now)) {
      const purged = await this.purge(due);
      if (!purged) continue;
      result.purged.push({
        proposalId: due.proposalId,
        kind: due.kind,
        attachmentCount: purged.files.length,
      });
      if (purged.pseudonymised) result.pseudonymised.push(purged.pseudonymised);
    }
    if (result.purged.length > 0)
      this.logger.log(
        `Retention: purged ${result.purged.length} proposals, pseudonymised ${result.pseudonymised.length} applicants`,
      );
    return result;
  }

  private async purge(due: RetentionDue): Promise<{ files: string[]; pseudonymised: string | null } | null> {
    const outcome = await this.db.transaction(async (manager) => {
      const locked: { applicant_id: string; state: string }[] = await manager.query(
        'SELECT applicant_id, state FROM proposals WHERE id = $1 FOR UPDATE SKIP LOCKED',
        [due.proposalId],
      );
      if (locked.length === 0 || locked[0].state !== due.state) return null;
      const claimed: unknown[] = await manager.query(
        `INSERT INTO retention_purges (proposal_id, kind, attachment_count)
         SELECT $1, $2, (SELECT count(*)::int FROM attachments WHERE proposal_id = $1)
         ON CONFLICT (proposal_id) DO NOTHING RETURNING proposal_id`,
        [due.proposalId, due.kind],
      );
      if (claimed.length === 0) return null;
      const files: { storage_key: string }[] = await manager.query(
        'SELECT storage_key FROM attachments WHERE proposal_id = $1',
        [due.proposalId],
      );
      await manager.query('DELETE FROM attachments WHERE proposal_id = $1', [due.proposalId]);
      await manager.query(
        `UPDATE proposals SET abstract = '', partners = '[]', partner_keys = '{}' WHERE id = $1`,
        [due.proposalId],
      );
      await writeAudit(manager, {
        actorId: null,
        entityType: 'proposal',
        entityId: due.proposalId,
        action: 'retention-purge',
        data: { kind: due.kind, attachments: files.length },
      });
      const applicantId = locked[0].applicant_id;
      const [left]: { left: boolean }[] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM proposals p WHERE p.applicant_id = $1
                          AND NOT EXISTS (SELECT 1 FROM retention_purges r WHERE r.proposal_id = p.id))
             OR EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.roles <> '{applicant}')
             OR EXISTS (SELECT 1 FROM erasure_requests e WHERE e.user_id = $1 AND e.state = 'executed') AS left`,
        [applicantId],
      );
      let pseudonymised: string | null = null;
      if (!left.left) {
        await this.erasure.executeIn(manager, applicantId, 'retention period ended', null);
        pseudonymised = applicantId;
      }
      return { files: files.map((f) => f.storage_key), pseudonymised };
    });
    if (!outcome) return null;
    const dir = resolve(this.config.uploadDir);
    for (const key of outcome.files) await rm(join(dir, key), { force: true });
    return outcome;
  }
}
