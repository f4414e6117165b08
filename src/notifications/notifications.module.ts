import { Module } from '@nestjs/common';
import { DecisionModule } from '@/decision/decision.module';
import { AuthModule } from '@/auth/auth.module';
import { ReviewModule } from '@/review/review.module';
import { MailCatalogue } from './mail-catalogue';
import { MailData } from './mail-data';
import { MailDelivery } from './mail-delivery';
import { MailDispatch } from './mail-dispatch';
import { Mailer } from './mailer';
import { MeetingMails } from './meeting-mails';
import { MailsController } from './mails.controller';
import { MailsService } from './mails.service';
import { TemplateRenderer } from './template-renderer';

/**
 * Mail: which mail goes to whom (catalogue), what it says (mail data, templates), sending it once
 * through the mail log (delivery, dispatch), and the office's mail log API. The jobs that send
 * mails are in src/jobs/.
 */
@Module({
  imports: [AuthModule, ReviewModule, DecisionModule],
  controllers: [MailsController],
  providers: [
    MailCatalogue,
    MailData,
    MailDelivery,
    MailDispatch,
    Mailer,
    MailsService,
    MeetingMails,
    TemplateRenderer,
  ],
  exports: [MailDispatch, MailData, MailsService],
})
export class NotificationsModule {}
