import { Module } from '@nestjs/common';
import { AttachmentsService } from './attachments.service';
import { ProposalAccess } from './proposal-access';
import { ProposalWorkflow } from './proposal-workflow';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { RevisionDeadline } from './revision-deadline';

@Module({
  controllers: [ProposalsController],
  providers: [ProposalsService, AttachmentsService, ProposalAccess, ProposalWorkflow, RevisionDeadline],
  exports: [ProposalsService, ProposalAccess, ProposalWorkflow, AttachmentsService, RevisionDeadline],
})
export class ProposalsModule {}
