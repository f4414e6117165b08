import { Module } from '@nestjs/common';
import { AttachmentsService } from './attachments.service';
import { ProposalAccess } from './proposal-access';
import { ProposalWorkflow } from './proposal-workflow';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

@Module({
  controllers: [ProposalsController],
  providers: [ProposalsService, AttachmentsService, ProposalAccess, ProposalWorkflow],
  exports: [ProposalsService, ProposalAccess, ProposalWorkflow, AttachmentsService],
})
export class ProposalsModule {}
