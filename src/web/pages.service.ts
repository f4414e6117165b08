import { Inject, Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '@/auth/auth-user';
import type { AuthedRequest } from '@/auth/auth.guard';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import type { Locale } from '@/users/user.entity';
import { formatDate, formatDateTime, toBerlinLocalInput } from './berlin-time';
import { CSRF_FIELD, CsrfService } from './csrf';
import { emptyForm, FormState } from './form-state';
import { FormHelpers, SUMMARY_MARK } from './form-helpers';
import { numberFormats } from './format-numbers';
import { attrs, escapeHtml } from './html';
import { resolveLocale, translator, Translate } from './i18n/i18n';
import { de } from './i18n/messages-de';
import { softHyphens } from './soft-hyphens';

/** Where `sendWithPart` joins in its part (printed raw by the template as `it.insert`). */
const PART_MARK = '<!--beirat:part-->';

/** What every template gets besides its own data. */
export interface PageContext {
  user: AuthUser | null;
  locale: Locale;
  t: Translate;
  csrf: string;
  csrfField: string;
  path: string;
  flash: string | null;
  fmt: {
    date: (v: Date | string | null | undefined) => string;
    dateTime: (v: Date | string | null | undefined) => string;
  } & ReturnType<typeof numberFormats> & {
      localInput: (v: Date | string | null | undefined) => string;
    };
  has: (role: string) => boolean;
  /** A coloured state label (proposal, call or assignment state). */
  badge: (state: string) => string;
  /** Soft hyphens in the long words of a title, so a phone breaks it at a syllable. */
  hy: (text: string | null | undefined) => string;
  esc: typeof escapeHtml;
  attrs: typeof attrs;
}

/** A page being answered: render a template or redirect. */
export interface Page extends PageContext {
  render(view: string, data?: Record<string, unknown>, form?: FormState): Promise<void>;
  redirect(url: string, flash?: keyof typeof de): Promise<void>;
}

@Injectable()
export class PagesService {
  private readonly eta = new Eta({
    views: join(__dirname, 'views'),
    cache: true,
    autoEscape: true,
    autoTrim: [false, 'nl'],
  });

  constructor(
    private readonly csrf: CsrfService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  context(request: AuthedRequest, reply: FastifyReply): PageContext {
    const user = request.user ?? null;
    const locale = resolveLocale(request, user);
    const t = translator(locale);
    const flashKey = (request.query as Record<string, unknown> | undefined)?.flash;
    const flash = typeof flashKey === 'string' && flashKey in de ? t(flashKey) : null;
    return {
      user,
      locale,
      t,
      csrf: this.csrf.tokenFor(request, reply),
      csrfField: CSRF_FIELD,
      path: request.url,
      flash,
      fmt: {
        date: (v) => formatDate(v, locale),
        dateTime: (v) => formatDateTime(v, locale),
        ...numberFormats(locale),
        localInput: toBerlinLocalInput,
      },
      has: (role) => !!user && (user.roles as string[]).includes(role),
      badge: (state) =>
        `<span class="badge state-${escapeHtml(state)}">${escapeHtml(t(`state.${state}`))}</span>`,
      hy: (text) => softHyphens(text, locale),
      esc: escapeHtml,
      attrs,
    };
  }

  page(request: AuthedRequest, reply: FastifyReply): Page {
    const context = this.context(request, reply);
    return {
      ...context,
      render: (view, data = {}, form = emptyForm()) => this.send(reply, context, view, data, form),
      redirect: async (url, flash) => {
        const target = flash ? `${url}${url.includes('?') ? '&' : '?'}flash=${flash}` : url;
        await reply.status(303).header('Location', target).send();
      },
    };
  }

  renderToString(
    context: PageContext,
    view: string,
    data: Record<string, unknown> = {},
    form: FormState = emptyForm(),
  ): string {
    const f = new FormHelpers(form, context.t);
    const html = this.eta.render(`./${view}`, { ...context, ...data, f, form });
    return html.replace(SUMMARY_MARK, () => f.summary());
  }

  async send(
    reply: FastifyReply,
    context: PageContext,
    view: string,
    data: Record<string, unknown>,
    form: FormState,
  ): Promise<void> {
    await this.sendHtml(reply, this.renderToString(context, view, data, form), form.status);
  }

  /**
   * A page with a large part rendered earlier (kept as UTF-8 bytes, e.g. the ranking's table): the
   * template prints `it.insert` where the part goes, and the bytes are joined in without scanning or
   * re-encoding them.
   */
  async sendWithPart(
    reply: FastifyReply,
    context: PageContext,
    view: string,
    data: Record<string, unknown>,
    part: Buffer,
  ): Promise<void> {
    const html = this.renderToString(context, view, { ...data, insert: PART_MARK });
    const at = html.indexOf(PART_MARK);
    if (at < 0) throw new Error(`view ${view} does not print it.insert`);
    const head = Buffer.from(html.slice(0, at), 'utf8');
    const tail = Buffer.from(html.slice(at + PART_MARK.length), 'utf8');
    await this.sendHtml(reply, Buffer.concat([head, part, tail]), 200);
  }

  private async sendHtml(reply: FastifyReply, html: string | Buffer, status: number): Promise<void> {
    await reply
      .status(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'private, no-store')
      // nosniff, frame protection, Referrer-Policy and the CSP come from the global security headers.
      .send(html);
  }

  get secureCookies(): boolean {
    return this.config.appUrl.startsWith('https:');
  }
}
