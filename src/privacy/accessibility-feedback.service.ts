import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { writeOutbox } from '@/workflow/outbox';
import { OUTBOX } from '@/workflow/outbox-kinds';
import { AccessibilityFeedback } from './accessibility-feedback.entity';
import type { AccessibilityFeedbackDto } from './privacy.dto';

/** Stores a feedback message and, in the same transaction, the outbox row that mails it to the office. */
@Injectable()
export class AccessibilityFeedbackService {
  constructor(private readonly db: DataSource) {}

  async send(dto: AccessibilityFeedbackDto, locale: 'de' | 'en'): Promise<void> {
    await this.db.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(AccessibilityFeedback, {
          message: dto.message,
          contact: dto.contact ?? '',
          locale: dto.locale ?? locale,
        }),
      );
      await writeOutbox(manager, OUTBOX.accessibilityFeedback, { feedbackId: saved.id });
    });
  }
}
