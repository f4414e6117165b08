import { Module } from '@nestjs/common';
import { AuthModule } from '@/auth/auth.module';
import { CallsModule } from '@/calls/calls.module';
import { ProposalsModule } from '@/proposals/proposals.module';
import { ReviewModule } from '@/review/review.module';
import { ActionsController } from './actions.controller';
import { DeadlineProcessor } from './deadline.processor';
import { MailCatalogue } from './mail-catalogue';
import { MailData } from './mail-data';
import { MailDelivery } from './mail-delivery';
import { Mailer } from './mailer';
import { MailsController } from './mails.controller';
import { MailsService } from './mails.service';
import { NotificationProcessor } from './notification.processor';
import { OutboxRelay } from './outbox-relay';
import { QueueDashboard } from './queue-dashboard';
import { QueueRegistry } from './queue-registry';
import { ReminderProcessor } from './reminder.processor';
import { TemplateRenderer } from './template-renderer';
import { WorkerHost } from './worker-host';

/**
 * Side effects after commit: the outbox relay, the queues and their workers, the mails (templates,
 * SMTP, mail log), the one-click action pages and the queue dashboard.
 */
@Module({
  imports: [AuthModule, CallsModule, ProposalsModule, ReviewModule],
  controllers: [MailsController, ActionsController],
  providers: [
    QueueRegistry,
    OutboxRelay,
    WorkerHost,
    NotificationProcessor,
    ReminderProcessor,
    DeadlineProcessor,
    MailCatalogue,
    MailData,
    MailDelivery,
    Mailer,
    MailsService,
    TemplateRenderer,
    QueueDashboard,
  ],
  exports: [QueueRegistry, WorkerHost, OutboxRelay, MailsService],
})
export class NotificationsModule {}
