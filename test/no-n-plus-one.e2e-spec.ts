import { Client } from 'pg';
import { seedCall, type SeedResult, type SeedSize } from '../bench/seed';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * No N+1 (lists are one query with the right joins): the SQL statements of the list
 * and ranking endpoints must not grow with the number of rows. Two calls are seeded with the
 * benchmark's seeder (set-based SQL, so 100 proposals take milliseconds), one with 10 proposals and
 * one with 100, and every statement sent to PostgreSQL while a request runs is counted.
 */
describe('no N+1 in lists and the ranking', () => {
  let t: TestApp;
  const seeds: Record<number, SeedResult> = {};
  let counting = false;
  let statements: string[] = [];
  const originalQuery = Client.prototype.query;

  const size = (proposals: number): SeedSize => ({
    tag: `n${proposals}`,
    proposals,
    reviewers: 12,
    steering: 3,
    applicants: Math.ceil(proposals / 2),
    revisionProposals: proposals / 10,
  });

  beforeAll(async () => {
    t = await startTestApp();
    const client = new Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    try {
      for (const n of [10, 100]) seeds[n] = await seedCall(client, size(n));
    } finally {
      await client.end();
    }
    // Every statement reaches PostgreSQL through pg's Client.query: TypeORM's query runners and the
    // reads that go straight to the pool (database/pool-query.ts) alike.
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      if (counting) statements.push(typeof config === 'string' ? config : (config?.text ?? ''));
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });

  afterAll(async () => {
    Client.prototype.query = originalQuery;
    await t?.close();
  });

  /** Runs one request and returns its answer and the SQL statements it sent. */
  async function counted(
    path: string,
    token: string,
    accept = 'application/json',
  ): Promise<{ status: number; body: unknown; text: string; sql: string[] }> {
    statements = [];
    counting = true;
    try {
      const res = await t.http().get(path).set('Authorization', `Bearer ${token}`).set('Accept', accept);
      return { status: res.status, body: res.body, text: res.text, sql: statements };
    } finally {
      counting = false;
    }
  }

  /**
   * The statements with parameter lists collapsed (`IN ($3, $4, …)` → `IN ($n)`: one statement for a
   * batch is fine), so a failure shows which statement repeats; equal shapes mean equal counts.
   */
  const shape = (sql: string[]) =>
    sql.map((s) =>
      s
        .replace(/\s+/g, ' ')
        .replace(/\$\d+(\s*,\s*\$\d+)*/g, '$n')
        .trim(),
    );

  it('lists proposals of a call with the same statements for 10 and for 100 rows (office)', async () => {
    const small = await counted(`/api/proposals?callId=${seeds[10].callId}&limit=100`, seeds[10].officeToken);
    const large = await counted(
      `/api/proposals?callId=${seeds[100].callId}&limit=100`,
      seeds[100].officeToken,
    );
    expect(small.status).toBe(200);
    expect(large.status).toBe(200);
    expect((small.body as { items: unknown[] }).items).toHaveLength(10);
    expect((large.body as { items: unknown[] }).items).toHaveLength(100);
    expect(small.sql.length).toBeGreaterThan(0);
    expect(shape(large.sql)).toEqual(shape(small.sql));
  });

  it('lists proposals with the same statements for 10 and for 100 rows (reviewer, readability rule)', async () => {
    const small = await counted(
      `/api/proposals?callId=${seeds[10].callId}&limit=100`,
      seeds[10].reviewerToken,
    );
    const large = await counted(
      `/api/proposals?callId=${seeds[100].callId}&limit=100`,
      seeds[100].reviewerToken,
    );
    expect((small.body as { items: unknown[] }).items).toHaveLength(10);
    expect((large.body as { items: unknown[] }).items).toHaveLength(100);
    expect(shape(large.sql)).toEqual(shape(small.sql));
  });

  it.each([
    ['steering', 'application/json'],
    ['steering', 'text/csv'],
    ['office', 'application/json'],
  ] as const)(
    'ranks a call with the same statements for 10 and for 100 proposals (%s, %s)',
    async (role, accept) => {
      const token = (n: number) => (role === 'office' ? seeds[n].officeToken : seeds[n].steeringToken);
      const small = await counted(`/api/calls/${seeds[10].callId}/ranking`, token(10), accept);
      const large = await counted(`/api/calls/${seeds[100].callId}/ranking`, token(100), accept);
      expect(small.status).toBe(200);
      expect(large.status).toBe(200);
      if (accept === 'text/csv') {
        // header + one line per ranked proposal: the large call really has ~10× the rows
        expect(large.text.trim().split('\n').length).toBeGreaterThan(
          5 * small.text.trim().split('\n').length,
        );
      } else {
        const rows = (r: typeof small) => (r.body as { rows: unknown[] }).rows.length;
        // 90 of 100 await a decision; a steering member misses the ones they are conflicted with
        expect(rows(small)).toBeGreaterThanOrEqual(8);
        expect(rows(large)).toBeGreaterThanOrEqual(85);
      }
      expect(small.sql.length).toBeGreaterThan(0);
      expect(shape(large.sql)).toEqual(shape(small.sql));
    },
  );
});
