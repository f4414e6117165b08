import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { PROBLEM_CODE_LIST } from '@/common/problem-codes';
import { PROPOSAL_API_EVENTS } from '@/proposals/proposal-transitions';
import { appRoutes } from './support/app-routes';
import { startTestApp, TestApp } from './support/test-app';

// The OpenAPI document (GET /api/docs-json) is valid and describes every API route with its request
// and response schemas, refusals as problem+json, and the security schemes as they are.

type Schema = OpenAPIV3.SchemaObject;
let t: TestApp;
let raw: OpenAPIV3.Document;
let doc: OpenAPIV3.Document;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.http().get('/api/docs-json');
  expect(res.status).toBe(200);
  raw = res.body;
  await SwaggerParser.validate(structuredClone(raw) as never);
  doc = (await SwaggerParser.dereference(structuredClone(raw) as never)) as OpenAPIV3.Document;
});
afterAll(() => t.close());

/** A schema that says something: properties, items, a type or composed parts. */
function describesSomething(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (schema.allOf || schema.oneOf || schema.anyOf) return true;
  if (schema.type === 'object') return Object.keys(schema.properties ?? {}).length > 0;
  if (schema.type === 'array') return describesSomething(schema.items as Schema);
  return schema.type !== undefined;
}

const operation = (method: string, path: string) =>
  (doc.paths[path] as Record<string, OpenAPIV3.OperationObject> | undefined)?.[method];

const apiRoutes = () =>
  appRoutes(t.app).filter((route) => route.path.startsWith('/api/') || route.path === '/health');

it('is a valid OpenAPI 3 document (swagger-parser)', () => {
  expect(raw.openapi).toMatch(/^3\./);
});

it('has every API route of the app, each with non-empty request and response schemas', () => {
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThan(40);
  for (const route of routes) {
    const op = operation(route.method, route.path);
    expect({ route: `${route.method} ${route.path}`, documented: !!op }).toEqual({
      route: `${route.method} ${route.path}`,
      documented: true,
    });
    if (!op) continue;
    const where = `${route.method} ${route.path}`;
    if (route.takesBody) {
      const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      expect([where, describesSomething(body?.content['application/json']?.schema as Schema)]).toEqual([
        where,
        true,
      ]);
    }
    const successes = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
    expect([where, successes.length]).toEqual([where, 1]);
    for (const [status, response] of successes) {
      const content = (response as OpenAPIV3.ResponseObject).content;
      if (status === '204') {
        expect([where, content]).toEqual([where, undefined]);
        continue;
      }
      const schemas = Object.values(content ?? {}).map((media) => media.schema as Schema);
      expect([where, schemas.length > 0 && schemas.every(describesSomething)]).toEqual([where, true]);
    }
  }
});

it('documents the refusals of every API route as problem+json with the codes of their status', () => {
  for (const route of apiRoutes().filter((r) => r.path !== '/health')) {
    const op = operation(route.method, route.path)!;
    const refusals = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
    expect([route.path, refusals.length > 0]).toEqual([route.path, true]);
    for (const [status, response] of refusals) {
      const schema = (response as OpenAPIV3.ResponseObject).content?.['application/problem+json']?.schema as
        Schema | undefined;
      const [problem, narrowed] = (schema?.allOf ?? []) as Schema[];
      expect(Object.keys(problem?.properties ?? {})).toEqual(
        expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'params', 'errors']),
      );
      const codes = ((narrowed?.properties?.code as Schema | undefined)?.enum ?? []) as string[];
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) expect(PROBLEM_CODE_LIST).toContain(code);
      expect((narrowed?.properties?.status as Schema).enum).toEqual([Number(status)]);
    }
  }
  const createDraft = operation('post', '/api/calls/{callId}/proposals')!;
  const conflict = (createDraft.responses['409'] as OpenAPIV3.ResponseObject).content![
    'application/problem+json'
  ];
  const narrowed = (conflict.schema as Schema).allOf![1] as Schema;
  expect((narrowed.properties!.code as Schema).enum).toContain('call-not-accepting');
});

it('documents ?round=, the page parameters and the list filters', () => {
  const names = (method: string, path: string) =>
    (operation(method, path)!.parameters as OpenAPIV3.ParameterObject[]).map((p) => `${p.in}:${p.name}`);
  for (const path of [
    '/api/proposals/{id}/scores',
    '/api/proposals/{id}/votes',
    '/api/proposals/{id}/decision',
  ])
    expect(names('get', path)).toContain('query:round');
  expect(names('get', '/api/proposals/{id}/reviews')).toContain('query:round');
  expect(names('get', '/api/proposals')).toEqual(
    expect.arrayContaining(['query:callId', 'query:state', 'query:limit', 'query:cursor']),
  );
  for (const path of ['/api/calls', '/api/users', '/api/assignments', '/api/mails'])
    expect(names('get', path)).toEqual(expect.arrayContaining(['query:limit', 'query:cursor']));
});

it('names the events of the events route as an enum and the ranking as JSON or CSV', () => {
  const fire = operation('post', '/api/proposals/{id}/events/{event}')!;
  const event = (fire.parameters as OpenAPIV3.ParameterObject[]).find((p) => p.name === 'event')!;
  expect((event.schema as Schema).enum).toEqual([...PROPOSAL_API_EVENTS]);
  const ranking = operation('get', '/api/calls/{id}/ranking')!.responses['200'] as OpenAPIV3.ResponseObject;
  expect(Object.keys(ranking.content!).sort()).toEqual([
    'application/json',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
  ]);
  const pdf = operation('get', '/api/proposals/{id}/attachments/{aid}')!.responses[
    '200'
  ] as OpenAPIV3.ResponseObject;
  expect(Object.keys(pdf.content!)).toEqual(['application/pdf']);
});

it('declares the security as it is: an opaque bearer token and the session cookie', () => {
  const schemes = raw.components!.securitySchemes as Record<string, OpenAPIV3.SecuritySchemeObject>;
  expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(schemes.bearer).not.toHaveProperty('bearerFormat');
  expect(schemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'beirat_session' });
  expect(operation('get', '/api/me')!.security).toEqual(
    expect.arrayContaining([{ bearer: [] }, { cookie: [] }]),
  );
  expect(operation('post', '/api/auth/login')!.security).toBeUndefined();
});
