import { CompiledQuery, SqliteAdapter } from 'kysely';
import pg from 'pg';
import { type Db, sqliteWriteCount } from './database.ts';
import { CACHE_CHANNEL } from './migrations/20261208100200_cache_versions.ts';

/**
 * What a per-process cache may keep, and for how long, when several server processes share one database.
 *
 * Triggers (migrations 20261208100200 and 20261208100700) mark every write to the units, the accounts and the sessions,
 * and to which rounds are archived, in the writing transaction. A cache entry remembers the stamp of its topics when it
 * was read and is used only while the stamp is unchanged:
 * - SQLite: the stamp is the version rows, read per lookup (in-process, microseconds), so a commit by any process is
 *   seen by the very next lookup in every process;
 * - PostgreSQL: a server LISTENs on one dedicated connection (`watchCacheChanges`); each notification, delivered at
 *   the writer's commit, moves the stamp. While that connection is down nothing is cached (the stamp is null) and on
 *   reconnecting every stamp moves, since notifications sent meanwhile are lost. Without a watcher (tests, the CLI)
 *   PostgreSQL is never cached: another process could change what this one holds.
 * A notification arrives some time after the commit, so on PostgreSQL a cache is coherent only eventually (within
 * milliseconds, longer under load). That is fine for names, trees and archived rounds, and not for whether a session
 * still holds: that lookup asks for a `current` stamp (`StampOptions`), which PostgreSQL never gives.
 */
export type CacheTopic = 'units' | 'accounts' | 'rounds';

export interface CacheWatcher {
  /** The current stamp of the topics, or null while changes cannot be heard (do not cache). */
  stamp(topics: readonly CacheTopic[]): string | null;
  close(): Promise<void>;
}

const watchers = new WeakMap<Db, CacheWatcher>();

export interface StampOptions {
  /**
   * The answer decides who may act at all (a session and its actor): the stamp must cover every commit made before
   * this lookup began, by any process. Only a stamp read from the database now does (SQLite's version rows, read
   * afresh rather than from this turn's memo). A stamp heard by notification does not: PostgreSQL delivers a NOTIFY
   * to the listening connection some time after the writer's commit returned — under load after the writer's server
   * has answered and the client has already sent its next request elsewhere — so such a lookup is not cached here
   * (sessions on PostgreSQL are confirmed by a statement of their own instead: users.repository.ts).
   */
  current?: boolean;
}

export async function cacheStamp(
  db: Db,
  topics: readonly CacheTopic[],
  { current = false }: StampOptions = {},
): Promise<string | null> {
  // Inside a transaction its own uncommitted writes would be cached for everyone.
  if (db.isTransaction) return null;
  const watcher = watchers.get(db);
  if (watcher) return current ? null : watcher.stamp(topics);
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return null;
  const rows = await sqliteVersions(db, current);
  let stamp = '';
  for (const topic of topics) {
    const row = rows.find((r) => r.topic === topic);
    // A topic without its row has no triggers either (a database not migrated this far): nothing may be cached.
    if (!row) return null;
    stamp += `${topic}:${row.version},`;
  }
  return stamp;
}

interface VersionRow {
  topic: string;
  version: number;
}

const versionMemo = new WeakMap<Db, { writes: number; rows: Promise<VersionRow[]> }>();

/**
 * The version rows, read by one fixed statement (nothing to build or compile) and kept for the rest of this turn of
 * the event loop while this process writes nothing: one ledger request asks three caches (session, scope, archived
 * rounds) and now reads the rows once. A commit by another process is seen from the next turn: the requests of one
 * turn arrived together, before it could be told apart from them. A write by this process (any connection) is seen
 * at once. A `fresh` read (a session's lookup, `StampOptions.current`) goes to the database and renews the memo: the
 * memo may have been read in an earlier phase of this turn (a timer), before a request that arrives in this one.
 */
function sqliteVersions(db: Db, fresh = false): Promise<VersionRow[]> {
  const memo = versionMemo.get(db);
  if (!fresh && memo && memo.writes === sqliteWriteCount()) return memo.rows;
  const rows = db.executeQuery<VersionRow>(ALL_VERSIONS).then((r) => r.rows);
  const entry = { writes: sqliteWriteCount(), rows };
  versionMemo.set(db, entry);
  // A failed read is not kept: the next lookup tries again.
  rows.catch(() => {
    if (versionMemo.get(db) === entry) versionMemo.delete(db);
  });
  setImmediate(() => {
    if (versionMemo.get(db) === entry) versionMemo.delete(db);
  });
  return rows;
}

