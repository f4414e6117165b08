import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { MailDispatch, MailResult } from '@/notifications/mail-dispatch';
import { JOB, type JobName } from './job-names';
import { QueueRegistry } from './queue-registry';
import { QUEUES } from './queues';

/**
 * Deterministic ids of a round's consensus reminders, so they can be found and removed. BullMQ allows
 * at most two colons in a custom id: `consensus:<proposal>-r<round>:draft`.
 */
export const consensusReminderIds = (proposalId: string, round: number) => ({
  draft: `consensus:${proposalId}-r${round}:draft`,
  sign: `consensus:${proposalId}-r${round}:sign`,
});

/**
 * Consensus mails and reminders (DESIGN §12): the named rapporteur is asked to draft, the co-reviewers
 * to sign; each request plans one delayed reminder (REMIND_CONSENSUS_AFTER, deterministic id) that
 * re-reads the report before it mails (the recipients' query leaves out whoever is done), and the final
 * report removes both.
 */
@Injectable()
export class ConsensusJobs {
  constructor(
    private readonly mail: MailDispatch,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async rapporteurNamed(job: Job): Promise<MailResult> {
    const sent = await this.mail.send('consensus-rapporteur', job.data, String(job.id), { job: job.name });
    const ids = consensusReminderIds(String(job.data.proposalId), Number(job.data.round));
    // A new rapporteur: the reminder is theirs now.
    await this.replace(ids.draft, JOB.remindConsensusDraft, { ...job.data });
    return sent;
  }

  async signRequested(job: Job): Promise<MailResult> {
    const sent = await this.mail.send('consensus-sign-request', job.data, String(job.id), { job: job.name });
    const ids = consensusReminderIds(String(job.data.proposalId), Number(job.data.round));
    await this.replace(ids.sign, JOB.remindConsensusSign, { ...job.data });
    return sent;
  }

  /** The reminder mails only whom it still concerns (no one once the report moved on). */
  remind(job: Job): Promise<MailResult> {
    const template =
      job.name === JOB.remindConsensusDraft ? 'consensus-rapporteur' : 'consensus-sign-request';
    return this.mail.send(template, { ...job.data, reminder: true }, `${job.id}@${job.data.plannedAt}`, {
      job: job.name,
    });
  }

  async cancel(job: Job): Promise<Record<string, unknown>> {
    const queue = this.queues.queue(QUEUES.reminders);
    const ids = consensusReminderIds(String(job.data.proposalId), Number(job.data.round));
    let removed = 0;
    for (const id of [ids.draft, ids.sign]) {
      const planned = await queue.getJob(id);
      if (planned && ((await planned.isDelayed()) || (await planned.isWaiting()))) {
        await planned.remove();
        removed += 1;
      }
    }
    return { removed };
  }

  private async replace(jobId: string, name: JobName, data: Record<string, unknown>): Promise<void> {
    const queue = this.queues.queue(QUEUES.reminders);
    const existing = await queue.getJob(jobId);
    if (existing && !(await existing.isActive())) await existing.remove();
    else if (existing) return;
    const plannedAt = Date.now() + this.config.remindConsensusAfterMs;
    await this.queues.add(name, { ...data, plannedAt }, { jobId, delay: this.config.remindConsensusAfterMs });
  }
}
