import { Module } from '@nestjs/common';
import { AttachmentsService } from './attachments.service';
import { ProposalAccess } from './proposal-access';
import { ProposalWorkflow } from './proposal-workflow';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { RevisionDeadline } from './revision-deadline';
import { PartnerStatusSource, UnknownPartnerStatus } from './partner-status';
import { ProposalBudget } from './proposal-budget';

@Module({
  controllers: [ProposalsController],
  providers: [
    ProposalsService,
    AttachmentsService,
    ProposalAccess,
    ProposalWorkflow,
    RevisionDeadline,
    ProposalBudget,
    // The organisation registry binds its SME status here at merge (issue 15 / DESIGN §10).
    { provide: PartnerStatusSource, useClass: UnknownPartnerStatus },
  ],
  exports: [
    ProposalsService,
    ProposalAccess,
    ProposalWorkflow,
    AttachmentsService,
    RevisionDeadline,
    ProposalBudget,
    PartnerStatusSource,
  ],
})
export class ProposalsModule {}
