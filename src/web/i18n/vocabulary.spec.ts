import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES } from '@/notifications/mail-catalogue';
import { MAIL_STATUSES } from '@/notifications/mail-log.entity';
import { de } from './messages-de';
import { en } from './messages-en';
import { problemsDe, termsDe } from './problems-de';

const ROOT = join(__dirname, '..', '..', '..');
const TEMPLATE_DIR = join(ROOT, 'src', 'notifications', 'templates');

/** The words docs/GLOSSARY.md says German texts do not use (its last column, in backticks). */
function avoidedWords(): string[] {
  const rows = readFileSync(join(ROOT, 'docs', 'GLOSSARY.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Deutsch'));
  return rows.flatMap((row) => {
    const cells = row.split(' | ');
    return [...(cells[cells.length - 1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  });
}

/** Every German text a user reads: page texts, refusals, service messages, mails. */
function germanTexts(): [string, string][] {
  const mails = readdirSync(TEMPLATE_DIR)
    .filter((file) => /\.de\.(txt|html)$/.test(file))
    .map((file): [string, string] => [file, readFileSync(join(TEMPLATE_DIR, file), 'utf8')]);
  return [
    ...Object.entries(de),
    ...Object.entries(problemsDe),
    ...Object.entries(termsDe),
    ['server-messages-de.ts', readFileSync(join(__dirname, 'server-messages-de.ts'), 'utf8')],
    ...mails,
  ];
}

describe('one vocabulary (docs/GLOSSARY.md)', () => {
  it('lists words to avoid', () => {
    expect(avoidedWords()).toEqual(
      expect.arrayContaining(['Geschäftsstelle', 'Gutachterinnen und Gutachter']),
    );
  });

  it('no German page, refusal or mail uses a word the glossary rules out', () => {
    const found = germanTexts().flatMap(([where, text]) =>
      avoidedWords()
        .filter((word) => text.includes(word))
        .map((word) => `${where}: ${word}`),
    );
    expect(found).toEqual([]);
  });

  it('names every kind of mail and every mail status on the mail log, in both languages', () => {
    const keys = [...TEMPLATES.map((t) => `mail.kind.${t}`), ...MAIL_STATUSES.map((s) => `mail.status.${s}`)];
    expect(keys.filter((key) => !(key in de) || !(key in en))).toEqual([]);
  });
});
