import type { JobsOptions } from 'bullmq';
import type { JobDeclaration } from './job-declaration';
import type { JobName } from './job-names';
import type { QueueName } from './queues';

/**
 * The job catalogue, derived from the declarations: job name → queue and BullMQ options, and the
 * declaration a worker runs for a job name (also under a former name). Provided by JobsModule, so
 * that infrastructure (registry, relay, workers) does not import the handlers.
 */
export class JobCatalogue {
  private readonly byName = new Map<string, JobDeclaration>();

  constructor(readonly declarations: readonly JobDeclaration[]) {
    for (const declaration of declarations) {
      for (const name of [declaration.name, ...(declaration.formerNames ?? [])]) {
        if (this.byName.has(name)) throw new Error(`Job "${name}" is declared twice`);
        this.byName.set(name, declaration);
      }
    }
  }

  /** The declaration for a job name (current or former), or undefined for an unknown name. */
  find(name: string): JobDeclaration | undefined {
    return this.byName.get(name);
  }

  get(name: JobName): JobDeclaration {
    const declaration = this.byName.get(name);
    if (!declaration) throw new Error(`Job "${name}" is not declared`);
    return declaration;
  }

  /** The queues that have at least one job, in declaration order. */
  queues(): QueueName[] {
    return [...new Set(this.declarations.map((d) => d.queue))];
  }

  /** BullMQ options for one job of the catalogue (jobId and delay added by the caller). */
  options(name: JobName, extra: JobsOptions = {}): JobsOptions {
    const { attempts, backoff, removeOnComplete, removeOnFail } = this.get(name).policy;
    return { attempts, backoff, removeOnComplete, removeOnFail, ...extra };
  }
}
