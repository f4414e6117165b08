import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { createApp } from '@/app';
import { createPino } from '@/common/logger';
import { XLSX_TYPE } from '@/decision/export-table';
import { RankingCache } from '@/decision/ranking-cache';
import { LANG_COOKIE } from '@/web/i18n/i18n';
import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers, defaultScores as s } from './support/seed-reviews';

interface Row {
  proposalId: string;
  title: string;
  state: string;
  total: number | null;
  aboveThreshold: boolean;
  votes: Record<string, number>;
}

/**
 * The ranking cache (issue 19): computed once per change of the change counters that triggers bump in
 * the transaction of each change. Every input changes the answer on the very next request, in this app
 * and in a second app on the same database; a viewer never gets another viewer's cached rows.
 */
describe('ranking cache', () => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let steering: TestUser[];
  const ids: string[] = [];

  const get = (app: 'a' | 'b', token: string, headers: Record<string, string> = {}) =>
    (app === 'a' ? t.http() : request(other.getHttpServer()))
      .get(`/api/calls/${callId}/ranking`)
      .set(auth(token))
      .set(headers);
  const rows = async (app: 'a' | 'b', token: string): Promise<Row[]> => {
    const res = await get(app, token);
    expect(res.status).toBe(200);
    return res.body.rows;
  };
  const row = async (app: 'a' | 'b', token: string, id: string): Promise<Row | undefined> =>
    (await rows(app, token)).find((r) => r.proposalId === id);
  /** Both instances (and the office and a steering member) hold the ranking before a change. */
  const warm = async () => {
    for (const app of ['a', 'b'] as const) {
      await rows(app, t.officeToken);
      await rows(app, steering[0].token);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    other = (await createApp(t.config, createPino('silent'))).app;
    callId = (await createOpenCall(t, { minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewers = await createReviewers(t, 2);
    steering = [
      await createUser(t, { roles: ['steering'], organisation: 'Stadtwerke' }),
      await createUser(t, { roles: ['steering'], organisation: 'Hochschule Süd' }),
    ];
    for (const [i, score] of [4.5, 4, 3.5].entries()) {
      ids.push(await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, title: `P${i}` }));
      await awaitingDecision(t, ids[i], [
        { reviewer: reviewers[0], scores: s(score, score, score, score, score) },
        { reviewer: reviewers[1], scores: s(score, score, score, score, score) },
      ]);
    }
  });

  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('answers a repeated request from the cache, with the same ETag, and 304 for If-None-Match', async () => {
    const first = await get('a', t.officeToken);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.body.rows.map((r: Row) => r.title)).toEqual(['P0', 'P1', 'P2']);
    const etag = first.headers.etag as string;
    // supertest asks for gzip, as browsers do.
    expect(etag).toMatch(/^"[\w-]+-json-gzip"$/);
    const again = await get('a', t.officeToken);
    expect(again.headers.etag).toBe(etag);
    expect(again.text).toBe(first.text);
    const notModified = await get('a', t.officeToken, { 'If-None-Match': `W/${etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    // The other instance computes the same ranking under the same counters: the same ETag.
    const fromB = await get('b', t.officeToken, { 'If-None-Match': etag });
    expect(fromB.status).toBe(304);
    // CSV has its own ETag.
    const csv = await get('a', t.officeToken, { Accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.etag).not.toBe(etag);
    expect(csv.text.split('\n')[0]).toMatch(/^rank,proposalId,title/);

    await t.dataSource.query(`UPDATE proposals SET title = 'P0 neu' WHERE id = $1`, [ids[0]]);
    const changed = await get('a', t.officeToken, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.rows[0].title).toBe('P0 neu');
    expect(t.app.get(RankingCache).size).toBeGreaterThan(0);
  });

  it('gzips the JSON and the CSV for clients that accept it, with an ETag of their own', async () => {
    const url = `/api/calls/${callId}/ranking`;
    const raw = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.officeToken}`, ...headers } });
    for (const accept of ['application/json', 'text/csv']) {
      const plain = await raw({ accept, 'accept-encoding': 'identity' });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const packed = await raw({ accept, 'accept-encoding': 'br;q=1, gzip;q=0.5' });
      expect(packed.statusCode).toBe(200);
      expect(packed.headers['content-encoding']).toBe('gzip');
      expect(packed.headers.vary).toBe('Accept, Accept-Encoding');
      expect(gunzipSync(packed.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(packed.headers.etag).not.toBe(plain.headers.etag);
      // Packed once: the same bytes again, and 304 for its own ETag only.
      const again = await raw({ accept, 'accept-encoding': 'gzip' });
      expect(again.rawPayload.equals(packed.rawPayload)).toBe(true);
      const etag = packed.headers.etag as string;
      expect((await raw({ accept, 'accept-encoding': 'gzip', 'if-none-match': etag })).statusCode).toBe(304);
      expect((await raw({ accept, 'accept-encoding': 'gzip;q=0', 'if-none-match': etag })).statusCode).toBe(
        200,
      );
    }
    const xlsx = await raw({ accept: XLSX_TYPE, 'accept-encoding': 'gzip' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
  });

  it('shows a vote cast through the other instance at once, in both instances', async () => {
    await warm();
    const cast = await request(other.getHttpServer())
      .put(`/api/proposals/${ids[1]}/vote`)
      .set(auth(steering[1].token))
      .send({ vote: 'approve' });
    expect(cast.status).toBe(200);
    for (const app of ['a', 'b'] as const) {
      expect((await row(app, t.officeToken, ids[1]))?.votes.approve).toBe(1);
      expect((await row(app, steering[0].token, ids[1]))?.votes.approve).toBe(1);
    }
  });

  it('shows a changed round snapshot, rubric threshold and live scores at once', async () => {
    await warm();
    await t.dataSource.query(`UPDATE round_scores SET total = 1.5 WHERE proposal_id = $1`, [ids[0]]);
    expect((await row('b', t.officeToken, ids[0]))?.total).toBe(1.5);
    expect((await rows('a', t.officeToken)).map((r) => r.proposalId)).toEqual([ids[1], ids[2], ids[0]]);

    // Without snapshots the ranking aggregates the submitted scores live, under the call's rubric.
    await warm();
    await t.dataSource.query(`DELETE FROM round_scores WHERE proposal_id = ANY($1)`, [ids]);
    expect((await rows('b', t.officeToken)).map((r) => [r.proposalId, r.total])).toEqual([
      [ids[0], 4.5],
      [ids[1], 4],
      [ids[2], 3.5],
    ]);
    await warm();
    expect((await row('a', t.officeToken, ids[1]))?.aboveThreshold).toBe(true);
    await t.dataSource.query(
      `UPDATE calls SET rubric = jsonb_set(rubric, '{overallThreshold}', '4.25') WHERE id = $1`,
      [callId],
    );
    expect((await row('a', t.officeToken, ids[1]))?.aboveThreshold).toBe(false);
    expect((await row('b', steering[0].token, ids[1]))?.aboveThreshold).toBe(false);
    expect((await row('b', steering[0].token, ids[0]))?.aboveThreshold).toBe(true);

    await warm();
    await t.dataSource.query(
      `UPDATE review_scores SET score = 5 WHERE review_id IN (
         SELECT r.id FROM reviews r JOIN assignments a ON a.id = r.assignment_id WHERE a.proposal_id = $1)`,
      [ids[2]],
    );
    expect((await row('a', t.officeToken, ids[2]))?.total).toBe(5);
    expect((await row('b', t.officeToken, ids[2]))?.total).toBe(5);
  });

  it('leaves out a proposal for a viewer once a conflict is declared, by the office or through an organisation', async () => {
    await warm();
    const declared = await t
      .http()
      .post(`/api/proposals/${ids[0]}/conflicts`)
      .set(auth(t.officeToken))
      .send({ userId: steering[0].id, reason: 'Beratervertrag' });
    expect(declared.status).toBe(201);
    for (const app of ['a', 'b'] as const) {
      expect(await row(app, steering[0].token, ids[0])).toBeUndefined();
      expect(await row(app, t.officeToken, ids[0])).toBeDefined();
    }

    // A global input: the member's organisation becomes the applicant's.
    await warm();
    expect(await row('b', steering[0].token, ids[1])).toBeDefined();
    const moved = await t
      .http()
      .patch(`/api/users/${steering[0].id}`)
      .set(auth(t.officeToken))
      .send({ organisation: 'ZULIEFERER GmbH' });
    expect(moved.status).toBe(200);
    expect(await rows('b', steering[0].token)).toEqual([]);
    expect(await rows('a', steering[0].token)).toEqual([]);
  });

  it('never gives a conflicted viewer the rows another viewer has cached', async () => {
    const conflicted = await createUser(t, { roles: ['steering'], organisation: 'Zulieferer GmbH' });
    const plain = await createUser(t, { roles: ['steering'], organisation: 'Landesbank' });
    // The unconflicted viewer and the office fill the cache first, in both instances.
    for (const app of ['a', 'b'] as const) {
      expect(await rows(app, plain.token)).toHaveLength(3);
      expect(await rows(app, t.officeToken)).toHaveLength(3);
      const seen = await get(app, conflicted.token);
      expect(seen.status).toBe(200);
      expect(seen.body.rows).toEqual([]);
      expect(seen.text).not.toContain(ids[0]);
    }
    // Nor may the conflicted viewer revalidate another viewer's ETag.
    const plainEtag = (await get('a', plain.token)).headers.etag as string;
    expect((await get('a', conflicted.token, { 'If-None-Match': plainEtag })).status).toBe(200);
  });

  it('shows a decision (the proposal state) at once', async () => {
    await warm();
    const decided = await t
      .http()
      .post(`/api/proposals/${ids[1]}/decision`)
      .set(auth(t.officeToken))
      .send({ outcome: 'rejected', rationale: 'Nicht förderfähig', override: true });
    expect(decided.status).toBe(201);
    const state = (await t.dataSource.query('SELECT state FROM proposals WHERE id = $1', [ids[1]]))[0].state;
    expect(state).not.toBe('awaiting_decision');
    expect((await row('a', t.officeToken, ids[1]))?.state).toBe(state);
    expect((await row('b', t.officeToken, ids[1]))?.state).toBe(state);
  });

  it('renders the ranking page from the cache and shows a change at once, in each language', async () => {
    const page = (app: 'a' | 'b', lang: string) =>
      (app === 'a' ? t.http() : request(other.getHttpServer()))
        .get(`/calls/${callId}/ranking`)
        .set(auth(steering[1].token))
        .set('Cookie', `${LANG_COOKIE}=${lang}`);
    // Ranking rows carry their funding line as a class (`line-within` …); the header row has none.
    const rowsOf = (html: string) => (html.match(/<tr class="line-/g) ?? []).length;
    const de = await page('a', 'de');
    expect(de.status).toBe(200);
    expect(rowsOf(de.text)).toBe(3);
    // The cached table is joined into the page's own layout (head, heading, table, footer).
    expect(de.text).toMatch(/^<!doctype html>[\s\S]*<h1>[\s\S]*<\/table>[\s\S]*<\/html>\s*$/i);
    expect(de.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(de.text).toContain('Wissenschaftliche');
    const en = await page('a', 'en');
    expect(en.text).toContain('Scientific');
    expect(en.text).not.toContain('Wissenschaftliche');
    await page('b', 'de');
    await t.dataSource.query(`UPDATE proposals SET title = 'Neuer Titel' WHERE id = $1`, [ids[2]]);
    for (const app of ['a', 'b'] as const) {
      expect((await page(app, 'de')).text).toContain('Neuer Titel');
      expect((await page(app, 'en')).text).toContain('Neuer Titel');
    }
    // The page's CSV link answers the API's CSV.
    const csv = await t.http().get(`/calls/${callId}/ranking.csv`).set(auth(steering[1].token));
    const api = await get('a', steering[1].token, { Accept: 'text/csv' });
    expect(csv.text).toBe(api.text);
    expect(csv.text).toContain('Neuer Titel');
  });

  it('lets a new input join with one statement (ranking_input), per call or global', async () => {
    const cache = t.app.get(RankingCache);
    const version = () => cache.version(callId);
    await t.dataSource.query('CREATE TABLE g1_new_input (proposal_id uuid NOT NULL, note text NOT NULL)');
    await t.dataSource.query(
      `SELECT ranking_input('g1_new_input', 'ranking_call_of_proposal(r.proposal_id)')`,
    );
    const before = await version();
    await t.dataSource.query(`INSERT INTO g1_new_input VALUES ($1, 'a'), ($2, 'b')`, [ids[0], ids[1]]);
    const afterInsert = await version();
    expect(afterInsert).not.toBe(before);
    // Both rows belong to one call: one bump for the statement.
    expect(Number(afterInsert.split('.')[0])).toBe(Number(before.split('.')[0]) + 1);
    await t.dataSource.query(`UPDATE g1_new_input SET note = 'c'`);
    const afterUpdate = await version();
    expect(afterUpdate).not.toBe(afterInsert);
    await t.dataSource.query('DELETE FROM g1_new_input');
    expect(await version()).not.toBe(afterUpdate);

    // Global, narrowed to the columns that matter: an UPDATE of another column changes nothing.
    await t.dataSource.query('CREATE TABLE g1_global_input (id int PRIMARY KEY, org text, label text)');
    await t.dataSource.query(`SELECT ranking_input('g1_global_input', NULL, 'org')`);
    await t.dataSource.query(`INSERT INTO g1_global_input VALUES (1, 'x', 'y')`);
    const global = await version();
    await t.dataSource.query(`UPDATE g1_global_input SET label = 'z'`);
    expect(await version()).toBe(global);
    await t.dataSource.query(`UPDATE g1_global_input SET org = 'w'`);
    const bumped = await version();
    expect(bumped.split('.')[1]).not.toBe(global.split('.')[1]);
    // …and every call's ranking is recomputed.
    const etag = (await get('a', t.officeToken)).headers.etag as string;
    await t.dataSource.query(`UPDATE g1_global_input SET org = 'v'`);
    expect((await get('a', t.officeToken, { 'If-None-Match': etag })).status).toBe(200);
  });
});
