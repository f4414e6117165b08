import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import type { MailView } from './mail.dto';
import { MAIL_STATUSES, type MailStatus } from './mail-log.entity';

// Response class for the OpenAPI document; `implements` keeps it in step with the view.

@ApiSchema({ name: 'MailView' })
export class MailViewDoc implements MailView {
  id: string;
  template: string;
  to: string;
  @ApiProperty({ type: String, nullable: true })
  recipientId: string | null;
  locale: string;
  subject: string;
  @ApiProperty({ enum: MAIL_STATUSES })
  status: MailStatus;
  @ApiProperty({ type: String, nullable: true })
  messageId: string | null;
  attempts: number;
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  /** The log entry this one resent. */
  @ApiProperty({ type: String, nullable: true })
  resendOf: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;
}

export const MailPageDoc = PageDoc(MailViewDoc, 'MailPage');
