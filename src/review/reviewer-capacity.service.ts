import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PUBLISHED_CALL_STATES } from '@/calls/call-transitions';
import { notFound } from '@/common/problem';
import type { AuthUser } from '@/users/auth-user';
import { writeAudit } from '@/workflow/audit';
import { CapacityView } from './reviewer-capacity.dto';

interface Row {
  call_id: string;
  title: string;
  max_load: number;
  call_max: number;
}

const toView = (r: Row): CapacityView => ({
  callId: r.call_id,
  callTitle: r.title,
  maxLoad: r.max_load,
  callMaxLoad: r.call_max,
  effectiveMaxLoad: Math.min(r.max_load, r.call_max),
});

/** A board member's own, lower load per call (DESIGN §10); auto-assign reads it beside the call's cap. */
@Injectable()
export class ReviewerCapacityService {
  constructor(private readonly dataSource: DataSource) {}

  /** Sets `user`'s own limit for a published call (404 for a draft or an unknown id). */
  async set(callId: string, user: AuthUser, maxLoad: number): Promise<CapacityView> {
    return this.dataSource.transaction(async (manager) => {
      const calls: { id: string }[] = await manager.query(
        'SELECT id FROM calls WHERE id = $1 AND state = ANY($2)',
        [callId, PUBLISHED_CALL_STATES],
      );
      if (calls.length === 0) throw notFound('Call');
      await manager.query(
        `INSERT INTO reviewer_capacities (call_id, user_id, max_load) VALUES ($1, $2, $3)
         ON CONFLICT (call_id, user_id) DO UPDATE SET max_load = EXCLUDED.max_load, updated_at = now()`,
        [callId, user.id, maxLoad],
      );
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'call',
        entityId: callId,
        action: 'set-capacity',
        data: { maxLoad },
      });
      const [row] = await this.rows(manager, user.id, callId);
      return toView(row);
    });
  }

  /** Every limit `userId` has set, newest call first (the profile page). */
  async forUser(userId: string): Promise<CapacityView[]> {
    return (await this.rows(this.dataSource.manager, userId, null)).map(toView);
  }

  /** The calls a limit can be set for (open or closed, not archived), newest first. */
  openCalls(): Promise<{ id: string; title: string; maxLoadPerReviewer: number }[]> {
    return this.dataSource.query(
      `SELECT id, title, max_load_per_reviewer AS "maxLoadPerReviewer" FROM calls
        WHERE state = ANY($1) ORDER BY created_at DESC, id LIMIT 50`,
      [PUBLISHED_CALL_STATES.filter((s) => s !== 'archived')],
    );
  }

  private rows(manager: DataSource['manager'], userId: string, callId: string | null): Promise<Row[]> {
    return manager.query(
      `SELECT c.id AS call_id, c.title, rc.max_load, c.max_load_per_reviewer AS call_max
         FROM reviewer_capacities rc JOIN calls c ON c.id = rc.call_id
        WHERE rc.user_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
        ORDER BY c.created_at DESC, c.id`,
      [userId, callId],
    );
  }
}
