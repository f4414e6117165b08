import { Module } from '@nestjs/common';
import { AuthModule } from '@/auth/auth.module';
import { ProposalsModule } from '@/proposals/proposals.module';
import { AccessibilityFeedbackService } from './accessibility-feedback.service';
import { ErasureService } from './erasure.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyExportService } from './privacy-export.service';
import { PrivacyRateLimits } from './privacy-rate-limits';
import { RetentionService } from './retention.service';

/** DSGVO: own-data export, erasure, retention, the accessibility feedback (issue 18, DESIGN §14). */
@Module({
  imports: [AuthModule, ProposalsModule],
  controllers: [PrivacyController],
  providers: [
    PrivacyExportService,
    ErasureService,
    RetentionService,
    AccessibilityFeedbackService,
    PrivacyRateLimits,
  ],
  exports: [
    PrivacyExportService,
    ErasureService,
    RetentionService,
    AccessibilityFeedbackService,
    PrivacyRateLimits,
  ],
})
export class PrivacyModule {}
