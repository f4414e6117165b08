import { Module } from '@nestjs/common';
import { ProposalsModule } from '@/proposals/proposals.module';
import { OrganisationConflictsService } from './organisation-conflicts.service';
import {
  OrganisationsController,
  PartnerSuggestionsController,
  PersonalConflictsController,
} from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { PartnerSuggestionsService } from './partner-suggestions.service';

/** The organisation registry, SME status, personal conflicts and partner suggestions (DESIGN §10). */
const SERVICES = [OrganisationsService, OrganisationConflictsService, PartnerSuggestionsService];

@Module({
  imports: [ProposalsModule],
  controllers: [OrganisationsController, PersonalConflictsController, PartnerSuggestionsController],
  providers: SERVICES,
  exports: SERVICES,
})
export class OrganisationsModule {}
