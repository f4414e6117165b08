import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The row of `call_ranking_versions` that counts changes of inputs belonging to no call. */
export const GLOBAL_RANKING_VERSION = '00000000-0000-0000-0000-000000000000';

/** At most this many rankings are kept (one per call and viewer; each ~1 MB of JSON for 2,000 rows). */
export const RANKING_CACHE_ENTRIES = 32;

/**
 * The change counters of a call's ranking, as one text: `<call counter>.<global counter>`. The triggers of
 * migration RankingVersions1795746000000 bump them in the transaction of every change of an input, so
 * equal text means an equal ranking. One primary-key lookup of at most two rows.
 */
const VERSION_SQL = `
  SELECT coalesce(max(version) FILTER (WHERE call_id = $1), 0)::text || '.'
         || coalesce(max(version) FILTER (WHERE call_id = $2), 0)::text AS version
    FROM call_ranking_versions WHERE call_id IN ($1, $2)`;

/** One computed ranking and what is derived from it on first use (the JSON text, the CSV). */
export class RankingEntry<V> {
  private derived = new Map<string, string>();

  constructor(
    readonly value: V,
    /** Strong ETag of the entry (quoted); a representation appends its suffix. */
    readonly tag: string,
  ) {}

  /** `make(value)` once per name, then the same text. */
  text(name: string, make: (value: V) => string): string {
    let text = this.derived.get(name);
    if (text === undefined) {
      text = make(this.value);
      this.derived.set(name, text);
    }
    return text;
  }

  etag(suffix: string): string {
    return `"${this.tag}-${suffix}"`;
  }
}

interface Slot<V> {
  version: string;
  entry: Promise<RankingEntry<V>>;
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

  constructor(private readonly dataSource: DataSource) {}

  async version(callId: string): Promise<string> {
    const rows: { version: string }[] = await this.dataSource.query(VERSION_SQL, [
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
  async get<V>(callId: string, viewer: string, compute: () => Promise<V>): Promise<RankingEntry<V>> {
    const key = `${callId}|${viewer}`;
    const version = await this.version(callId);
    const slot = this.slots.get(key) as Slot<V> | undefined;
    if (slot && slot.version === version) {
      this.slots.delete(key);
      this.slots.set(key, slot);
      return slot.entry;
    }
    const tag = createHash('sha256').update(`${key}|${version}`).digest('base64url').slice(0, 22);
    const entry = compute().then((value) => new RankingEntry(value, tag));
    const fresh: Slot<V> = { version, entry };
    this.slots.delete(key);
    this.slots.set(key, fresh);
    while (this.slots.size > RANKING_CACHE_ENTRIES) {
      const oldest = this.slots.keys().next().value as string;
      this.slots.delete(oldest);
    }
    entry.catch(() => {
      if (this.slots.get(key) === fresh) this.slots.delete(key);
    });
    return entry;
  }

  /** How many rankings are held (tests). */
  get size(): number {
    return this.slots.size;
  }
}
