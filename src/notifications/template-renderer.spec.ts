import { readdirSync } from 'node:fs';
import { TEMPLATES } from './mail-catalogue';
import { TEMPLATE_DIR, TemplateRenderer } from './template-renderer';

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();
  const view = {
    name: 'Ada <Admin>',
    appUrl: 'http://beirat.test',
    proposal: {
      title: 'Titel & <b>Tags</b>',
      acronym: 'T&T',
      round: 1,
      url: 'http://beirat.test/proposals/x?a=1&b=2',
    },
    callTitle: 'Call',
  };

  it('has both languages and both parts of every mail, and each text part starts with its subject', () => {
    const files = new Set(readdirSync(TEMPLATE_DIR));
    for (const name of TEMPLATES) {
      for (const locale of ['de', 'en'] as const) {
        expect(files).toContain(`${name}.${locale}.txt`);
        expect(files).toContain(`${name}.${locale}.html`);
        const mail = renderer.render(name, locale, view);
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.html).toContain(`<html lang="${locale}">`);
      }
    }
  });

  it('escapes values in HTML, not in text, and keeps subjects on one line', () => {
    const mail = renderer.render('submission-receipt', 'de', {
      ...view,
      proposal: { ...view.proposal, title: 'Zeile 1\r\nBcc: evil@example.test' },
    });
    expect(mail.subject).toBe('Eingangsbestätigung: T&T – Zeile 1 Bcc: evil@example.test');
    const plain = renderer.render('submission-receipt', 'en', view);
    expect(plain.text).toContain('"Titel & <b>Tags</b>" (T&T)');
    expect(plain.html).toContain('Titel &amp; &lt;b&gt;Tags&lt;/b&gt;');
    expect(plain.html).toContain('href="http://beirat.test/proposals/x?a=1&amp;b=2"');
    expect(plain.html).not.toContain('<b>Tags</b>');
  });

  it('never re-parses user text as a template', () => {
    const mail = renderer.render('proposal-ineligible', 'en', { ...view, reason: '{{appUrl}} {{#x}}' });
    expect(mail.text).toContain('{{appUrl}} {{#x}}');
    expect(mail.html).toContain('{{appUrl}} {{#x}}');
  });
});
