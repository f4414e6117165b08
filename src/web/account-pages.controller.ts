import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { AccountTokensService } from '@/auth/account-tokens.service';
import {
  ChangePasswordDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  UpdateMeDto,
} from '@/auth/account.dto';
import { AccountService } from '@/auth/account.service';
import { EnrolmentAllowed, Public } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { TotpService } from '@/auth/totp.service';
import { isProblem, Problem } from '@/common/problem';
import { SetCapacityDto } from '@/review/reviewer-capacity.dto';
import { ReviewerCapacityService } from '@/review/reviewer-capacity.service';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import type { Page } from './pages.service';
import { PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

/** A refusal with a `field` (wrong current password, wrong code) shown at that field. */
function refusedAt(error: unknown, values: FormState['values'], page: Page): FormState {
  const form = refusedForm(error, values, page.locale);
  const field = error instanceof Problem ? error.extra.field : undefined;
  if (typeof field === 'string' && form.formError) {
    form.errors[field] = [form.formError];
    form.formError = null;
  }
  return form;
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * One's own account on pages (issue 14): "Passwort vergessen", the set-password page of the mailed
 * links (invitation and reset), and "Mein Profil" (details, password, per-call load, second factor).
 */
@WebController()
export class AccountPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly account: AccountService,
    private readonly tokens: AccountTokensService,
    private readonly totp: TotpService,
    private readonly capacities: ReviewerCapacityService,
  ) {}

  @Public()
  @Get('password-reset')
  async resetForm(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.pages.page(req, reply).render('password-reset', { sent: false });
  }

  /** The same page for every address: the mail (or none) tells the owner. */
  @Public()
  @Post('password-reset')
  async requestReset(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const values = { email: one(formBody(req.body), 'email') };
    try {
      await this.account.requestReset(await validated(PasswordResetRequestDto, values), req.ip);
      await page.render('password-reset', { sent: true }, emptyForm(values));
    } catch (error) {
      await page.render('password-reset', { sent: false }, refusedForm(error, values, page.locale));
    }
  }

  /** The link of the invitation and reset mails. GET only shows the form (mail scanners follow links). */
  @Public()
  @Get('set-password/:token')
  async setPasswordForm(
    @Param('token') token: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const purpose = await this.tokens.peek(token);
    await page.render(
      'set-password',
      { usable: purpose !== null, action: `/set-password/${token}` },
      { ...emptyForm(), status: purpose ? 200 : 404 },
    );
  }

  @Public()
  @Post('set-password/:token')
  async setPassword(@Param('token') token: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    try {
      const dto = await validated(PasswordResetConfirmDto, {
        token,
        password: one(formBody(req.body), 'password'),
      });
      await this.account.confirmReset(dto);
      await reply.status(303).header('Location', '/login?flash=flash.passwordSet').send();
    } catch (error) {
      if (isProblem(error, 'token-invalid'))
        return page.render('set-password', { usable: false }, { ...emptyForm(), status: 404 });
      await page.render(
        'set-password',
        { usable: true, action: `/set-password/${token}` },
        refusedForm(error, {}, page.locale),
      );
    }
  }

  @EnrolmentAllowed()
  @Get('profile')
  async profile(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await this.renderProfile(page, page.user!, this.profileValues(page.user!));
  }

  @Post('profile')
  async saveProfile(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = page.user!;
    const body = formBody(req.body);
    const values = {
      name: one(body, 'name'),
      locale: one(body, 'locale'),
      expertise: one(body, 'expertise'),
    };
    try {
      const dto = await validated(UpdateMeDto, {
        name: values.name,
        locale: values.locale || undefined,
        ...(isBoardMember(user) ? { expertise: splitList(values.expertise) } : {}),
      });
      await this.account.updateMe(user, dto);
      await page.redirect('/profile', 'flash.saved');
    } catch (error) {
      await this.renderProfile(page, user, values, refusedForm(error, values, page.locale));
    }
  }

  @Post('profile/password')
  async changePassword(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = page.user!;
    const body = formBody(req.body);
    try {
      const dto = await validated(ChangePasswordDto, {
        currentPassword: one(body, 'currentPassword'),
        newPassword: one(body, 'newPassword'),
      });
      await this.account.changePassword(user, req.sessionToken ?? null, dto, req.ip);
      await page.redirect('/profile', 'flash.passwordChanged');
    } catch (error) {
      const values = this.profileValues(user);
      await this.renderProfile(page, user, values, refusedAt(error, values, page));
    }
  }

  @Post('profile/capacity')
  async setCapacity(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = page.user!;
    const body = formBody(req.body);
    const values = {
      ...this.profileValues(user),
      callId: one(body, 'callId'),
      maxLoad: one(body, 'maxLoad'),
    };
    try {
      const dto = await validated(SetCapacityDto, { maxLoad: Number.parseInt(values.maxLoad, 10) });
      await this.capacities.set(values.callId, user, dto.maxLoad);
      await page.redirect('/profile', 'flash.capacitySaved');
    } catch (error) {
      await this.renderProfile(page, user, values, refusedForm(error, values, page.locale));
    }
  }

  /** Starts the enrolment and shows its QR code at once. */
  @EnrolmentAllowed()
  @Post('profile/totp')
  async startTotp(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = page.user!;
    try {
      await this.totp.start(user);
      await this.renderProfile(page, user, this.profileValues(user));
    } catch (error) {
      await this.renderProfile(page, user, this.profileValues(user), refusedForm(error, {}, page.locale));
    }
  }

  /** Switches the factor on; the recovery codes are shown on this answer only. */
  @EnrolmentAllowed()
  @Post('profile/totp/confirm')
  async confirmTotp(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = page.user!;
    const values = this.profileValues(user);
    try {
      const { recoveryCodes } = await this.totp.confirm(user, one(formBody(req.body), 'code'));
      await this.renderProfile(
        page,
        { ...user, totpEnabled: true },
        values,
        emptyForm(values),
        recoveryCodes,
      );
    } catch (error) {
      await this.renderProfile(page, user, values, refusedAt(error, values, page));
    }
  }

  @Post('profile/totp/disable')
  async disableTotp(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = page.user!;
    try {
      await this.totp.disable(user, one(formBody(req.body), 'disableCode'));
      await page.redirect('/profile', 'flash.totpDisabled');
    } catch (error) {
      const values = this.profileValues(user);
      const form = refusedForm(error, values, page.locale);
      if (form.formError && error instanceof Problem && error.extra.field === 'code') {
        form.errors.disableCode = [form.formError];
        form.formError = null;
      }
      await this.renderProfile(page, user, values, form);
    }
  }

  private profileValues(user: AuthUser): FormState['values'] {
    return { name: user.name, locale: user.locale, expertise: user.expertise.join(', ') };
  }

  private async renderProfile(
    page: Page,
    user: AuthUser,
    values: FormState['values'],
    form: FormState = emptyForm(values),
    recoveryCodes: string[] = [],
  ): Promise<void> {
    const pending = user.totpEnabled ? null : await this.totp.pending(user);
    const qr = pending ? await QRCode.toDataURL(pending.otpauthUri, { margin: 1, width: 220 }) : null;
    const board = isBoardMember(user);
    const capacities = board ? await this.capacities.forUser(user.id) : [];
    const calls = board ? await this.capacities.openCalls() : [];
    await page.render(
      'profile',
      {
        profile: user,
        board,
        capacities,
        calls,
        totpOffered: this.totp.offered,
        totpRequired: this.totp.mustEnrol(user),
        pending,
        qr,
        recoveryCodes,
      },
      form,
    );
  }
}

const isBoardMember = (user: AuthUser) => user.roles.includes('reviewer') || user.roles.includes('steering');
