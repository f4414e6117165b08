import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import type { AuthUser } from '@/auth/auth-user';
import { Proposal } from '@/proposals/proposal.entity';
import { ProposalAccess } from '@/proposals/proposal-access';
import { PERSONAL_DATA } from './personal-data';
import { PRIVACY_NOTICE_VERSION } from '@/common/privacy-notice';

/** The export of `GET /api/me/export`: every table's rows of the caller, secrets left out. */
export interface PersonalDataExport {
  exportedAt: string;
  userId: string;
  privacyNoticeVersion: string;
  /** Per table (named as in the database), its rows of the user with their columns (camelCase). */
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * Everything stored about one person (DSGVO Art. 15 and 20), derived from the declarations in
 * personal-data.ts: for each table with a `rowsOf` condition its rows, every declared column but the
 * secrets. The ZIP adds the files of the person's own attachments.
 */
@Injectable()
export class PrivacyExportService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: ProposalAccess,
  ) {}

  async export(userId: string): Promise<PersonalDataExport> {
    const tables: PersonalDataExport['tables'] = {};
    await this.db.transaction('REPEATABLE READ', async (manager) => {
      for (const metadata of this.db.entityMetadatas) {
        const declaration = PERSONAL_DATA[metadata.tableName];
        if (!declaration?.rowsOf) continue;
        const shown = [...declaration.personal, ...declaration.other];
        let rows = await manager
          .createQueryBuilder(metadata.target, 't')
          .where(declaration.rowsOf, { userId })
          .getMany();
        // Own proposals as the person sees them: an unreleased decision's proposal still awaits it.
        if (metadata.target === Proposal) {
          const [user]: Pick<AuthUser, 'id' | 'roles'>[] = await manager.query(
            'SELECT id, roles FROM users WHERE id = $1',
            [userId],
          );
          if (user) rows = (await this.access.asSeenBy(rows as Proposal[], user as AuthUser)).rows;
        }
        tables[metadata.tableName] = rows.map((row: Record<string, unknown>) =>
          Object.fromEntries(shown.map((column) => [column, plain(row[column])])),
        );
      }
    });
    return {
      exportedAt: new Date().toISOString(),
      userId,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      tables,
    };
  }

  /** The export as `export.json` plus `attachments/<proposal>/<id>-<filename>` of the person's own proposals. */
  async zip(userId: string): Promise<Uint8Array> {
    const data = await this.export(userId);
    const files: Record<string, Uint8Array> = {
      'export.json': new TextEncoder().encode(JSON.stringify(data, null, 2)),
    };
    const own: { id: string; proposal_id: string; filename: string; storage_key: string }[] =
      await this.db.query(
        `SELECT a.id, a.proposal_id, a.filename, a.storage_key
           FROM attachments a JOIN proposals p ON p.id = a.proposal_id
          WHERE p.applicant_id = $1 ORDER BY a.created_at`,
        [userId],
      );
    const dir = resolve(this.config.uploadDir);
    for (const a of own) {
      const safeName = a.filename.replace(/[^\p{L}\p{N}._ -]/gu, '_');
      files[`attachments/${a.proposal_id}/${a.id}-${safeName}`] = await readFile(join(dir, a.storage_key));
    }
    return zipSync(files, { level: 6 });
  }
}

function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
