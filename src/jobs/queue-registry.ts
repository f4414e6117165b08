import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { JobCatalogue } from './job-catalogue';
import type { JobName } from './job-names';
import type { QueueName } from './queues';

/** Redis connection options for BullMQ; workers need `maxRetriesPerRequest: null` (blocking commands). */
export function bullConnection(config: AppConfig, forWorker: boolean) {
  return forWorker
    ? { url: config.redisUrl, maxRetriesPerRequest: null }
    : // Producers fail fast while Redis is away instead of queueing commands in memory; the outbox
      // relay retries, so nothing is lost.
      { url: config.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}

/** The producer side of every queue, with the key prefix of this environment (`REDIS_PREFIX`). */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    readonly catalogue: JobCatalogue,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.config, false),
        prefix: this.config.redisPrefix,
      });
      // Connection errors surface where a command fails (relay, health); the event only needs a listener.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Every queue that has a declared job. */
  all(): Queue[] {
    return this.catalogue.queues().map((name) => this.queue(name));
  }

  /** Adds one job of the catalogue to its queue. */
  add(name: JobName, data: Record<string, unknown>, extra: JobsOptions = {}): Promise<Job> {
    return this.queue(this.catalogue.get(name).queue).add(name, data, this.catalogue.options(name, extra));
  }

  /** Adds many jobs of the catalogue, one `addBulk` (one Redis round trip) per queue. */
  async addBulk(
    jobs: { name: JobName; data: Record<string, unknown>; extra?: JobsOptions }[],
  ): Promise<Job[]> {
    const byQueue = new Map<
      QueueName,
      { name: JobName; data: Record<string, unknown>; opts: JobsOptions }[]
    >();
    for (const { name, data, extra } of jobs) {
      const queue = this.catalogue.get(name).queue;
      const list = byQueue.get(queue) ?? [];
      list.push({ name, data, opts: this.catalogue.options(name, extra ?? {}) });
      byQueue.set(queue, list);
    }
    const added = await Promise.all([...byQueue].map(([queue, list]) => this.queue(queue).addBulk(list)));
    return added.flat();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    this.queues.clear();
  }
}
