import { Module } from '@nestjs/common';
import { AuthModule } from '@/auth/auth.module';
import { CallsModule } from '@/calls/calls.module';
import { NotificationsModule } from '@/notifications/notifications.module';
import { PrivacyModule } from '@/privacy/privacy.module';
import { ProposalsModule } from '@/proposals/proposals.module';
import { ConsensusJobs } from './consensus-jobs';
import { DeadlineSweep } from './deadline-sweep';
import { JobCatalogue } from './job-catalogue';
import { JOB_DECLARATIONS } from './job-declarations';
import { MailJobs } from './mail-jobs';
import { OutboxRelay } from './outbox-relay';
import { QueueDashboard } from './queue-dashboard';
import { QueueRegistry } from './queue-registry';
import { RedisReconciler } from './redis-reconciler';
import { ReminderJobs } from './reminder-jobs';
import { WorkerHost } from './worker-host';

/**
 * Queue infrastructure: the job catalogue (from the declarations), the queues, the outbox relay, the
 * workers with their schedules, and the queue dashboard. Handlers are the jobs' own services (mail
 * jobs, reminders, the deadline sweep here; call and revision deadlines from their modules).
 */
@Module({
  imports: [AuthModule, CallsModule, ProposalsModule, NotificationsModule, PrivacyModule],
  providers: [
    { provide: JobCatalogue, useValue: new JobCatalogue(JOB_DECLARATIONS) },
    QueueRegistry,
    OutboxRelay,
    WorkerHost,
    QueueDashboard,
    MailJobs,
    ReminderJobs,
    ConsensusJobs,
    DeadlineSweep,
    RedisReconciler,
  ],
  exports: [QueueRegistry, WorkerHost, OutboxRelay],
})
export class JobsModule {}
