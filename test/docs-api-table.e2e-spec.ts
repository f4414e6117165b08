import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

/** docs/API.md stays true: its route table names exactly the operations of the OpenAPI document. */
describe('docs/API.md', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('has one row for every route of /api/docs-json, and no row for a route the service lacks', async () => {
    const response = await t.http().get('/api/docs-json');
    expect(response.status).toBe(200);
    const paths = (response.body as { paths: Record<string, Record<string, unknown>> }).paths;
    const served = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );

    const doc = readFileSync(join(__dirname, '..', 'docs', 'API.md'), 'utf8');
    const section = doc.split('## Routes')[1]?.split('\n## ')[0] ?? '';
    const documented = [...section.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/gm)].map(
      (match) => `${match[1]} ${match[2]}`,
    );

    expect([...documented].sort()).toEqual([...served].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });
});
