import { Module } from '@nestjs/common';
import { CallsModule } from '@/calls/calls.module';
import { ConsensusModule } from '@/consensus/consensus.module';
import { ProposalsModule } from '@/proposals/proposals.module';
import { ReviewModule } from '@/review/review.module';
import { DecisionAccess } from './decision-access';
import { DecisionHooks } from './decision-hooks';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';
import { RankingController } from './ranking.controller';
import { RankingCache } from './ranking-cache';
import { RankingService } from './ranking.service';
import { ReviewExport } from './review-export';
import { ScoresController } from './scores.controller';
import { ScoresService } from './scores.service';
import { VotesController } from './votes.controller';
import { VotesService } from './votes.service';
import { VotingDeadline } from './voting-deadline';
import { VotingResultsController } from './voting-results.controller';

/** Scores, ranking, steering votes and decisions (docs/CONTRACT.md §5). */
@Module({
  imports: [ProposalsModule, CallsModule, ReviewModule, ConsensusModule],
  controllers: [
    ScoresController,
    RankingController,
    VotesController,
    DecisionsController,
    VotingResultsController,
    LettersController,
  ],
  providers: [
    DecisionAccess,
    DecisionHooks,
    ScoresService,
    RankingCache,
    RankingService,
    VotesService,
    DecisionsService,
    VotingDeadline,
    ReviewExport,
    LettersService,
  ],
  exports: [
    DecisionAccess,
    ScoresService,
    RankingService,
    VotesService,
    DecisionsService,
    VotingDeadline,
    LettersService,
    ReviewExport,
  ],
})
export class DecisionModule {}
