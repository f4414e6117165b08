import { Module } from '@nestjs/common';
import { AuthModule } from '@/auth/auth.module';
import { CallsModule } from '@/calls/calls.module';
import { ConsensusModule } from '@/consensus/consensus.module';
import { DecisionModule } from '@/decision/decision.module';
import { MeetingsModule } from '@/meetings/meetings.module';
import { NotificationsModule } from '@/notifications/notifications.module';
import { PrivacyModule } from '@/privacy/privacy.module';
import { OrganisationsModule } from '@/organisations/organisations.module';
import { ProposalsModule } from '@/proposals/proposals.module';
import { ReviewModule } from '@/review/review.module';
import { UsersModule } from '@/users/users.module';
import { AccountPagesController } from './account-pages.controller';
import { OfficeUsersController } from './office-users.controller';
import { AuthPagesController } from './auth-pages.controller';
import { ConsensusPagesController } from './consensus-pages.controller';
import { CsrfGuard, CsrfService } from './csrf';
import { HomeController } from './home.controller';
import { InvitationAnswerController } from './invitation-answer.controller';
import { MeetingPagesController } from './meeting-pages.controller';
import { LettersPagesController } from './letters-pages.controller';
import { OfficeAssignController } from './office-assign.controller';
import { OfficePagesController } from './office-pages.controller';
import { OfficeReviewPagesController } from './office-review-pages.controller';
import { MyConflictsPagesController, OfficeOrganisationPagesController } from './organisation-pages.controller';
import { OfficeTodo } from './office-todo';
import { PagesService } from './pages.service';
import { ProposalPageData } from './proposal-page-data';
import { PrivacyPagesController } from './privacy-pages.controller';
import { ProposalPagesController } from './proposal-pages.controller';
import { ReviewerPagesController } from './reviewer-pages.controller';
import { SteeringPagesController } from './steering-pages.controller';
import { WebAssetsController } from './web-assets.controller';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * Server-rendered pages: controllers and templates over the same services the API uses (imported from
 * their modules, so there is one instance of each).
 */
@Module({
  imports: [
    AuthModule,
    UsersModule,
    CallsModule,
    ProposalsModule,
    ReviewModule,
    DecisionModule,
    MeetingsModule,
    ConsensusModule,
    NotificationsModule,
    PrivacyModule,
    OrganisationsModule,
  ],
  controllers: [
    WebAssetsController,
    AuthPagesController,
    HomeController,
    ProposalPagesController,
    ReviewerPagesController,
    SteeringPagesController,
    OfficePagesController,
    OfficeAssignController,
    OfficeReviewPagesController,
    OfficeOrganisationPagesController,
    MyConflictsPagesController,
    InvitationAnswerController,
    PrivacyPagesController,
    ConsensusPagesController,
    LettersPagesController,
    AccountPagesController,
    OfficeUsersController,
    MeetingPagesController,
  ],
  providers: [PagesService, CsrfService, CsrfGuard, WebExceptionFilter, ProposalPageData, OfficeTodo],
})
export class WebModule {}