const ALL_VERSIONS = CompiledQuery.raw('select topic, version from cache_versions');

export interface WatchOptions {
  onState?: (state: 'listening' | 'lost', error?: unknown) => void;
  /** First and longest wait before reconnecting after the listening connection is lost. */
  retryMs?: { first: number; max: number };
  /**
   * A test seam: receives each notification's effect on the stamps instead of it being applied at once, so that a test
   * can hold it back and stand for a notification still on its way (as one is, under load, after the writer's commit).
   */
  deliver?: (apply: () => void) => void;
}

/**
 * Listens for the cache notifications of a PostgreSQL database on a connection of its own, and reconnects with backoff
 * after it is lost (a database restart, a network cut). Registered for `db`, whose caches then follow it.
 */
export function watchCacheChanges(db: Db, url: string, options: WatchOptions = {}): CacheWatcher {
  const retry = options.retryMs ?? { first: 250, max: 5000 };
  let generation = 0;
  const moved: Record<CacheTopic, number> = { units: 0, accounts: 0, rounds: 0 };
  let listening = false;
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wait = retry.first;

  const lost = (error?: unknown) => {
    if (!listening && client === null) return;
    if (listening) options.onState?.('lost', error);
    listening = false;
    const dead = client;
    client = null;
    dead?.removeAllListeners();
    dead?.on('error', () => {});
    void dead?.end().catch(() => {});
    schedule();
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, wait);
    timer.unref();
    wait = Math.min(wait * 2, retry.max);
  };
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (message) => {
      const topic = message.payload as CacheTopic;
      const apply = () => {
        if (topic in moved) moved[topic]++;
        else generation++;
      };
      if (options.deliver) options.deliver(apply);
      else apply();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CACHE_CHANNEL}`);
      if (closed || client !== c) {
        await c.end().catch(() => {});
        return;
      }
      // Whatever changed while nobody listened is unknown: every entry read before now goes.
      generation++;
      listening = true;
      wait = retry.first;
      options.onState?.('listening');
    } catch (error) {
      if (client === c) lost(error);
    }
  };
  void connect();

  const watcher: CacheWatcher = {
    stamp: (topics) => (listening ? `${generation}|${topics.map((t) => moved[t]).join(',')}` : null),
    async close() {
      closed = true;
      listening = false;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
      if (watchers.get(db) === watcher) watchers.delete(db);
    },
  };
  watchers.set(db, watcher);
  return watcher;
}

interface Entry<V> {
  stamp: string;
  readAt: number;
  value: V;
}

/**
 * A bounded per-process cache of database answers, kept per database handle, each entry valid while its topics'
 * stamp is unchanged and for at most `ttlMs` (a safety net: invalidation is by the stamp). Only answers are cached,
 * never their absence.
 */
export class CoherentCache<V> {
  private readonly maps = new WeakMap<Db, Map<string, Entry<V>>>();

  constructor(
    private readonly topics: readonly CacheTopic[],
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly stampOptions: StampOptions = {},
  ) {}

  /**
   * The cached answer when its stamp still holds and `usable` accepts it, else `load()`'s (kept when defined).
   * The stamp is read before loading, so a write committed during the load leaves the entry already stale.
   */
  async get(
    db: Db,
    key: string,
    load: () => Promise<V | undefined>,
    usable: (value: V) => boolean = () => true,
  ): Promise<V | undefined> {
    const stamp = await cacheStamp(db, this.topics, this.stampOptions);
    if (stamp === null) return load();
    const map = this.mapOf(db);
    const hit = map.get(key);
    const now = Date.now();
    if (hit && hit.stamp === stamp && now - hit.readAt < this.ttlMs && usable(hit.value)) return hit.value;
    const value = await load();
    if (value === undefined) {
      map.delete(key);
      return value;
    }
    if (map.size >= this.maxEntries && !map.has(key)) map.delete(map.keys().next().value as string);
    map.set(key, { stamp, readAt: now, value });
    return value;
  }

  /** Replaces a cached value in place (the entry keeps its stamp and age), e.g. after a write this process made. */
  update(db: Db, key: string, change: (value: V) => V): void {
    const hit = this.maps.get(db)?.get(key);
    if (hit) hit.value = change(hit.value);
  }

  private mapOf(db: Db): Map<string, Entry<V>> {
    let map = this.maps.get(db);
    if (!map) {
      map = new Map();
      this.maps.set(db, map);
    }
    return map;
  }
}
