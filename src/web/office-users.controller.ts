import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import { UuidPipe } from '@/common/uuid.pipe';
import { CreateUserDto, UpdateUserDto } from '@/users/user.dto';
import { ROLES } from '@/users/user.entity';
import { toUserView, UsersService } from '@/users/users.service';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, many, one, validated } from './form-input';
import type { Page } from './pages.service';
import { PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The office's user administration (issue 14): list, invite, edit roles, chair, expertise, deactivate, resend. */
@WebController('office/users')
@Roles('office')
export class OfficeUsersController {
  constructor(
    private readonly pages: PagesService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async list(@Req() req: AuthedRequest, @Res() reply: FastifyReply, @Query('q') q?: string) {
    const page = this.pages.page(req, reply);
    await this.renderList(page, typeof q === 'string' ? q.slice(0, 254) : '', emptyForm({ locale: 'de' }));
  }

  /** Invites: an account without a password, mailed a set-password link. */
  @Post()
  async invite(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = {
      email: one(body, 'email'),
      name: one(body, 'name'),
      organisation: one(body, 'organisation'),
      expertise: one(body, 'expertise'),
      locale: one(body, 'locale'),
      roles: many(body, 'roles'),
    };
    try {
      const dto = await validated(CreateUserDto, {
        ...values,
        expertise: splitList(values.expertise),
        locale: values.locale || undefined,
        chair: one(body, 'chair') === 'on',
      });
      await this.users.create(dto, page.user!.id);
      await page.redirect('/office/users', 'flash.invited');
    } catch (error) {
      await this.renderList(page, '', refusedForm(error, values, page.locale));
    }
  }

  @Get(':id')
  async editForm(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = toUserView(await this.users.get(id));
    await this.renderEdit(page, id, this.values(user));
  }

  @Post(':id')
  async update(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = {
      name: one(body, 'name'),
      organisation: one(body, 'organisation'),
      expertise: one(body, 'expertise'),
      locale: one(body, 'locale'),
      roles: many(body, 'roles'),
      chair: one(body, 'chair'),
      active: one(body, 'active'),
    };
    try {
      const dto = await validated(UpdateUserDto, {
        name: values.name,
        organisation: values.organisation,
        expertise: splitList(values.expertise),
        locale: values.locale || undefined,
        roles: values.roles,
        chair: values.chair === 'on',
        active: values.active === 'on',
      });
      await this.users.update(id, dto, page.user!.id);
      await page.redirect(`/office/users/${id}`, 'flash.saved');
    } catch (error) {
      await this.renderEdit(page, id, values, refusedForm(error, values, page.locale));
    }
  }

  @Post(':id/invite')
  async resend(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    try {
      await this.users.invite(id, page.user!.id);
      await page.redirect(`/office/users/${id}`, 'flash.invited');
    } catch (error) {
      const user = toUserView(await this.users.get(id));
      await this.renderEdit(page, id, this.values(user), refusedForm(error, this.values(user), page.locale));
    }
  }

  private values(user: ReturnType<typeof toUserView>): FormState['values'] {
    return {
      name: user.name,
      organisation: user.organisation,
      expertise: user.expertise.join(', '),
      locale: user.locale,
      roles: user.roles,
      chair: user.chair ? 'on' : '',
      active: user.active ? 'on' : '',
    };
  }

  private async renderList(page: Page, q: string, form: FormState): Promise<void> {
    const list = await this.users.list({ limit: 100, q: q || undefined });
    await page.render('office-users', { people: list.items, q, roles: ROLES }, form);
  }

  private async renderEdit(
    page: Page,
    id: string,
    values: FormState['values'],
    form: FormState = emptyForm(values),
  ) {
    const person = toUserView(await this.users.get(id));
    await page.render('office-user', { person, roles: ROLES }, form);
  }
}
