import { Module } from '@nestjs/common';
import { AttachmentsService } from './attachments.service';
import { ProposalAccess } from './proposal-access';
import { ProposalWorkflow } from './proposal-workflow';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { RevisionDeadline } from './revision-deadline';
import { ProposalBudget } from './proposal-budget';

// `PartnerStatusSource` (used by ProposalBudget) comes from the global OrganisationsModule.
@Module({
  controllers: [ProposalsController],
  providers: [
    ProposalsService,
    AttachmentsService,
    ProposalAccess,
    ProposalWorkflow,
    RevisionDeadline,
    ProposalBudget,
  ],
  exports: [
    ProposalsService,
    ProposalAccess,
    ProposalWorkflow,
    AttachmentsService,
    RevisionDeadline,
    ProposalBudget,
  ],
})
export class ProposalsModule {}
