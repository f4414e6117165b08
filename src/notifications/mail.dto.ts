import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@/common/pagination';
import { TEMPLATES } from './mail-catalogue';
import { MAIL_STATUSES, type MailStatus } from './mail-log.entity';

export class ListMailsQuery extends PageQuery {
  /** Recipient address (exact, case-insensitive). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  to?: string;

  @ApiPropertyOptional({ enum: TEMPLATES })
  @IsOptional()
  @IsString()
  @IsIn(TEMPLATES)
  template?: string;

  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}

export interface MailView {
  id: string;
  template: string;
  to: string;
  recipientId: string | null;
  locale: string;
  subject: string;
  status: MailStatus;
  messageId: string | null;
  attempts: number;
  error: string | null;
  resendOf: string | null;
  createdAt: string;
  sentAt: string | null;
}
