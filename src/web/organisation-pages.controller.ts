import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { UuidPipe } from '@/common/uuid.pipe';
import {
  AddAliasDto,
  CompetitorDto,
  CreateOrganisationDto,
  DeclarePersonalConflictDto,
  MergeOrganisationDto,
  UpdateOrganisationDto,
} from '@/organisations/dto/organisation.dto';
import { OrganisationConflictsService } from '@/organisations/organisation-conflicts.service';
import { ORGANISATION_KINDS } from '@/organisations/organisation.entity';
import { OrganisationsService, OrganisationView } from '@/organisations/organisations.service';
import { UsersService } from '@/users/users.service';
import { emptyForm, FormState, refusedForm } from './form-state';
import { FormBody, formBody, lines, one, validated } from './form-input';
import { NumberFields } from './number-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

const FIGURES = ['employees', 'turnoverEur', 'balanceSheetEur'] as const;

/** The office's registry pages: list and search, create/edit, merge, competitors, unresolved names. */
@WebController('office')
@Roles('office')
export class OfficeOrganisationPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly organisations: OrganisationsService,
    private readonly conflicts: OrganisationConflictsService,
    private readonly users: UsersService,
  ) {}

  @Get('organisations')
  async list(@Req() req: AuthedRequest, @Res() reply: FastifyReply, @Query('q') q?: string) {
    await this.renderList(this.pages.page(req, reply), typeof q === 'string' ? q.slice(0, 200) : '');
  }

  @Get('organisations/new')
  async newForm(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await this.renderEdit(page, null, emptyForm({ kind: 'sme' }));
  }

  @Post('organisations')
  async create(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    try {
      const dto = await this.read(CreateOrganisationDto, body, page);
      const created = await this.organisations.create(dto, req.user as AuthUser);
      return await page.redirect(`/office/organisations/${created.id}`, 'org.saved');
    } catch (error) {
      await this.renderEdit(page, null, refusedForm(error, body, page.locale));
    }
  }

  @Get('organisations/:id')
  async edit(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const org = await this.organisations.get(id);
    await this.renderEdit(page, org, emptyForm(toForm(org)));
  }

  @Post('organisations/:id')
  async update(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const org = await this.organisations.get(id);
    const body = formBody(req.body);
    try {
      const dto = await this.read(UpdateOrganisationDto, body, page);
      await this.organisations.update(id, dto, req.user as AuthUser);
      return await page.redirect(`/office/organisations/${id}`, 'org.saved');
    } catch (error) {
      await this.renderEdit(page, org, refusedForm(error, body, page.locale));
    }
  }

  @Post('organisations/:id/merge')
  async merge(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const org = await this.organisations.get(id);
    const values = { intoId: one(formBody(req.body), 'intoId') };
    try {
      const dto = await validated(MergeOrganisationDto, values);
      const into = await this.organisations.merge(id, dto.intoId, req.user as AuthUser);
      return await page.redirect(`/office/organisations/${into.id}`, 'org.merged');
    } catch (error) {
      await this.renderEdit(page, org, refusedForm(error, { ...toForm(org), ...values }, page.locale));
    }
  }

  @Post('organisations/:id/competitors')
  async addCompetitor(
    @Param('id', UuidPipe) id: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const org = await this.organisations.get(id);
    const values = { organisationId: one(formBody(req.body), 'organisationId') };
    try {
      const dto = await validated(CompetitorDto, values);
      await this.organisations.addCompetitor(id, dto.organisationId, req.user as AuthUser);
      return await page.redirect(`/office/organisations/${id}`, 'org.competitorAdded');
    } catch (error) {
      await this.renderEdit(page, org, refusedForm(error, { ...toForm(org), ...values }, page.locale));
    }
  }

  @Post('organisations/:id/competitors/:otherId/remove')
  async removeCompetitor(
    @Param('id', UuidPipe) id: string,
    @Param('otherId', UuidPipe) otherId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    await this.organisations.removeCompetitor(id, otherId, req.user as AuthUser);
    await page.redirect(`/office/organisations/${id}`, 'org.competitorRemoved');
  }

  /** "Map to …" of an unresolved name: the name becomes an alias of the chosen entry. */
  @Post('organisations-unresolved/map')
  async map(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const [targetId, alias] = [one(body, 'targetId'), one(body, 'alias')];
    try {
      const dto = await validated(AddAliasDto, { alias });
      const { intoId } = await validated(MergeOrganisationDto, { intoId: targetId });
      await this.organisations.addAlias(intoId, dto.alias, req.user as AuthUser);
      return await page.redirect('/office/organisations', 'org.mapped');
    } catch (error) {
      await this.renderList(page, '', refusedForm(error, { alias, targetId }, page.locale));
    }
  }

  @Post('personal-conflicts')
  async declare(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = {
      userId: one(body, 'userId'),
      organisation: one(body, 'organisation'),
      reason: one(body, 'reason'),
    };
    try {
      const dto = await validated(DeclarePersonalConflictDto, values);
      await this.conflicts.declare(dto, req.user as AuthUser);
      return await page.redirect('/office/organisations', 'pc.declared');
    } catch (error) {
      await this.renderList(page, '', refusedForm(error, values, page.locale));
    }
  }

  @Post('personal-conflicts/:id/withdraw')
  async withdraw(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await this.conflicts.withdraw(id, req.user as AuthUser);
    await page.redirect('/office/organisations', 'pc.withdrawn');
  }

  private async read<T extends object>(dto: new () => T, body: FormBody, page: Page): Promise<T> {
    const numbers = new NumberFields(page.locale);
    const figures = Object.fromEntries(
      FIGURES.map((name) => [
        name,
        one(body, name).trim() === '' ? null : numbers.read(name, one(body, name), 'whole'),
      ]),
    );
    return validated(
      dto,
      {
        name: one(body, 'name'),
        aliases: lines(one(body, 'aliases')),
        parentId: one(body, 'parentId') || null,
        kind: one(body, 'kind'),
        city: one(body, 'city'),
        inRegion: one(body, 'inRegion') === 'on',
        expertise: lines(one(body, 'expertise')),
        ...figures,
      },
      numbers,
    );
  }

  private async renderList(page: Page, q: string, form: FormState = emptyForm()): Promise<void> {
    const [found, unresolved, flagged, all, personal, board] = await Promise.all([
      this.organisations.list({ limit: 100, q: q || undefined }),
      this.organisations.unresolved(),
      this.conflicts.conflictedAssignments(),
      this.organisations.all(),
      this.conflicts.listFor(page.user as AuthUser),
      this.boardMembers(),
    ]);
    const names = new Map(all.map((o) => [o.id, o.name]));
    await page.render(
      'office-organisations',
      {
        title: page.t('org.title'),
        q,
        organisations: found.items.map((o) => ({
          ...o,
          groupName: o.groupId === o.id ? null : names.get(o.groupId),
        })),
        unresolved: unresolved.slice(0, 50),
        flagged,
        all,
        personal,
        board,
      },
      form,
    );
  }

  private async renderEdit(page: Page, org: OrganisationView | null, form: FormState): Promise<void> {
    const all = await this.organisations.all();
    const names = new Map(all.map((o) => [o.id, o.name]));
    await page.render(
      'office-organisation',
      {
        title: org ? org.name : page.t('org.new'),
        org,
        kinds: ORGANISATION_KINDS,
        others: all.filter((o) => o.id !== org?.id),
        competitors: (org?.competitorIds ?? []).map((id) => ({ id, name: names.get(id) ?? id })),
      },
      form,
    );
  }

  private async boardMembers(): Promise<{ id: string; name: string }[]> {
    const members = [];
    for (const role of ['reviewer', 'steering'] as const) {
      const page = await this.users.list({ role, limit: 100 });
      members.push(...page.items.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name })));
    }
    return [...new Map(members.map((m) => [m.id, m])).values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Board members: their own personal conflicts with organisations. */
@WebController('conflicts')
@Roles('reviewer', 'steering')
export class MyConflictsPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly conflicts: OrganisationConflictsService,
  ) {}

  @Get()
  async show(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.render(this.pages.page(req, reply), emptyForm());
  }

  @Post()
  async declare(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = { organisation: one(body, 'organisation'), reason: one(body, 'reason') };
    try {
      const dto = await validated(DeclarePersonalConflictDto, values);
      await this.conflicts.declare(dto, req.user as AuthUser);
      return await page.redirect('/conflicts', 'pc.declared');
    } catch (error) {
      await this.render(page, refusedForm(error, values, page.locale));
    }
  }

  @Post(':id/withdraw')
  async withdraw(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await this.conflicts.withdraw(id, req.user as AuthUser);
    await page.redirect('/conflicts', 'pc.withdrawn');
  }

  private async render(page: Page, form: FormState): Promise<void> {
    const personal = await this.conflicts.listFor(page.user as AuthUser);
    await page.render('my-conflicts', { title: page.t('nav.myConflicts'), personal }, form);
  }
}

function toForm(org: OrganisationView): Record<string, string> {
  return {
    name: org.name,
    aliases: org.aliases.join('\n'),
    parentId: org.parentId ?? '',
    kind: org.kind,
    city: org.city,
    inRegion: org.inRegion ? 'on' : '',
    employees: org.employees === null ? '' : String(org.employees),
    turnoverEur: org.turnoverEur === null ? '' : String(org.turnoverEur),
    balanceSheetEur: org.balanceSheetEur === null ? '' : String(org.balanceSheetEur),
    expertise: org.expertise.join('\n'),
  };
}
