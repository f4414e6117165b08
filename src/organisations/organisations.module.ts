import { Global, Module } from '@nestjs/common';
import { PartnerStatusSource } from '@/proposals/partner-status';
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

/**
 * Global because the budget calculation in proposals/ reads each partner's SME status from the
 * registry (`PartnerStatusSource`), while this module imports proposals/ — a plain import back
 * would be a cycle between the folders.
 */
@Global()
@Module({
  imports: [ProposalsModule],
  controllers: [OrganisationsController, PersonalConflictsController, PartnerSuggestionsController],
  providers: [...SERVICES, { provide: PartnerStatusSource, useExisting: OrganisationsService }],
  exports: [...SERVICES, PartnerStatusSource],
})
export class OrganisationsModule {}
