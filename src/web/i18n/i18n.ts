import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '@/auth/auth-user';
import { LOCALES, type Locale } from '@/users/user.entity';
import { de, type MessageKey } from './messages-de';
import { en } from './messages-en';
import { serverMessageDe } from './server-messages-de';

export const LANG_COOKIE = 'beirat_lang';
const catalogues: Record<Locale, Record<MessageKey, string>> = { de, en };

export type Translate = (key: MessageKey | string, params?: Record<string, string | number>) => string;

/** A translator for one locale; an unknown key shows itself (a missing text is visible, not blank). */
export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = (messages as Record<string, string>)[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The switch (cookie) wins, then the signed-in user's locale, then the browser's, then German. */
export function resolveLocale(request: FastifyRequest, user: AuthUser | null | undefined): Locale {
  const chosen = request.cookies?.[LANG_COOKIE];
  if (isLocale(chosen)) return chosen;
  if (user && isLocale(user.locale)) return user.locale;
  const header = request.headers['accept-language'];
  if (typeof header === 'string') {
    const first = header
      .split(',')
      .map((part) => part.split(';')[0].trim().slice(0, 2).toLowerCase())
      .find(isLocale);
    if (first) return first;
  }
  return 'de';
}

/** The services speak English; German pages show the known messages in German. */
export function localizeServerMessage(message: string, locale: Locale): string {
  return locale === 'de' ? serverMessageDe(message) : message;
}
