import { Module } from '@nestjs/common';
import { ProposalsModule } from '@/proposals/proposals.module';
import { ReviewModule } from '@/review/review.module';
import { ConsensusController } from './consensus.controller';
import { ConsensusService } from './consensus.service';

/** Consensus reports of a round's reviewers (DESIGN §12). */
@Module({
  imports: [ProposalsModule, ReviewModule],
  controllers: [ConsensusController],
  providers: [ConsensusService],
  exports: [ConsensusService],
})
export class ConsensusModule {}
