import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { ApiProblems } from '@/common/api-problems.decorator';
import type { Page } from '@/common/pagination';
import { UuidPipe } from '@/common/uuid.pipe';
import {
  AddAliasDto,
  CompetitorDto,
  CreateOrganisationDto,
  DeclarePersonalConflictDto,
  ListOrganisationsQuery,
  ListPersonalConflictsQuery,
  MergeOrganisationDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import {
  ConflictedAssignment,
  OrganisationConflictsService,
  PersonalConflictView,
} from './organisation-conflicts.service';
import {
  ConflictedAssignmentDoc,
  OrganisationPageDoc,
  OrganisationViewDoc,
  PartnerSuggestionDoc,
  PersonalConflictViewDoc,
  UnresolvedNameDoc,
} from './organisation-view-doc';
import { OrganisationsService, OrganisationView, UnresolvedName } from './organisations.service';
import { PartnerSuggestion, PartnerSuggestionsService } from './partner-suggestions.service';

/** The organisation registry (DESIGN §10): the office's. */
@ApiTags('organisations')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/organisations')
@Roles('office')
@ApiProblems(401, 403)
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly conflicts: OrganisationConflictsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: OrganisationPageDoc })
  @ApiProblems(400)
  list(@Query() query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    return this.organisations.list(query);
  }

  /** Users' organisations and partners' names that resolve to no entry, with counts. */
  @Get('unresolved')
  @ApiOkResponse({ type: [UnresolvedNameDoc] })
  unresolved(): Promise<UnresolvedName[]> {
    return this.organisations.unresolved();
  }

  /** Live assignments whose reviewer is conflicted now (flagged for the office, not revoked). */
  @Get('conflicted-assignments')
  @ApiOkResponse({ type: [ConflictedAssignmentDoc] })
  conflictedAssignments(): Promise<ConflictedAssignment[]> {
    return this.conflicts.conflictedAssignments();
  }

  @Post()
  @ApiCreatedResponse({ type: OrganisationViewDoc })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateOrganisationDto, @CurrentUser() actor: AuthUser): Promise<OrganisationView> {
    return this.organisations.create(dto, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationViewDoc })
  @ApiProblems(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: OrganisationViewDoc })
  @ApiProblems(400, 404, 409)
  update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OrganisationView> {
    return this.organisations.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  remove(@Param('id', UuidPipe) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    return this.organisations.remove(id, actor);
  }

  /** Adds one alias (maps an unresolved name to this entry). */
  @Post(':id/aliases')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationViewDoc })
  @ApiProblems(400, 404, 409)
  addAlias(
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddAliasDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OrganisationView> {
    return this.organisations.addAlias(id, dto.alias, actor);
  }

  /** Merges this entry into `intoId`: its names become aliases there, children and competitors move. */
  @Post(':id/merge')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationViewDoc })
  @ApiProblems(400, 404, 409)
  merge(
    @Param('id', UuidPipe) id: string,
    @Body() dto: MergeOrganisationDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OrganisationView> {
    return this.organisations.merge(id, dto.intoId, actor);
  }

  @Post(':id/competitors')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationViewDoc })
  @ApiProblems(400, 404, 409)
  addCompetitor(
    @Param('id', UuidPipe) id: string,
    @Body() dto: CompetitorDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OrganisationView> {
    return this.organisations.addCompetitor(id, dto.organisationId, actor);
  }

  @Delete(':id/competitors/:otherId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  removeCompetitor(
    @Param('id', UuidPipe) id: string,
    @Param('otherId', UuidPipe) otherId: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<void> {
    return this.organisations.removeCompetitor(id, otherId, actor);
  }
}

/** Personal conflicts with an organisation: board members their own, the office anyone's. */
@ApiTags('organisations')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/personal-conflicts')
@Roles('office', 'reviewer', 'steering')
@ApiProblems(401, 403)
export class PersonalConflictsController {
  constructor(private readonly conflicts: OrganisationConflictsService) {}

  @Post()
  @ApiCreatedResponse({ type: PersonalConflictViewDoc })
  @ApiProblems(400, 409)
  declare(
    @Body() dto: DeclarePersonalConflictDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<PersonalConflictView> {
    return this.conflicts.declare(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: [PersonalConflictViewDoc] })
  @ApiProblems(400)
  list(
    @Query() query: ListPersonalConflictsQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<PersonalConflictView[]> {
    return this.conflicts.listFor(actor, query.userId);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  withdraw(@Param('id', UuidPipe) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    return this.conflicts.withdraw(id, actor);
  }
}

/** "Mögliche Partner" of a proposal: its owner and the office. */
@ApiTags('organisations')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/proposals/:id/partner-suggestions')
@ApiProblems(401)
export class PartnerSuggestionsController {
  constructor(private readonly suggestions: PartnerSuggestionsService) {}

  @Get()
  @ApiOkResponse({ type: [PartnerSuggestionDoc] })
  @ApiProblems(400, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<PartnerSuggestion[]> {
    return this.suggestions.forProposal(id, user);
  }
}
