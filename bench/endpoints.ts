/**
 * The HTTP measurements of `npm run bench`: the bare baselines and the endpoints, each after a checked
 * probe request (a benchmark of error answers would be worthless).
 */
import { measureHttp, rotate, SHORTENED, type HttpFigures } from './http';
import { rssOf } from './processes';
import { fmt } from './report';
import type { SeedResult } from './seed';

/** One request, checked, before load: a benchmark of error answers would be worthless. */
async function probe(
  url: string,
  token: string,
  init: RequestInit = {},
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

const DRAFT = JSON.stringify({
  scores: { scientific_quality: 4, innovation: 3.5, feasibility: 4, transfer: 3, sme_benefit: 4.5 },
  commentToApplicant:
    'Klar beschriebenes Vorhaben; der Arbeitsplan sollte Puffer für die Validierung vorsehen.',
  confidentialComment: 'Budget für Prototypen knapp.',
});

/** Waits until the service answers /health within 100 ms (or 60 s passed), then 1 s more. */
async function settle(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const t = Date.now();
    await fetch(`${base}/health`).catch(() => undefined);
    if (Date.now() - t < 100) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 1000));
}

/** allowedEvents and allowedActions are computed in memory from the row (the baseline has no rules). */
function withoutRules(view: unknown): unknown {
  const { allowedEvents: _events, allowedActions: _actions, ...rest } = view as Record<string, unknown>;
  return rest;
}

async function sameAnswer(base: string, baseline: string, path: string, token: string): Promise<void> {
  const [fromService, fromBaseline] = await Promise.all([
    probe(`${base}${path}`, token),
    probe(`${baseline}${path}`, token),
  ]);
  const page = fromService as { items?: unknown[] };
  const comparable = Array.isArray(page.items)
    ? { ...page, items: page.items.map(withoutRules) }
    : withoutRules(fromService);
  if (JSON.stringify(comparable) !== JSON.stringify(fromBaseline)) {
    throw new Error(
      `baseline and service disagree on ${path}:\n${JSON.stringify(comparable)}\n${JSON.stringify(fromBaseline)}`,
    );
  }
}

export interface ServiceFigures {
  figures: HttpFigures[];
  /** Rows of the ranking the steering member sees; null when the endpoint is not there yet. */
  rankingRows: number | null;
  /** The service's RSS (bytes) after each run, in run order: which load made it grow. */
  rssAfter: { name: string; rss: number }[];
}

export async function measureService(
  base: string,
  baseline: string,
  seed: SeedResult,
  pids: { service?: number; baseline?: number; database: string },
  log: (message: string) => void,
): Promise<ServiceFigures> {
  const proposalIds = rotate(seed.proposalIds);
  const drafts = rotate(seed.draftTargets);
  const byId = () => ({ path: `/api/proposals/${proposalIds()}`, token: seed.reviewerToken });
  const list = `/api/proposals?callId=${seed.callId}`;
  const ranking = `/api/calls/${seed.callId}/ranking`;

  // Same answers from both before either is measured: the baseline really does the service's work.
  await sameAnswer(base, baseline, `/api/proposals/${seed.proposalIds[0]}`, seed.reviewerToken);
  await sameAnswer(base, baseline, list, seed.officeToken);

  const results: HttpFigures[] = [];
  const rssAfter: ServiceFigures['rssAfter'] = [];
  const measure = async (figures: Promise<HttpFigures>) => {
    const f = await figures;
    // autocannon leaves requests in flight when its clock stops; let the service finish them first.
    await settle(base);
    if (pids.service !== undefined) rssAfter.push({ name: f.name, rss: (await rssOf(pids.service)).rss });
    const cpu =
      f.serverCpuMsPerRequest === null
        ? ''
        : `, CPU/req server ${f.serverCpuMsPerRequest.toFixed(2)} ms + PostgreSQL ${f.databaseCpuMsPerRequest?.toFixed(2)} ms`;
    const busy =
      f.machineBusy === null
        ? ''
        : `, machine ${fmt.pct(f.machineBusy)} busy, ${fmt.pct(f.otherBusy ?? 0)} of it others`;
    log(
      `${f.name}: ${fmt.rate(f.rps)} req/s, p50 ${fmt.ms(f.p50Ms)} ms, p99 ${fmt.ms(f.p99Ms)} ms, non-2xx ${f.non2xx}, ` +
        `${fmt.int(f.bytesPerAnswer / 1024)} KiB per answer${cpu}${busy}`,
    );
    results.push(f);
  };
  const service = {
    baseUrl: base,
    method: 'GET',
    serverPid: pids.service,
    database: pids.database,
    settle: () => settle(base),
  } as const;
  const byList = () => ({ path: list, token: seed.officeToken });
  const bare = { ...service, baseUrl: baseline, serverPid: pids.baseline };
  // Each read between two runs of its baseline: it is compared with their mean, and the difference
  // between the two shows how much the machine drifted meanwhile.
  await measure(measureHttp({ ...bare, name: 'baseline', next: byId }));
  await measure(measureHttp({ ...service, name: 'proposal', next: byId }));
  await measure(measureHttp({ ...bare, name: 'list-baseline', next: byList }));
  await measure(measureHttp({ ...service, name: 'list', next: byList }));
  await measure(measureHttp({ ...bare, name: 'baseline-2', next: byId }));
  await measure(measureHttp({ ...bare, name: 'list-baseline-2', next: byList }));
  const rankingRows = await probe(`${base}${ranking}`, seed.steeringToken).then(
    (body) => ((body as { rows?: unknown[] }).rows ?? []).length,
    (error: Error) => (log(`ranking not measured: ${error.message}`), null),
  );
  if (rankingRows !== null) {
    const next = () => ({ path: ranking, token: seed.steeringToken });
    // As a browser or fetch() asks for it; the same ranking uncompressed follows for comparison.
    const gzip = { 'accept-encoding': 'gzip, deflate, br' };
    await probe(`${base}${ranking}`, seed.steeringToken, {}, gzip);
    await measure(measureHttp({ ...service, name: 'ranking', next, headers: gzip }));
    await measure(measureHttp({ ...service, name: 'ranking-identity', next }));
    const seconds = SHORTENED ? undefined : 10;
    await measure(
      measureHttp({ ...service, name: 'ranking-1', next, connections: 1, seconds, headers: gzip }),
    );
  }
  const first = seed.draftTargets[0];
  const draftReady = await probe(`${base}/api/assignments/${first.assignmentId}/review`, first.token, {
    method: 'PUT',
    body: DRAFT,
  }).then(
    () => true,
    (error: Error) => (log(`draft save not measured: ${error.message}`), false),
  );
  if (draftReady) {
    const next = () => {
      const target = drafts();
      return { path: `/api/assignments/${target.assignmentId}/review`, token: target.token, body: DRAFT };
    };
    await measure(measureHttp({ ...service, method: 'PUT', name: 'draft', next }));
  }
  return { figures: results, rankingRows, rssAfter };
}
