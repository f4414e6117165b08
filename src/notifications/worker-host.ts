import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { HealthService } from '@/common/health.service';
import { DeadlineProcessor } from './deadline.processor';
import {
  CONCURRENCY,
  JOB,
  jobOptions,
  LOCK_DURATION_MS,
  QueueName,
  QUEUES,
  SCHEDULES,
  STALLED_INTERVAL_MS,
} from './job-catalogue';
import { NotificationProcessor } from './notification.processor';
import { OutboxRelay } from './outbox-relay';
import { bullConnection, QueueRegistry } from './queue-registry';
import { ReminderProcessor } from './reminder.processor';

/**
 * Runs the queue workers and the outbox relay in this process when WORKERS=on (the default, and always
 * in `npm run start:worker`); an API-only instance (WORKERS=off) only writes outbox rows. On shutdown
 * (SIGTERM, enableShutdownHooks) the workers stop taking jobs and finish the active ones before the
 * database and Redis connections close.
 */
@Injectable()
export class WorkerHost implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private workers: Worker[] = [];
  private scheduleTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelay,
    private readonly health: HealthService,
    private readonly notifications: NotificationProcessor,
    private readonly reminders: ReminderProcessor,
    private readonly deadlines: DeadlineProcessor,
  ) {}

  onModuleInit(): void {
    this.health.register('workers', async () => {
      if (this.workers.length === 0) return { running: false, mode: 'api-only (WORKERS=off)' };
      const stopped = this.workers.filter((w) => !w.isRunning()).map((w) => w.name);
      if (stopped.length > 0) throw new Error(`workers not running: ${stopped.join(', ')}`);
      return { running: true, queues: this.workers.map((w) => w.name), relay: this.relay.isRunning };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workers) await this.start();
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  async start(): Promise<void> {
    if (this.workers.length > 0) return;
    const processors: Record<QueueName, (job: Job) => Promise<unknown>> = {
      [QUEUES.notifications]: (job) => this.notifications.process(job),
      [QUEUES.reminders]: (job) => this.reminders.process(job),
      [QUEUES.deadlines]: (job) => this.deadlines.process(job),
    };
    for (const name of Object.values(QUEUES)) {
      const worker = new Worker(name, processors[name], {
        connection: bullConnection(this.config, true),
        prefix: this.config.redisPrefix,
        concurrency: CONCURRENCY[name],
        lockDuration: LOCK_DURATION_MS,
        stalledInterval: STALLED_INTERVAL_MS,
      });
      worker.on('error', (error) => this.logger.warn(`Queue ${name}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
        ),
      );
      this.workers.push(worker);
    }
    await this.upsertSchedules();
    await this.relay.start();
    this.logger.log(`Workers running on ${this.workers.map((w) => w.name).join(', ')}.`);
  }

  /** The daily digest and the deadline sweep as BullMQ job schedulers; retried while Redis is away. */
  private async upsertSchedules(): Promise<void> {
    try {
      const { officeDigest, sweepDeadlines } = SCHEDULES;
      await this.queues
        .queue(QUEUES.notifications)
        .upsertJobScheduler(
          officeDigest.id,
          { pattern: officeDigest.pattern, tz: officeDigest.tz },
          { name: JOB.officeDigest, data: {}, opts: withoutId(jobOptions(JOB.officeDigest)) },
        );
      await this.queues
        .queue(QUEUES.deadlines)
        .upsertJobScheduler(
          sweepDeadlines.id,
          { every: sweepDeadlines.every },
          { name: JOB.sweepDeadlines, data: {}, opts: withoutId(jobOptions(JOB.sweepDeadlines)) },
        );
      this.scheduleTimer = null;
    } catch (error) {
      this.logger.warn(`Job schedulers not set yet (${(error as Error).message}); retrying in 30 s.`);
      this.scheduleTimer = setTimeout(() => void this.upsertSchedules(), 30_000);
    }
  }

  /** Stops taking jobs and waits for the active ones (BullMQ `close()`), before connections close. */
  async stop(): Promise<void> {
    if (this.scheduleTimer) clearTimeout(this.scheduleTimer);
    await this.relay.stop();
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.close()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.workers.length > 0) {
      this.logger.log('Stopping workers: finishing active jobs.');
      await this.stop();
    }
  }
}

function withoutId<T extends { jobId?: string }>(options: T): Omit<T, 'jobId'> {
  const { jobId: _jobId, ...rest } = options;
  return rest;
}
