import { ActionTokensService, hashToken } from '@/review/action-tokens.service';
import { startTestApp, TestApp } from './support/test-app';
import {
  assigned,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';

describe('review: one-click action tokens (stored hashed, single use, expiring)', () => {
  let t: TestApp;
  let tokens: ActionTokensService;
  let reviewer: TestUser;
  let assignmentId: string;

  const issue = (purpose: 'accept-invitation' | 'decline-invitation' = 'accept-invitation', ttlMs = 60_000) =>
    tokens.issue(t.dataSource.manager, { purpose, userId: reviewer.id, assignmentId, ttlMs });

  beforeAll(async () => {
    t = await startTestApp();
    tokens = t.app.get(ActionTokensService);
    const callId = (await createOpenCall(t)).id;
    const proposalId = await eligibleProposal(t, await registerApplicant(t), callId);
    reviewer = await createUser(t, { roles: ['reviewer'], organisation: 'Beirat' });
    assignmentId = await assigned(t, proposalId, reviewer.id);
  });
  afterAll(() => t.close());

  it('issues 256 random bits as base64url and stores only their SHA-256', async () => {
    const raw = await issue();
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(raw, 'base64url')).toHaveLength(32);
    expect(await issue()).not.toBe(raw);
    const rows = await t.dataSource.query('SELECT token_hash FROM action_tokens');
    expect(rows.map((row: { token_hash: string }) => row.token_hash)).toContain(hashToken(raw));
    const [{ leaks }] = await t.dataSource.query(
      `SELECT count(*)::int AS leaks FROM action_tokens t WHERE row_to_json(t)::text LIKE '%' || $1 || '%'`,
      [raw],
    );
    expect(leaks).toBe(0);
  });

  it('peeks without using the token up, then works exactly once for its own purpose', async () => {
    const raw = await issue('accept-invitation');
    const peeked = await tokens.peek(raw);
    expect(peeked).toMatchObject({ purpose: 'accept-invitation', userId: reviewer.id, assignmentId });
    expect(await tokens.peek(raw)).toEqual(peeked);

    expect(await tokens.consume(raw, 'decline-invitation')).toBeNull();
    const grant = await tokens.consume(raw, 'accept-invitation');
    expect(grant).toMatchObject({ purpose: 'accept-invitation', userId: reviewer.id, assignmentId });
    expect(await tokens.consume(raw, 'accept-invitation')).toBeNull();
    expect(await tokens.peek(raw)).toBeNull();
  });

  it('gives exactly one of several concurrent requests the grant', async () => {
    const raw = await issue();
    const grants = await Promise.all(
      Array.from({ length: 6 }, () => tokens.consume(raw, 'accept-invitation')),
    );
    expect(grants.filter((g) => g !== null)).toHaveLength(1);
  });

  it('stays usable when the action it was consumed for rolls back', async () => {
    const raw = await issue();
    await expect(
      t.dataSource.transaction(async (manager) => {
        expect(await tokens.consume(raw, 'accept-invitation', manager)).not.toBeNull();
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await tokens.consume(raw, 'accept-invitation')).not.toBeNull();
  });

  it('expires', async () => {
    const soon = await issue('accept-invitation', 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await tokens.peek(soon)).toBeNull();
    expect(await tokens.consume(soon, 'accept-invitation')).toBeNull();

    const raw = await issue();
    await t.dataSource.query(
      `UPDATE action_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hashToken(raw)],
    );
    expect(await tokens.consume(raw, 'accept-invitation')).toBeNull();
  });

  it('rejects malformed and unknown tokens and a non-positive lifetime', async () => {
    for (const bad of ['', 'short', 'x'.repeat(43), `${'A'.repeat(42)}=`, hashToken('x')]) {
      expect(await tokens.peek(bad)).toBeNull();
      expect(await tokens.consume(bad, 'accept-invitation')).toBeNull();
    }
    await expect(issue('accept-invitation', 0)).rejects.toThrow('ttlMs');
  });
});
