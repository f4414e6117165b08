import { Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@/auth/auth.decorators';
import { LoginDto, RegisterDto } from '@/auth/auth.dto';
import type { AuthedRequest } from '@/auth/auth.guard';
import { AuthService } from '@/auth/auth.service';
import { EmailConfirmationsService } from '@/auth/email-confirmations.service';
import { RegistrationService } from '@/auth/registration.service';
import { SESSION_COOKIE } from '@/auth/session-token';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { isProblem } from '@/common/problem';
import { PRIVACY_NOTICE_VERSION } from '@/common/privacy-notice';
import { emptyForm, refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import { isLocale, LANG_COOKIE } from './i18n/i18n';
import { PagesService } from './pages.service';
import { safeRedirect } from './safe-redirect';
import { WebController } from './web-controller.decorator';

const YEAR_S = 365 * 24 * 3600;

@WebController()
export class AuthPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    private readonly confirmations: EmailConfirmationsService,
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async loginForm(@Req() req: AuthedRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    const page = this.pages.page(req, reply);
    if (page.user) return page.redirect(safeRedirect(next));
    await page.render('login', { next: safeRedirect(next, ''), needsCode: false }, emptyForm());
  }

  @Public()
  @Post('login')
  async login(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const body = formBody(req.body);
    const page = this.pages.page(req, reply);
    const values = { email: one(body, 'email'), next: one(body, 'next') };
    try {
      const dto = await validated(LoginDto, {
        email: one(body, 'email'),
        password: one(body, 'password'),
        code: one(body, 'code') || undefined,
      });
      const session = await this.auth.login(dto, req.ip);
      this.setSession(reply, session.accessToken, session.expiresAt);
      return await page.redirect(safeRedirect(values.next));
    } catch (error) {
      const form = refusedForm(error, values, page.locale);
      if (isProblem(error, 'wrong-credentials')) form.formError = page.t('auth.wrong');
      // A second factor is on: ask for the code (with the password again, which is never kept).
      const needsCode = isProblem(error, 'totp-required') || isProblem(error, 'totp-invalid');
      await page.render('login', { next: safeRedirect(values.next, ''), needsCode }, form);
    }
  }

  @Public()
  @Get('register')
  async registerForm(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await page.render(
      'register',
      { privacyNoticeVersion: PRIVACY_NOTICE_VERSION },
      emptyForm({ locale: page.locale }),
    );
  }

  @Public()
  @Post('register')
  async register(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const body = formBody(req.body);
    const page = this.pages.page(req, reply);
    const values = {
      email: one(body, 'email'),
      name: one(body, 'name'),
      organisation: one(body, 'organisation'),
      locale: one(body, 'locale'),
    };
    try {
      const password = one(body, 'password');
      const dto = await validated(RegisterDto, {
        ...values,
        password,
        locale: values.locale || undefined,
        privacyNoticeVersion: one(body, 'privacyNoticeVersion') || undefined,
      });
      await this.registration.register(dto, req.ip);
      // The same page for a new and a known address: the mail tells its owner which it was.
      await page.render('register-sent', { email: dto.email });
    } catch (error) {
      await page.render(
        'register',
        { privacyNoticeVersion: PRIVACY_NOTICE_VERSION },
        refusedForm(error, values, page.locale),
      );
    }
  }

  /** The link of the confirmation mail. GET only asks (mail scanners follow links); the button POSTs. */
  @Public()
  @Get('confirm/:token')
  async confirmForm(@Param('token') token: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const usable = await this.confirmations.usable(token);
    await page.render(
      'confirm',
      { usable, action: `/confirm/${token}` },
      { ...emptyForm(), status: usable ? 200 : 404 },
    );
  }

  /** Confirms the address and signs its owner in, in one transaction. */
  @Public()
  @Post('confirm/:token')
  async confirm(@Param('token') token: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const session = await this.db.transaction(async (manager) => {
      const userId = await this.confirmations.confirm(token, manager);
      return userId ? this.auth.startSession(userId, manager) : null;
    });
    if (!session) return page.render('confirm', { usable: false }, { ...emptyForm(), status: 404 });
    this.setSession(reply, session.accessToken, session.expiresAt);
    await page.redirect('/', 'auth.confirmed');
  }

  @Public()
  @Post('logout')
  async logout(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    if (req.sessionToken) await this.auth.logout(req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await reply.status(303).header('Location', '/login?flash=auth.signedOut').send();
  }

  /** The language switch: a cookie only, so a plain link (no form) is enough. */
  @Public()
  @Get('lang/:locale')
  async language(
    @Param('locale') locale: string,
    @Query('back') back: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    if (isLocale(locale)) {
      reply.setCookie(LANG_COOKIE, locale, {
        path: '/',
        sameSite: 'lax',
        maxAge: YEAR_S,
        secure: this.config.appUrl.startsWith('https:'),
      });
    }
    await reply.status(303).header('Location', safeRedirect(back)).send();
  }

  private setSession(reply: FastifyReply, token: string, expiresAt: string): void {
    // The same cookie the API's login sets: pages and API share one session.
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.appUrl.startsWith('https:'),
      path: '/',
      expires: new Date(expiresAt),
    });
  }
}
