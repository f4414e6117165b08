/**
 * One HTTP load measurement with autocannon over loopback: a fixed number of connections for a fixed
 * time, each request built by `next()` (so ids and tokens rotate), after a short warm-up whose figures
 * are thrown away (JIT, connection pools and PostgreSQL's caches are warm when the clock starts).
 */
import { readdirSync, readFileSync } from 'node:fs';
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
  /** Sent with every request (besides the token), e.g. `accept-encoding`. */
  headers?: Record<string, string>;
  connections?: number;
  seconds?: number;
  warmupSeconds?: number;
  /** The server process: its CPU time during the measured run is reported per request. */
  serverPid?: number;
  /** The database: CPU time of its PostgreSQL backends (same machine) is reported per request. */
  database?: string;
  /** Waits until the server finished what the warm-up left in flight, before the clock starts. */
  settle?: () => Promise<void>;
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
  /** Bytes received per answer (headers and body, as sent: compressed where gzip was asked for). */
  bytesPerAnswer: number;
  /** Status code → count of the answers that were not 2xx. */
  failures: Record<string, number>;
  /** CPU time (user + system) of the server process per answered request, ms; null off Linux. */
  serverCpuMsPerRequest: number | null;
  /** CPU time of autocannon (this process) per answered request, ms. */
  clientCpuMsPerRequest: number;
  /** CPU time of the PostgreSQL backends serving `database` per answered request, ms; null off Linux. */
  databaseCpuMsPerRequest: number | null;
  /** Share of the machine's CPU time (all cores) that was busy during the run; null off Linux. */
  machineBusy: number | null;
  /**
   * Share of the machine's CPU time used by everything else (other processes on the machine, and the
   * service's idle parts while the baseline runs): busy minus server, PostgreSQL backends and autocannon.
   */
  otherBusy: number | null;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, ms (fields 14 and 15 of /proc/<pid>/stat, after the command name). */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * CPU ms of every PostgreSQL backend connected to `database`, by pid (their title reads
 * "postgres: … <user> <database> <address> …"). Pools keep their connections, so the same backends
 * serve the whole run; one that started during the run counts from 0.
 */
export function backendCpuMs(database: string | undefined): Map<number, number> | null {
  if (!database) return null;
  const cpu = new Map<number, number>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (!title.startsWith('postgres:') || !title.includes(` ${database} `)) continue;
        const ms = processCpuMs(Number(entry));
        if (ms !== null) cpu.set(Number(entry), ms);
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return null;
  }
  return cpu;
}

export function backendCpuDelta(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/** [busy, total] jiffies of all cores from /proc/stat. */
function machineTicks(): [number, number] | null {
  try {
    const values = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    return [total - values[3] - (values[4] ?? 0), total];
  } catch {
    return null;
  }
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
              ...load.headers,
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
  // autocannon drops its connections when its clock stops, but the server still answers what they sent.
  await load.settle?.();
  const cpuBefore = processCpuMs(load.serverPid);
  const dbBefore = backendCpuMs(load.database);
  const ticksBefore = machineTicks();
  const ownBefore = process.cpuUsage();
  const result = await run(load, connections, seconds);
  const cpuAfter = processCpuMs(load.serverPid);
  const dbAfter = backendCpuMs(load.database);
  const ticksAfter = machineTicks();
  const own = process.cpuUsage(ownBefore);
  const dbCpu = backendCpuDelta(dbBefore, dbAfter);
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
    bytesPerAnswer: result.throughput.total / Math.max(1, result.requests.total),
    failures,
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
        ? (cpuAfter - cpuBefore) / result.requests.total
        : null,
    clientCpuMsPerRequest: (own.user + own.system) / 1000 / Math.max(1, result.requests.total),
    databaseCpuMsPerRequest:
      dbCpu !== null && result.requests.total > 0 ? dbCpu / result.requests.total : null,
    machineBusy:
      ticksBefore && ticksAfter
        ? (ticksAfter[0] - ticksBefore[0]) / Math.max(1, ticksAfter[1] - ticksBefore[1])
        : null,
    otherBusy:
      ticksBefore && ticksAfter && cpuBefore !== null && cpuAfter !== null && dbCpu !== null
        ? Math.max(
            0,
            ((ticksAfter[0] - ticksBefore[0]) * TICK_MS -
              (cpuAfter - cpuBefore) -
              dbCpu -
              (own.user + own.system) / 1000) /
              Math.max(1, (ticksAfter[1] - ticksBefore[1]) * TICK_MS),
          )
        : null,
  };
}

/** Round-robin over `items`, shared by all connections. */
export function rotate<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error('nothing to rotate over');
  let i = 0;
  return () => items[i++ % items.length];
}
