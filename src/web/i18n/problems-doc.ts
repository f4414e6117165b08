import { PROBLEM_CODE_LIST, PROBLEM_CODES } from '@/common/problem-codes';
import { problemsDe } from './problems-de';
import { problemsEn } from './problems-en';

const INTRO = `# Problem codes

<!-- Generated from src/common/problem-codes.ts and src/web/i18n/problems-*.ts by \`npm run docs:problems\`;
     src/web/i18n/problems.spec.ts fails when this file is out of date. -->

Every refusal of the API is an \`application/problem+json\` body (RFC 9457) with these members:

| member | meaning |
|---|---|
| \`type\` | \`/problems/<code>\`, a URI reference relative to the service's base URL |
| \`title\` | the status in short English words (\`Conflict\`) |
| \`status\` | the HTTP status |
| \`detail\` | one English sentence for API users; wording may change, do not parse it |
| \`instance\` | the request path |
| \`code\` | the stable machine code below; clients and workers branch on it |
| \`params\` | the structured values of the refusal, exactly the parameters listed below (\`{}\` when none) |

Refusals add further members where they help a client go on: \`errors\` (\`[{field, messages}]\`, field
by field), \`state\`, \`version\` and \`allowedEvents\` (workflow refusals), \`retryAfter\` (with a
\`Retry-After\` header), \`field\`, \`callState\`, \`round\`, \`quorum\`, \`voted\`, \`eligibleVoters\`,
\`proposedOutcome\`, \`assignmentId\`, \`fingerprint\` where they apply. They stay as they were;
\`params\` is the one place a client needs.

Errors that bring only a status (the framework's own, e.g. an unknown route or malformed JSON) get
the generic code of their status (\`invalid-input\`, \`not-found\`, …; \`request-refused\` for any
other 4xx, whose \`status\` is then the one received). In code, throw with
\`problem(code, params, detail, extra?)\` from \`@/common/problem\` (the catalogue types the
parameters) and test with \`isProblem(error, code)\` — never with the HTTP status.

The pages show the German or English text, with the parameters filled in; states, events and
outcomes in parameters appear under their page names.

| code | status | params | Deutsch | English |
|---|---|---|---|---|`;

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/PROBLEMS.md: the catalogue with its page texts. */
export function renderProblemsDoc(): string {
  const rows = PROBLEM_CODE_LIST.map((code) => {
    const { status, params } = PROBLEM_CODES[code];
    const names = params.length > 0 ? params.map((p) => `\`${p}\``).join(', ') : '—';
    return `| \`${code}\` | ${status} | ${names} | ${cell(problemsDe[code])} | ${cell(problemsEn[code])} |`;
  });
  return `${INTRO}\n${rows.join('\n')}\n`;
}
