/**
 * One HTTP load measurement with autocannon over loopback: a fixed number of connections for a fixed
 * time, each request built by `next()` (so ids and tokens rotate), after a short warm-up whose figures
 * are thrown away (JIT, connection pools and PostgreSQL's caches are warm when the clock starts).
 */
import autocannon from 'autocannon';

export interface HttpRequestSpec {
  path: string;
  token: string;
  body?: string;
}

export interface HttpLoad {
  name: string;
  baseUrl: string;
  method: 'GET' | 'PUT';
  next: () => HttpRequestSpec;
  connections?: number;
  seconds?: number;
  warmupSeconds?: number;
}

export interface HttpFigures {
  name: string;
  connections: number;
  seconds: number;
  /** Successful (2xx) responses per second over the whole run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Status code → count of the answers that were not 2xx. */
  failures: Record<string, number>;
}

export const CONNECTIONS = 50;
/** BENCH_SECONDS shortens every run for trying the harness out; such a run does not write the docs. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const SHORTENED = process.env.BENCH_SECONDS !== undefined;

function run(load: HttpLoad, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: load.baseUrl,
    method: load.method,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const spec = load.next();
          return {
            ...request,
            path: spec.path,
            body: spec.body,
            headers: {
              ...request.headers,
              authorization: `Bearer ${spec.token}`,
              ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
          };
        },
      },
    ],
  });
}

export async function measureHttp(load: HttpLoad): Promise<HttpFigures> {
  const connections = load.connections ?? CONNECTIONS;
  const seconds = load.seconds ?? SECONDS;
  await run(load, connections, load.warmupSeconds ?? 3);
  const result = await run(load, connections, seconds);
  const failures: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith('2') && stat.count) failures[code] = stat.count;
  }
  return {
    name: load.name,
    connections,
    seconds: result.duration,
    rps: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    failures,
  };
}

/** Round-robin over `items`, shared by all connections. */
export function rotate<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error('nothing to rotate over');
  let i = 0;
  return () => items[i++ % items.length];
}
