/**
 * A small client program, compiled with `tsc --strict` against the types openapi-typescript generates
 * from the running app's document (./schema.d.ts next to it) and run with node: the office opens a call
 * and creates an applicant; the applicant signs in, drafts a proposal, uploads its PDF, reads it back
 * and submits it. Every body and answer is typed by the document alone. Prints what it saw as JSON.
 */
export const WALK_PROGRAM = String.raw`
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

const [baseUrl, officeEmail, officePassword] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl });

function ok<T>(result: { data?: T; response: Response; error?: unknown }, what: string): T {
  if (result.data === undefined)
    throw new Error(what + ': ' + result.response.status + ' ' + JSON.stringify(result.error));
  return result.data;
}
const bearer = (token: string) => ({ headers: { Authorization: 'Bearer ' + token } });

const office = ok(
  await api.POST('/api/auth/login', { body: { email: officeEmail, password: officePassword } }),
  'office sign-in',
);
const now = Date.now();
const call = ok(
  await api.POST('/api/calls', {
    ...bearer(office.accessToken),
    body: {
      title: 'Mobilität 2030',
      topics: ['battery', 'software'],
      opensAt: new Date(now - 60_000).toISOString(),
      submissionDeadline: new Date(now + 86_400_000).toISOString(),
    },
  }),
  'create call',
);
const opened = ok(
  await api.POST('/api/calls/{id}/open', { ...bearer(office.accessToken), params: { path: { id: call.id } } }),
  'open call',
);

const email = 'client-' + now + '@example.test';
const password = 'client-password-1';
const applicant = ok(
  await api.POST('/api/users', {
    ...bearer(office.accessToken),
    body: { email, password, name: 'Typed Client', roles: ['applicant'], organisation: 'Zulieferer GmbH' },
  }),
  'create applicant',
);
const session = ok(await api.POST('/api/auth/login', { body: { email, password } }), 'applicant sign-in');
const asApplicant = bearer(session.accessToken);
const me = ok(await api.GET('/api/me', asApplicant), 'me');

const draft = ok(
  await api.POST('/api/calls/{callId}/proposals', {
    ...asApplicant,
    params: { path: { callId: call.id } },
    body: {
      title: 'Leichtbau-Batteriegehäuse',
      acronym: 'LEIBAT',
      abstract: 'Ein Batteriegehäuse aus recyceltem Aluminium.',
      topics: ['battery'],
      partners: [{ name: 'TU Braunschweig', kind: 'research', city: 'Braunschweig' }],
      requestedFundingEur: 250000,
      durationMonths: 24,
    },
  }),
  'create draft',
);
// The document types the multipart field "file" as a binary string; the serializer sends it as a PDF part.
const attachment = ok(
  await api.POST('/api/proposals/{id}/attachments', {
    ...asApplicant,
    params: { path: { id: draft.id } },
    body: { file: '%PDF-1.4\n' + ' '.repeat(1000) },
    bodySerializer(body) {
      const form = new FormData();
      form.append('file', new Blob([body.file ?? ''], { type: 'application/pdf' }), 'antrag.pdf');
      return form;
    },
  }),
  'upload',
);
const read = ok(await api.GET('/api/proposals/{id}', { ...asApplicant, params: { path: { id: draft.id } } }), 'read');
const submitted = ok(
  await api.POST('/api/proposals/{id}/events/{event}', {
    ...asApplicant,
    params: { path: { id: draft.id, event: 'submit' } },
    body: { expectedVersion: read.version },
  }),
  'submit',
);
const again = await api.POST('/api/proposals/{id}/events/{event}', {
  ...asApplicant,
  params: { path: { id: draft.id, event: 'submit' } },
  body: {},
});
const refusal = again.error as { code?: string } | undefined;

console.log(
  JSON.stringify({
    callState: opened.state,
    applicantRoles: applicant.roles,
    meId: me.id === applicant.id,
    draftState: draft.state,
    attachmentSize: attachment.sizeBytes,
    readAttachments: (read.attachments ?? []).map((a) => a.filename),
    submittedState: submitted.state,
    submittedAt: submitted.submittedAt !== null,
    againStatus: again.response.status,
    againType: again.response.headers.get('content-type'),
    againCode: refusal?.code,
  }),
);
`;
