import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WALK_PROGRAM } from './support/openapi-walk-program';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';

// The OpenAPI document is usable by a real client: openapi-typescript generates types from the running
// app's document, a program using openapi-fetch compiles against them under `strict` and walks
// sign-in → call → applicant → draft → PDF → read → submit against the app on a real port.

const run = promisify(execFile);
const root = join(__dirname, '..');
let t: TestApp;
let folder: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  // Inside the repository (var/ is ignored) so that tsc and node find node_modules.
  await mkdir(join(root, 'var'), { recursive: true });
  folder = await mkdtemp(join(root, 'var', 'openapi-client-'));
});
afterAll(async () => {
  await t.close();
  await rm(folder, { recursive: true, force: true });
});

it('generates a typed client that compiles strictly and walks to a submitted proposal', async () => {
  const doc = await t.http().get('/api/docs-json');
  expect(doc.status).toBe(200);
  await writeFile(join(folder, 'openapi.json'), JSON.stringify(doc.body));
  await run(process.execPath, [
    join(root, 'node_modules/openapi-typescript/bin/cli.js'),
    join(folder, 'openapi.json'),
    '--output',
    join(folder, 'schema.d.ts'),
  ]);
  await writeFile(join(folder, 'walk.mts'), WALK_PROGRAM);
  await writeFile(
    join(folder, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'ES2022',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        outDir: 'out',
      },
      files: ['walk.mts'],
    }),
  );
  // A type error in the program (a body or answer the document gets wrong) fails here with tsc's message.
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', folder]).catch(
    (error: { stdout: string }) => {
      throw new Error(`the typed client does not compile:\n${error.stdout}`);
    },
  );
  const { stdout } = await run(process.execPath, [
    join(folder, 'out', 'walk.mjs'),
    await t.app.getUrl(),
    OFFICE_EMAIL,
    OFFICE_PASSWORD,
  ]);
  expect(JSON.parse(stdout)).toEqual({
    callState: 'open',
    applicantRoles: ['applicant'],
    meId: true,
    draftState: 'draft',
    attachmentSize: 1009,
    readAttachments: ['antrag.pdf'],
    submittedState: 'submitted',
    submittedAt: true,
    againStatus: 409,
    againType: 'application/problem+json; charset=utf-8',
    againCode: 'event-not-allowed',
  });
});
