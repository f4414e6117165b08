import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { HealthService } from '@/common/health.service';
import { JobCatalogue } from './job-catalogue';
import { OutboxRelay } from './outbox-relay';
import { RedisReconciler } from './redis-reconciler';
import { bullConnection, QueueRegistry } from './queue-registry';
import { CONCURRENCY, LOCK_DURATION_MS, QueueName, STALLED_INTERVAL_MS } from './queues';

/**
 * Runs the queue workers and the outbox relay in this process when WORKERS=on (the default, and always
 * in `npm run start:worker`); an API-only instance (WORKERS=off) only writes outbox rows. On shutdown
 * (SIGTERM, enableShutdownHooks) the workers stop taking jobs and finish the active ones before the
 * database and Redis connections close. Each job runs the handler of its declaration (job-declarations.ts).
 */
@Injectable()
export class WorkerHost implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelay,
    private readonly health: HealthService,
    private readonly catalogue: JobCatalogue,
    private readonly moduleRef: ModuleRef,
    private readonly reconciler: RedisReconciler,
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
    for (const name of this.catalogue.queues()) {
      const worker = new Worker(name, (job) => this.run(name, job), {
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
    // Schedulers and delayed jobs live only in Redis: put back whatever it lost (also on reconnect).
    await this.reconciler.start();
    await this.relay.start();
    this.logger.log(`Workers running on ${this.workers.map((w) => w.name).join(', ')}.`);
  }

  /** Runs a job with the handler its declaration names (looked up by job name, also a former one). */
  private async run(queue: QueueName, job: Job): Promise<unknown> {
    const declaration = this.catalogue.find(job.name);
    if (!declaration || declaration.queue !== queue) {
      throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${queue}`);
    }
    return declaration.run(this.moduleRef.get(declaration.handler, { strict: false }), job);
  }

  /** Stops taking jobs and waits for the active ones (BullMQ `close()`), before connections close. */
  async stop(): Promise<void> {
    this.reconciler.stop();
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
