import { Module } from '@nestjs/common';
import { ProposalsModule } from '@/proposals/proposals.module';
import { ActionTokensService } from './action-tokens.service';
import { AssignmentWorkflow } from './assignment-workflow';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { AutoAssignController } from './auto-assign.controller';
import { AutoAssignService } from './auto-assign.service';
import { BidsService } from './bids.service';
import { ConflictsController } from './conflicts.controller';
import { ConflictService } from './conflicts.service';
import { ReviewerCapacityController } from './reviewer-capacity.controller';
import { ReviewerCapacityService } from './reviewer-capacity.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** Conflicts, bids, assignments (manual and automatic), reviews and one-click action tokens. */
/** Every service of the module is also used by the pages, mails and jobs above it. */
const SERVICES = [
  ConflictService,
  BidsService,
  AssignmentWorkflow,
  AssignmentsService,
  AutoAssignService,
  ReviewsService,
  ActionTokensService,
  ReviewerCapacityService,
];

@Module({
  imports: [ProposalsModule],
  controllers: [
    ConflictsController,
    AssignmentsController,
    AutoAssignController,
    ReviewsController,
    ReviewerCapacityController,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ReviewModule {}
