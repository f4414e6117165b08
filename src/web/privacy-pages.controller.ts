import { Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public, Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { PRIVACY_NOTICE_VERSION } from '@/common/privacy-notice';
import { UuidPipe } from '@/common/uuid.pipe';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { formatDuration } from '@/config/duration';
import { AccessibilityFeedbackService } from '@/privacy/accessibility-feedback.service';
import { ErasureService } from '@/privacy/erasure.service';
import { PrivacyRateLimits } from '@/privacy/privacy-rate-limits';
import { AccessibilityFeedbackDto, EraseUserDto, ErasureRequestDto } from '@/privacy/privacy.dto';
import { RetentionService } from '@/privacy/retention.service';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, many, one, validated } from './form-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** /datenschutz, /barrierefreiheit with its feedback form, "Meine Daten", the office's privacy page (issue 18). */
@WebController()
export class PrivacyPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly erasure: ErasureService,
    private readonly retention: RetentionService,
    private readonly feedback: AccessibilityFeedbackService,
    private readonly limits: PrivacyRateLimits,
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('datenschutz')
  async notice(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await page.render('privacy-notice', {
      version: PRIVACY_NOTICE_VERSION,
      controller: this.config.privacyController,
      unfunded: period(page, this.config.retentionUnfundedMs),
      funded: period(page, this.config.retentionFundedMs),
    });
  }

  @Public()
  @Get('barrierefreiheit')
  async accessibility(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.pages.page(req, reply).render('accessibility', {}, emptyForm());
  }

  @Public()
  @Post('barrierefreiheit')
  async sendFeedback(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const body = formBody(req.body);
    const values = { message: one(body, 'message'), contact: one(body, 'contact') };
    try {
      const dto = await validated(AccessibilityFeedbackDto, {
        message: values.message,
        ...(values.contact.trim() !== '' ? { contact: values.contact } : {}),
      });
      await this.limits.takeFeedback(req.ip);
      await this.feedback.send(dto, page.locale);
      return await page.redirect('/barrierefreiheit', 'a11y.sent');
    } catch (error) {
      await page.render('accessibility', {}, refusedForm(error, values, page.locale));
    }
  }

  @Get('me/data')
  async myData(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.renderMyData(this.pages.page(req, reply), req.user as AuthUser, emptyForm());
  }

  @Post('me/erasure')
  async requestErasure(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const confirmed = many(formBody(req.body), 'confirm').includes('yes');
    try {
      await validated(ErasureRequestDto, { confirm: confirmed });
      await this.erasure.request(user.id);
      return await page.redirect('/me/data', 'myData.erasureRequested');
    } catch (error) {
      await this.renderMyData(page, user, refusedForm(error, {}, page.locale));
    }
  }

  @Get('office/privacy')
  @Roles('office')
  async office(@Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.renderOffice(this.pages.page(req, reply), emptyForm());
  }

  @Post('office/privacy/users/:id/erase')
  @Roles('office')
  async erase(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    const reason = one(formBody(req.body), 'reason');
    try {
      const dto = await validated(EraseUserDto, { reason });
      await this.erasure.execute(id, dto.reason, (req.user as AuthUser).id);
      return await page.redirect('/office/privacy', 'officePrivacy.erased');
    } catch (error) {
      await this.renderOffice(page, refusedForm(error, { reason }, page.locale));
    }
  }

  private async renderMyData(page: Page, user: AuthUser, form: FormState) {
    const [consent]: { notice_version: string; consented_at: Date }[] = await this.db.query(
      'SELECT notice_version, consented_at FROM privacy_consents WHERE user_id = $1 ORDER BY consented_at DESC LIMIT 1',
      [user.id],
    );
    const [open]: { requested_at: Date }[] = await this.db.query(
      `SELECT requested_at FROM erasure_requests WHERE user_id = $1 AND state = 'requested'`,
      [user.id],
    );
    await page.render(
      'my-data',
      {
        consent: consent ? { version: consent.notice_version, at: consent.consented_at } : null,
        openRequest: open?.requested_at ?? null,
      },
      form,
    );
  }

  private async renderOffice(page: Page, form: FormState) {
    await page.render(
      'office-privacy',
      { requests: await this.erasure.list(), due: await this.retention.due() },
      form,
    );
  }
}

/** A retention period in words: whole years as "3 Jahre", anything else as the duration (`90d`). */
function period(page: Page, ms: number): string {
  if (ms === YEAR_MS) return page.t('period.year');
  if (ms % YEAR_MS === 0) return page.t('period.years', { n: ms / YEAR_MS });
  return formatDuration(ms);
}
