import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { OUTBOX_CHANNEL } from '@/workflow/outbox';
import { QueueRegistry } from './queue-registry';
import { QueueName, QUEUES } from './queues';

export interface RelayOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** Polling fallback for a missed NOTIFY (listener reconnecting, a NOTIFY lost with a crash). */
  pollMs: number;
  /** A Redis command that takes longer fails the batch (rolled back, retried on the next wake-up). */
  enqueueTimeoutMs: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = { batchSize: 200, pollMs: 1_000, enqueueTimeoutMs: 5_000 };

interface OutboxRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox rows into BullMQ (jobId = outbox id), then marks them dispatched — in one
 * transaction that holds the rows with `FOR UPDATE SKIP LOCKED`, so several relays (one per worker
 * process) never take the same row. Enqueue happens before the mark: a crash in between leaves the row
 * undispatched, and the next relay's enqueue with the same jobId is a no-op in BullMQ. While Redis is
 * unreachable the enqueue fails, the transaction rolls back and the rows wait in PostgreSQL.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private options: RelayOptions = { ...DEFAULT_RELAY_OPTIONS };
  private listener: Client | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private running = false;
  private draining: Promise<void> | null = null;
  private wakeAgain = false;
  private lastFailure = '';
  /** Rows this relay dispatched since start (for tests and the health report). */
  dispatched = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A second relay on the same database and queues (tests of concurrent relays, benchmarks). */
  static create(
    dataSource: DataSource,
    queues: QueueRegistry,
    config: AppConfig,
    options: Partial<RelayOptions> = {},
  ): OutboxRelay {
    const relay = new OutboxRelay(dataSource, queues, config);
    relay.options = { ...DEFAULT_RELAY_OPTIONS, ...options };
    return relay;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pollTimer = this.reconnectTimer = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.draining;
  }

  /** Drains now, or once more right after the drain in progress. */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.running && (await this.dispatchBatch()) === this.options.batchSize);
      if (this.lastFailure) this.logger.log('Outbox relay dispatches again.');
      this.lastFailure = '';
    } catch (error) {
      const message = (error as Error).message;
      // One line per kind of failure, not one per poll while Redis is down.
      if (message !== this.lastFailure) {
        this.logger.warn(`Outbox rows wait: ${message}`);
        this.lastFailure = message;
      }
    }
  }

  /** Dispatches up to one batch; returns how many rows it took. */
  async dispatchBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, kind, payload FROM outbox WHERE dispatched_at IS NULL
          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, OutboxRow[]>();
      const catalogue = this.queues.catalogue;
      for (const row of rows) {
        // An unknown kind still goes to a queue: its job fails visibly there instead of blocking the outbox.
        const queue = catalogue.find(row.kind)?.queue ?? QUEUES.notifications;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
      }
      for (const [queue, batch] of byQueue) {
        await this.withTimeout(
          this.queues.queue(queue).addBulk(
            batch.map((row) => ({
              name: row.kind,
              data: row.payload,
              opts: this.jobOptions(row),
            })),
          ),
        );
      }
      await manager.query('UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[])', [
        rows.map((row) => row.id),
      ]);
      this.dispatched += rows.length;
      return rows.length;
    });
  }

  /** The catalogue's options for the row's job (jobId = outbox id); one attempt for an unknown kind. */
  private jobOptions(row: OutboxRow): JobsOptions {
    const declaration = this.queues.catalogue.find(row.kind);
    return declaration
      ? this.queues.catalogue.options(declaration.name, { jobId: row.id })
      : { jobId: row.id, attempts: 1, removeOnFail: false };
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    this.listener = client;
    const retry = () => {
      if (!this.running || this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.listen(), 2_000);
    };
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn(`Outbox listener lost its connection (${error.message}); polling meanwhile.`);
      retry();
    });
    client.on('end', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Rows committed while the listener was away are picked up right now.
      this.wake();
    } catch (error) {
      this.logger.warn(`Outbox listener could not connect (${(error as Error).message}); polling meanwhile.`);
      retry();
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.options.enqueueTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error as Error)),
      );
    });
  }
}
