import { auth, createUser, fire, registerApplicant, TestUser, uploadPdf } from './support/factories';
import { awaitingDecision, defaultScores as s } from './support/seed-reviews';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const label = (de: string, en: string) => ({ de, en });
const QUESTIONS = [
  {
    key: 'in_region',
    label: label(
      'Wird das Projekt in der Metropolregion durchgeführt?',
      'Is the project carried out in the region?',
    ),
    type: 'boolean',
    required: true,
    eligibleIf: { equals: true },
  },
  { key: 'staff', label: label('Beschäftigte', 'Staff'), type: 'number', required: false, min: 1, max: 249 },
  { key: 'start', label: label('Projektbeginn', 'Start'), type: 'date', required: false },
];
const costs = (personnel: number, subcontracts = 0) => ({
  personnel,
  material: 0,
  travel: 0,
  subcontracts,
  depreciation: 0,
  other: 0,
});

describe('call questions and partner budgets (issue 15)', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let id: string;
  const patch = (body: Record<string, unknown>) =>
    t.http().patch(`/api/proposals/${id}`).set(auth(applicant.token)).send(body);
  const patchCall = (body: Record<string, unknown>) =>
    t.http().patch(`/api/calls/${callId}`).set(auth(t.officeToken)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    const now = Date.now();
    const created = await t
      .http()
      .post('/api/calls')
      .set(auth(t.officeToken))
      .send({
        title: 'Fragen und Budgets',
        topics: ['battery'],
        opensAt: new Date(now - 60_000).toISOString(),
        submissionDeadline: new Date(now + DAY_MS).toISOString(),
        questions: QUESTIONS.slice(0, 2),
        minReviews: 1,
      });
    expect(created.status).toBe(201);
    callId = created.body.id;
    applicant = await registerApplicant(t);
  });
  afterAll(() => t.close());

  it('edits the questions while the call is a draft and refuses changes once it opens (409)', async () => {
    const badList = await patchCall({ questions: [{ ...QUESTIONS[0], type: 'choice' }] });
    expect(badList.status).toBe(400);
    expect(badList.body.errors.map((e: { field: string }) => e.field)).toContain('questions.0.choices');
    const edited = await patchCall({ questions: QUESTIONS });
    expect(edited.status).toBe(200);
    expect(edited.body.questions.map((q: { key: string }) => q.key)).toEqual(['in_region', 'staff', 'start']);
    expect(edited.body).toMatchObject({
      maxFundingRate: { sme: 5000, large: 2500, research: 10000, public: 5000, other: 2500 },
      maxSubcontractShare: 2500,
    });
    expect((await t.http().post(`/api/calls/${callId}/open`).set(auth(t.officeToken))).status).toBe(200);
    const late = await patchCall({ questions: QUESTIONS.slice(0, 1) });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: '/problems/fixed-once-open' });
    expect(late.body.detail).toMatch(/questions/);
    expect((await patchCall({ maxSubcontractShare: 5000 })).status).toBe(409);
  });

  it('validates answers on save: 400 at answers.<key>', async () => {
    const draft = await t
      .http()
      .post(`/api/calls/${callId}/proposals`)
      .set(auth(applicant.token))
      .send({ title: 'Fragen', abstract: 'Kurz.', topics: ['battery'], answers: { in_region: 'ja' } });
    expect(draft.status).toBe(400);
    expect(draft.body.errors).toEqual([{ field: 'answers.in_region', messages: ['must be true or false'] }]);
    const ok = await t
      .http()
      .post(`/api/calls/${callId}/proposals`)
      .set(auth(applicant.token))
      .send({ title: 'Fragen', abstract: 'Kurz.', topics: ['battery'], answers: { staff: 12 } });
    expect(ok.status).toBe(201);
    id = ok.body.id;
    for (const [answers, field] of [
      [{ staff: 250 }, 'answers.staff'],
      [{ start: '2026-13-01' }, 'answers.start'],
      [{ nope: 1 }, 'answers.nope'],
    ] as const) {
      const res = await patch({ answers });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect((await t.http().get(`/api/proposals/${id}`).set(auth(applicant.token))).body.answers).toEqual({
      staff: 12,
    });
  });

  it('refuses submit with 409 naming the unanswered required question; warns of eligibleIf failures', async () => {
    expect((await uploadPdf(t, applicant.token, id)).status).toBe(201);
    const view = await t.http().get(`/api/proposals/${id}`).set(auth(applicant.token));
    expect(view.body.unansweredQuestions).toEqual(['in_region']);
    const refused = await fire(t, applicant.token, id, 'submit');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/answer-required' });
    expect(refused.body.detail).toContain('"in_region"');

    expect((await patch({ answers: { in_region: false } })).status).toBe(200);
    const warned = await t.http().get(`/api/proposals/${id}`).set(auth(applicant.token));
    expect(warned.body.unansweredQuestions).toEqual([]);
    expect(warned.body.eligibilityFindings).toEqual([
      { key: 'in_region', label: QUESTIONS[0].label, answer: false },
    ]);
    // A finding does not block the submission: the office decides in the formal check.
    expect((await fire(t, applicant.token, id, 'submit')).status).toBe(200);
    const office = await t.http().get(`/api/proposals/${id}`).set(auth(t.officeToken));
    expect(office.body.eligibilityFindings.map((f: { key: string }) => f.key)).toEqual(['in_region']);
  });

  describe('budgets', () => {
    let budgetId: string;
    const partners = [
      { name: 'Zulieferer GmbH', kind: 'sme', city: 'Wolfsburg', costs: costs(200_001), fundingRate: 5000 },
      {
        name: 'TU Braunschweig',
        kind: 'research',
        city: 'Braunschweig',
        costs: costs(300_000),
        fundingRate: 10000,
      },
      {
        name: 'Großkonzern AG',
        kind: 'large',
        city: 'Hannover',
        costs: costs(99_999, 20_000),
        fundingRate: 2500,
      },
    ];
    const save = (body: Record<string, unknown>) =>
      t.http().patch(`/api/proposals/${budgetId}`).set(auth(applicant.token)).send(body);

    beforeAll(async () => {
      const res = await t
        .http()
        .post(`/api/calls/${callId}/proposals`)
        .set(auth(applicant.token))
        .send({ title: 'Budget', abstract: 'Mit Budget.', topics: ['battery'], requestedFundingEur: 77_000 });
      budgetId = res.body.id;
      // Without costs the typed amount stays (proposals from before budgets).
      expect(res.body.requestedFundingEur).toBe(77_000);
    });

    it('derives requestedFundingEur from the partners: Σ round(costs × rate), half up', async () => {
      const res = await save({ partners });
      expect(res.status).toBe(200);
      // 200,001 × 0.5 = 100,000.5 → 100,001; 300,000 × 1 = 300,000; 119,999 × 0.25 = 29,999.75 → 30,000
      expect(res.body.requestedFundingEur).toBe(430_001);
      expect(res.body.partners.map((p: { fundingEur: number }) => p.fundingEur)).toEqual([
        100_001, 300_000, 30_000,
      ]);
      expect(res.body.partners.map((p: { capKind: string }) => p.capKind)).toEqual([
        'sme',
        'research',
        'large',
      ]);
      const typed = await save({ requestedFundingEur: 1 });
      expect(typed.status).toBe(400);
      expect(typed.body).toMatchObject({
        type: '/problems/funding-derived',
        errors: [{ field: 'requestedFundingEur' }],
      });
    });

    it('refuses a rate above the cap of the partner kind at that partner', async () => {
      const res = await save({
        partners: partners.map((p, i) => (i === 2 ? { ...p, fundingRate: 2501 } : p)),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'partners.2.fundingRate', messages: [expect.stringMatching(/2500/)] },
      ]);
      const over = await save({
        partners: partners.map((p, i) => (i === 1 ? { ...p, fundingRate: 10001 } : p)),
      });
      expect(over.status).toBe(400);
      expect(over.body.errors[0].field).toBe('partners.1.fundingRate');
    });

    it('refuses subcontracts above the share at that partner; the saved budget is unchanged', async () => {
      const res = await save({
        partners: partners.map((p, i) => (i === 0 ? { ...p, costs: costs(74_999, 25_001) } : p)),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'partners.0.costs.subcontracts', messages: [expect.any(String)] },
      ]);
      const now = await t.http().get(`/api/proposals/${budgetId}`).set(auth(applicant.token));
      expect(now.body.requestedFundingEur).toBe(430_001);
    });

    it('refuses costs that are no whole euros ≥ 0 at the field, and costs without a rate', async () => {
      const negative = await save({ partners: [{ ...partners[0], costs: { ...costs(1), travel: -1 } }] });
      expect(negative.status).toBe(400);
      expect(negative.body.errors[0].field).toBe('partners.0.costs.travel');
      const noRate = await save({ partners: [{ ...partners[0], fundingRate: undefined }] });
      expect(noRate.status).toBe(400);
      expect(noRate.body.errors).toEqual([
        { field: 'partners.0.fundingRate', messages: ['required with costs'] },
      ]);
    });

    it("takes the partner's kind for the cap from the registry's SME status over the typed kind", async () => {
      const org = async (body: Record<string, unknown>) => {
        const res = await t.http().post('/api/organisations').set(auth(t.officeToken)).send(body);
        expect(res.status).toBe(201);
        return res.body as { id: string; smeStatus: string };
      };
      const group = await org({ name: 'Weltkonzern SE', kind: 'large', employees: 10_000, turnoverEur: 9e9 });
      const daughter = await org({
        name: 'Tochterwerk GmbH',
        kind: 'sme',
        parentId: group.id,
        employees: 40,
        turnoverEur: 8_000_000,
      });
      const small = await org({
        name: 'Kleinbetrieb KG',
        kind: 'sme',
        employees: 40,
        turnoverEur: 8_000_000,
      });
      expect([daughter.smeStatus, small.smeStatus]).toEqual(['not_sme', 'sme']);

      // Typed "sme", but the registry knows the group: the large company's 25 % cap applies.
      const asSme = await save({
        partners: [
          {
            name: 'Tochterwerk mbH',
            kind: 'sme',
            city: 'Salzgitter',
            costs: costs(10_000),
            fundingRate: 5000,
          },
        ],
      });
      expect(asSme.status).toBe(400);
      expect(asSme.body.errors).toEqual([
        { field: 'partners.0.fundingRate', messages: [expect.stringMatching(/2500/)] },
      ]);
      // Typed "large", but the registry says SME: 50 % is allowed, 10,001 × 0.5 = 5,000.5 → 5,001.
      const asLarge = await save({
        partners: [
          { name: 'kleinbetrieb', kind: 'large', city: 'Peine', costs: costs(10_001), fundingRate: 5000 },
        ],
      });
      expect(asLarge.status).toBe(200);
      expect(asLarge.body.partners[0]).toMatchObject({ capKind: 'sme', fundingEur: 5_001 });
      expect(asLarge.body.requestedFundingEur).toBe(5_001);
      expect((await save({ partners })).status).toBe(200);
    });

    it('puts the requested funding per partner kind in the ranking CSV', async () => {
      expect((await save({ answers: { in_region: true } })).status).toBe(200);
      expect((await uploadPdf(t, applicant.token, budgetId)).status).toBe(201);
      expect((await fire(t, applicant.token, budgetId, 'submit')).status).toBe(200);
      expect((await fire(t, t.officeToken, budgetId, 'screen-eligible')).status).toBe(200);
      const reviewer = await createUser(t, {
        roles: ['reviewer'],
        name: 'Gutachterin',
        organisation: 'Beirat',
      });
      await awaitingDecision(t, budgetId, [{ reviewer, scores: s(4, 4, 4, 4, 4) }]);
      const csv = await t
        .http()
        .get(`/api/calls/${callId}/ranking`)
        .set(auth(t.officeToken))
        .set('Accept', 'text/csv');
      expect(csv.status).toBe(200);
      const [header, row] = csv.text
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
      const cell = (name: string) => row[header.indexOf(name)];
      expect(header).toEqual(
        expect.arrayContaining([
          'requestedFundingEur',
          'requestedFunding_sme',
          'requestedFunding_large',
          'requestedFunding_research',
          'requestedFunding_public',
          'requestedFunding_other',
        ]),
      );
      expect([
        cell('requestedFundingEur'),
        cell('requestedFunding_sme'),
        cell('requestedFunding_research'),
      ]).toEqual(['430001', '100001', '300000']);
      expect([cell('requestedFunding_large'), cell('requestedFunding_public'), cell('stage')]).toEqual([
        '30000',
        '0',
        'full',
      ]);
    });
  });
});
