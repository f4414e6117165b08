import type { Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobPolicy } from './job-policies';
import type { JobName } from './job-names';
import type { QueueName } from './queues';

/** A repeat rule: a cron pattern in a time zone, or a fixed interval. */
export type JobSchedule = { id: string; pattern: string; tz: string } | { id: string; every: number };

/**
 * One job, declared once: its name, its queue, how BullMQ retries and keeps it, and what runs it (a
 * method of an injectable service, resolved by the worker). The catalogue, the worker routing and
 * the dashboard are all derived from the list of these (job-declarations.ts).
 */
export interface JobDeclaration<H = unknown> {
  name: JobName;
  queue: QueueName;
  policy: JobPolicy;
  /** A BullMQ job scheduler that adds this job repeatedly (upserted when the workers start). */
  schedule?: JobSchedule;
  /** Names this job carried in earlier releases: such jobs may still wait in Redis after an upgrade. */
  formerNames?: string[];
  /** The injectable service that runs the job. */
  handler: Type<H>;
  /** Runs one job; throws to let BullMQ retry, returns a result (or `{ skipped }`) otherwise. */
  run(handler: H, job: Job): Promise<unknown>;
}

/** Declares a job, typing `run` by its handler. */
export function declareJob<H>(declaration: JobDeclaration<H>): JobDeclaration {
  return declaration as JobDeclaration;
}
