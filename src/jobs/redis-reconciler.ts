import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { OPEN_ASSIGNMENT_STATES } from '@/review/assignment-transitions';
import { DeadlineSweep } from './deadline-sweep';
import { JobCatalogue } from './job-catalogue';
import { QueueRegistry } from './queue-registry';
import { QUEUES } from './queues';
import { ReminderJobs } from './reminder-jobs';
import type { ReminderAssignment } from './reminder-plan';

/** How often the workers look whether Redis still holds the reconciler's mark (a FLUSHALL removes it). */
const WATCH_MS = 5_000;

/**
 * Redis is not the system of record: it may come back empty (restart without persistence, FLUSHALL).
 * The reconciler puts back, from the declarations and the database, everything that only lives in
 * Redis: the job schedulers (digest, deadline sweep, this reconcile) and every open assignment's delayed
 * reminders; then it sweeps once, which plans the calls and revisions due now. All of it is idempotent
 * through deterministic job ids, and a reminder already mailed is not mailed twice (the mail log's key).
 *
 * It runs when the workers start, whenever the queues' Redis connection is ready again after it was
 * lost, when the mark it leaves in Redis is gone (checked every few seconds: a flush without a
 * reconnect), and daily as a declared job.
 */
const STARTED = 'workers started';

@Injectable()
export class RedisReconciler {
  private readonly logger = new Logger('RedisReconciler');
  private running: Promise<Record<string, unknown>> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly onReady = () => this.trigger('Redis connection ready again');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly queues: QueueRegistry,
    private readonly catalogue: JobCatalogue,
    private readonly reminders: ReminderJobs,
    private readonly sweep: DeadlineSweep,
  ) {}

  /** The key whose absence means Redis lost what the reconciler put there. */
  private get markKey(): string {
    return `${this.config.redisPrefix}:reconciled`;
  }

  /** Reconciles now, then watches the connection and the mark until `stop()`. */
  async start(): Promise<void> {
    this.stopped = false;
    // The client resolves once connected: later `ready` events are reconnects.
    void this.client().then(
      (client) => !this.stopped && client.on('ready', this.onReady),
      () => undefined,
    );
    this.watch();
    await this.trigger(STARTED);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.client().then(
      (client) => client.off('ready', this.onReady),
      () => undefined,
    );
    // A reconcile under way is not awaited: with Redis away it would hold up the shutdown; its
    // commands fail once the queues close, and the next start reconciles anyway.
  }

  /** One reconcile at a time; a failure (Redis away again) is logged and the watch retries. */
  private async trigger(reason: string): Promise<void> {
    if (this.stopped) return;
    if (!this.running) {
      this.running = this.reconcile().finally(() => (this.running = null));
      this.running.then(
        (result) => {
          // At every start it is routine (debug); after a loss or a flush the operator wants to know.
          const message = `Reconciled Redis (${reason}): ${JSON.stringify(result)}`;
          if (reason === STARTED) this.logger.debug(message);
          else this.logger.log(message);
        },
        (error: Error) => this.logger.warn(`Reconciling Redis failed (${reason}): ${error.message}`),
      );
    }
    await this.running.catch(() => undefined);
  }

  private watch(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        const client = await this.client();
        if ((await client.get(this.markKey)) === null) await this.trigger('Redis lost its data');
      } catch {
        // Redis away: the `ready` event reconciles once it is back.
      }
      this.watch();
    }, WATCH_MS);
  }

  /** Puts back the schedulers and the planned jobs; the daily job runs this too. */
  async reconcile(): Promise<Record<string, unknown>> {
    const schedulers = await this.upsertSchedulers();
    const open: ReminderAssignment[] = await this.db.query(
      `SELECT id, state, created_at AS "createdAt", due_at AS "dueAt" FROM assignments
        WHERE state = ANY($1) ORDER BY id`,
      [OPEN_ASSIGNMENT_STATES],
    );
    let reminders = 0;
    for (let i = 0; i < open.length; i += 500) {
      for (const { added } of await this.reminders.planMany(open.slice(i, i + 500))) reminders += added;
    }
    const swept = await this.sweep.sweep();
    await (await this.client()).set(this.markKey, new Date().toISOString());
    return { schedulers, assignments: open.length, reminders, ...swept };
  }

  /** The declared schedules as BullMQ job schedulers (an upsert: unchanged ones stay as they are). */
  private async upsertSchedulers(): Promise<number> {
    let n = 0;
    for (const { name, queue, schedule } of this.catalogue.declarations) {
      if (!schedule) continue;
      const { id, ...repeat } = schedule;
      const { jobId: _jobId, ...opts } = this.catalogue.options(name);
      await this.queues.queue(queue).upsertJobScheduler(id, repeat, { name, data: {}, opts });
      n += 1;
    }
    return n;
  }

  /** The connection of the queues' producer side (the one the relay and the planners use). */
  private client() {
    return this.queues.queue(QUEUES.deadlines).getBackend().client;
  }
}
