import { startTestApp, TestApp } from './support/test-app';
import {
  assignmentAction,
  assigned,
  auth,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';

/** `allowedActions` on the proposal and assignment views: what each role may do, from the rules. */
describe('allowed actions on the views', () => {
  let t: TestApp;
  let callId: string;
  let owner: TestUser;
  let reviewers: TestUser[];
  let chair: TestUser;
  let member: TestUser;

  const actionsOf = async (token: string, id: string) => {
    const res = await t.http().get(`/api/proposals/${id}`).set(auth(token));
    expect(res.status).toBe(200);
    return res.body.allowedActions;
  };

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    owner = await registerApplicant(t);
    reviewers = await createReviewers(t, 3);
    chair = await createUser(t, { roles: ['steering'], chair: true, organisation: 'Hochschule' });
    member = await createUser(t, { roles: ['steering'], organisation: 'Hochschule' });
  });
  afterAll(() => t.close());

  it('a draft: the owner edits, uploads and withdraws; the office only reads', async () => {
    const { id } = await createDraft(t, owner, callId);
    expect(await actionsOf(owner.token, id)).toEqual(['edit', 'upload', 'withdraw']);
    expect(await actionsOf(t.officeToken, id)).toEqual([]);
  });

  it('an eligible proposal: the owner may withdraw, the office assign, a reviewer bid', async () => {
    const id = await eligibleProposal(t, owner, callId);
    expect(await actionsOf(owner.token, id)).toEqual(['withdraw']);
    expect(await actionsOf(t.officeToken, id)).toEqual(['assign']);
    expect(await actionsOf(reviewers[0].token, id)).toEqual(['bid']);
  });

  it('awaiting a decision: steering votes, the chair and the office decide, the owner waits', async () => {
    const id = await eligibleProposal(t, owner, callId);
    await awaitingDecision(
      t,
      id,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
    expect(await actionsOf(chair.token, id)).toEqual(['vote', 'decide']);
    expect(await actionsOf(member.token, id)).toEqual(['vote']);
    expect(await actionsOf(t.officeToken, id)).toEqual(['decide']);
    expect(await actionsOf(owner.token, id)).toEqual([]);
    expect(await actionsOf(reviewers[0].token, id)).toEqual([]);
  });

  it('an assignment: the reviewer writes the review once accepted; the office does not', async () => {
    const id = await eligibleProposal(t, owner, callId);
    const assignmentId = await assigned(t, id, reviewers[0].id);
    const read = (token: string) => t.http().get(`/api/assignments/${assignmentId}`).set(auth(token));
    expect((await read(reviewers[0].token)).body.allowedActions).toEqual([]);
    const accepted = await assignmentAction(t, reviewers[0].token, assignmentId, 'accept');
    expect(accepted.body.allowedActions).toEqual(['review']);
    expect((await read(reviewers[0].token)).body.allowedActions).toEqual(['review']);
    expect((await read(t.officeToken)).body.allowedActions).toEqual([]);
  });

  it('documents allowedActions in the OpenAPI document', async () => {
    const docs = await t.http().get('/api/docs-json');
    // The views are named schemas (components) since the OpenAPI contract of issue 12.
    const named = (ref: { $ref: string }) => docs.body.components.schemas[ref.$ref.split('/').pop()!];
    const schema = named(
      docs.body.paths['/api/proposals/{id}'].get.responses['200'].content['application/json'].schema,
    );
    expect(schema.properties.allowedActions.items.enum).toEqual(
      expect.arrayContaining(['edit', 'upload', 'withdraw', 'assign', 'bid', 'vote', 'decide']),
    );
    const assignment = named(
      docs.body.paths['/api/assignments/{id}'].get.responses['200'].content['application/json'].schema,
    );
    expect(assignment.properties.allowedActions.items.enum).toEqual(['review']);
  });
});
