import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageDoc } from '@/common/page-doc';
import type { ConflictedAssignment, PersonalConflictView } from './organisation-conflicts.service';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation.entity';
import type { OrganisationView, UnresolvedName } from './organisations.service';
import type { PartnerSuggestion } from './partner-suggestions.service';
import type { SmeStatus } from './sme-status';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

@ApiSchema({ name: 'OrganisationView' })
export class OrganisationViewDoc implements OrganisationView {
  id: string;
  name: string;
  @ApiProperty({ type: [String] })
  aliases: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;
  /** The root of the parent chain (the corporate group). */
  groupId: string;
  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;
  city: string;
  inRegion: boolean;
  @ApiProperty({ type: Number, nullable: true })
  employees: number | null;
  @ApiProperty({ type: Number, nullable: true })
  turnoverEur: number | null;
  @ApiProperty({ type: Number, nullable: true })
  balanceSheetEur: number | null;
  @ApiProperty({ type: [String] })
  expertise: string[];
  /** EU Recommendation 2003/361/EC over the whole group; `unknown` when figures are missing. */
  @ApiProperty({ enum: ['sme', 'not_sme', 'unknown'] })
  smeStatus: SmeStatus;
  @ApiProperty({ type: [String] })
  competitorIds: string[];
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export const OrganisationPageDoc = PageDoc(OrganisationViewDoc, 'OrganisationPage');

@ApiSchema({ name: 'UnresolvedName' })
export class UnresolvedNameDoc implements UnresolvedName {
  name: string;
  users: number;
  partners: number;
}

@ApiSchema({ name: 'PersonalConflictView' })
export class PersonalConflictViewDoc implements PersonalConflictView {
  id: string;
  userId: string;
  userName: string;
  organisationId: string;
  organisationName: string;
  reason: string;
  declaredBy: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

@ApiSchema({ name: 'ConflictedAssignment' })
export class ConflictedAssignmentDoc implements ConflictedAssignment {
  assignmentId: string;
  proposalId: string;
  proposalTitle: string;
  reviewerId: string;
  reviewerName: string;
  state: string;
}

@ApiSchema({ name: 'PartnerSuggestion' })
export class PartnerSuggestionDoc implements PartnerSuggestion {
  organisationId: string;
  name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;
  city: string;
  inRegion: boolean;
  @ApiProperty({ type: [String] })
  matchingTopics: string[];
}
