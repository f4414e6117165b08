import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import type { Locale } from '@/users/user.entity';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Where the template files live; `nest build` copies them next to the compiled code (nest-cli assets). */
export const TEMPLATE_DIR = join(__dirname, 'templates');

const plain = { escape: (value: unknown) => String(value) };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Mustache's default also escapes `/` and `=`, which only makes links in the mail source unreadable. */
const html = { escape: (value: unknown) => String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) };

/**
 * Renders `templates/<name>.<locale>.{txt,html}` with Mustache: `{{value}}` is HTML-escaped in the HTML
 * part (and the HTML layout); the text part is not escaped. The first line of the text template is
 * `Subject: …`. Templates are read once and cached.
 */
@Injectable()
export class TemplateRenderer {
  private readonly cache = new Map<string, string>();

  render(name: string, locale: Locale, view: Record<string, unknown>): RenderedMail {
    const textTemplate = this.read(`${name}.${locale}.txt`);
    const match = /^Subject:[ \t]*(.*)\r?\n\r?\n?/.exec(textTemplate);
    if (!match) throw new Error(`Template ${name}.${locale}.txt must start with a "Subject:" line`);
    const subject = Mustache.render(match[1], view, {}, plain).replace(/\s+/g, ' ').trim();
    const body = Mustache.render(textTemplate.slice(match[0].length), view, {}, plain);
    const footer = Mustache.render(this.read(`layout.${locale}.txt`), view, {}, plain);
    const inner = Mustache.render(this.read(`${name}.${locale}.html`), view, {}, html);
    // The rendered body goes in as a value (`{{{content}}}`), never as a partial: user text is not re-parsed.
    const page = Mustache.render(
      this.read(`layout.${locale}.html`),
      { ...view, subject, content: inner },
      {},
      html,
    );
    return { subject, html: page, text: `${body.trimEnd()}\n\n${footer.trimEnd()}\n` };
  }

  private read(file: string): string {
    let text = this.cache.get(file);
    if (text === undefined) {
      text = readFileSync(join(TEMPLATE_DIR, file), 'utf8');
      this.cache.set(file, text);
    }
    return text;
  }
}
