import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { gzipBytes } from '@/common/content-encoding';
import { Call } from '@/calls/call.entity';
import { columnList, entityFromRow, poolQuery } from '@/database/pool-query';

/** The row of `call_ranking_versions` that counts changes of inputs belonging to no call. */
export const GLOBAL_RANKING_VERSION = '00000000-0000-0000-0000-000000000000';

/** At most this many rankings are kept (one per call and viewer). */
export const RANKING_CACHE_ENTRIES = 32;

/**
 * And at most about this many bytes over all entries: a ranking of 2,000 rows is ~3 MB of heap, ~1 MB of
 * JSON and ~5 MB of page table per language — a meeting (office and 9 steering members on the page) ~90 MB.
 */
export const RANKING_CACHE_BYTES = 128 * 1024 * 1024;

/** Heap of a ranking's rows, roughly (for the byte budget). */
const BYTES_PER_VALUE = 3 * 1024 * 1024;

/**
 * The change counters of a call's ranking, as one text: `<call counter>.<global counter>`. The triggers of
 * migration RankingVersions1795746000000 bump them in the transaction of every change of an input, so
 * equal text means an equal ranking. One primary-key lookup of at most two rows.
 */
const VERSION_SQL = `
  SELECT coalesce(max(version) FILTER (WHERE call_id = $1), 0)::text || '.'
         || coalesce(max(version) FILTER (WHERE call_id = $2), 0)::text AS version
    FROM call_ranking_versions WHERE call_id IN ($1, $2)`;

/** The call's row and its counters in one statement (the ranking route reads both on every request). */
const callWithVersionSql = (columns: string) => `
  SELECT ${columns}, (${VERSION_SQL}) AS "rankingVersion" FROM calls WHERE id = $1`;

/** One computed ranking and what is derived from it on first use (JSON, CSV, the page's table), as bytes. */
export class RankingEntry<V> {
  private encoded = new Map<string, Buffer>();
  private gzipped = new Map<string, Promise<Buffer>>();
  /** Size of the derived bytes. */
  bytes = 0;

  constructor(
    readonly value: V,
    /** Strong ETag of the entry (quoted); a representation appends its suffix. */
    readonly tag: string,
  ) {}

  /** `make(value)` once per name as UTF-8 bytes (what a reply sends without encoding it again). */
  bytesOf(name: string, make: (value: V) => string): Buffer {
    let bytes = this.encoded.get(name);
    if (bytes === undefined) {
      bytes = Buffer.from(make(this.value), 'utf8');
      this.encoded.set(name, bytes);
      this.bytes += bytes.length;
    }
    return bytes;
  }

  /** The bytes of `bytesOf(name, make)` gzipped, once per name (clients that accept gzip get these). */
  gzipOf(name: string, make: (value: V) => string): Promise<Buffer> {
    let packed = this.gzipped.get(name);
    if (packed === undefined) {
      packed = gzipBytes(this.bytesOf(name, make));
      this.gzipped.set(name, packed);
      void packed.then(
        (bytes) => (this.bytes += bytes.length),
        () => this.gzipped.delete(name),
      );
    }
    return packed;
  }

  etag(suffix: string): string {
    return `"${this.tag}-${suffix}"`;
  }
}

interface Slot<V> {
  version: string;
  entry: Promise<RankingEntry<V>>;
  /** Set once computed. */
  done?: RankingEntry<V>;
}

/**
 * Rankings computed once per change, not per request: keyed by (call, viewer) and holding the counter
 * text they were computed under. The counters are read before computing, so an entry is never older
 * than its counter; concurrent misses share one computation. Least recently used entries go first.
 * Each app instance has its own cache; they agree because the counters live in PostgreSQL.
 */
@Injectable()
export class RankingCache {
  private readonly slots = new Map<string, Slot<unknown>>();
  private callSql?: string;

  constructor(private readonly dataSource: DataSource) {}

  /** The call (null when unknown) and the counter text of its ranking, read together. */
  async callAndVersion(callId: string): Promise<{ call: Call | null; version: string }> {
    this.callSql ??= callWithVersionSql(columnList(this.dataSource, Call));
    const [row] = await poolQuery<Record<string, unknown>>(this.dataSource, this.callSql, [
      callId,
      GLOBAL_RANKING_VERSION,
    ]);
    if (!row) return { call: null, version: '' };
    return { call: entityFromRow(this.dataSource, Call, row), version: row.rankingVersion as string };
  }

  async version(callId: string): Promise<string> {
    const rows = await poolQuery<{ version: string }>(this.dataSource, VERSION_SQL, [
      callId,
      GLOBAL_RANKING_VERSION,
    ]);
    return rows[0].version;
  }

  /**
   * The entry of (call, viewer) at the current counters, computed by `compute` when missing or stale.
   * `viewer` must name everything the ranking depends on besides the counted inputs (the office, or a
   * steering member's id: their conflicts decide which rows they get).
   */
  async get<V>(
    callId: string,
    viewer: string,
    compute: () => Promise<V>,
    /** The counters, when the caller read them already (before anything it computes with). */
    known?: string,
  ): Promise<RankingEntry<V>> {
    const key = `${callId}|${viewer}`;
    const version = known ?? (await this.version(callId));
    const slot = this.slots.get(key) as Slot<V> | undefined;
    if (slot && slot.version === version) {
      this.slots.delete(key);
      this.slots.set(key, slot);
      // Its derived texts may have grown since it was stored.
      this.evict();
      return slot.entry;
    }
    const tag = createHash('sha256').update(`${key}|${version}`).digest('base64url').slice(0, 22);
    const fresh = { version } as Slot<V>;
    fresh.entry = compute().then((value) => (fresh.done = new RankingEntry(value, tag)));
    this.slots.delete(key);
    this.slots.set(key, fresh);
    this.evict();
    fresh.entry.catch(() => {
      if (this.slots.get(key) === fresh) this.slots.delete(key);
    });
    return fresh.entry;
  }

  /** Drops the least recently used entries beyond the count or the byte budget (never the newest). */
  private evict(): void {
    let bytes = 0;
    for (const slot of this.slots.values())
      bytes += slot.done ? slot.done.bytes + BYTES_PER_VALUE : BYTES_PER_VALUE;
    while (this.slots.size > 1 && (this.slots.size > RANKING_CACHE_ENTRIES || bytes > RANKING_CACHE_BYTES)) {
      const [oldest, slot] = this.slots.entries().next().value as [string, Slot<unknown>];
      bytes -= slot.done ? slot.done.bytes + BYTES_PER_VALUE : BYTES_PER_VALUE;
      this.slots.delete(oldest);
    }
  }

  /** How many rankings are held (tests). */
  get size(): number {
    return this.slots.size;
  }
}
