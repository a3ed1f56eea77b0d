import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Driver, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConnectionBreaker, type DatabaseLog, isDatabaseUnavailable, silentDatabaseLog } from './availability.ts';
import type { Dialect } from './migration-helpers.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** Whether a connection (or a transaction on one) is PostgreSQL's: the few places where the two databases differ. */
export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for messages: a file path or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

// int8 (count(*), sums, bigint columns) arrives as a string by default; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), so busy_timeout queues them. A deferred
 * transaction that reads and then writes cannot wait: when another process wrote meanwhile its snapshot is stale and
 * SQLite answers "database is locked" at once (two workers on one WAL file lost one transaction in five that way).
 * Within a process nothing changes: Kysely runs one statement or transaction at a time on the one connection.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Kysely prepares every statement anew; preparing a ledger query costs more than running it. The app issues a few
 * hundred distinct SQL texts, so a bounded cache of prepared statements keyed by text removes that cost.
 *
 * Rows are read as arrays and turned into objects here: better-sqlite3 builds each row object key by key in native
 * code, which for a 50-row ledger page of 26 columns cost as much as finding the rows (0.37 against 0.22 ms per page
 * read as arrays and mapped by a function made once per statement).
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, CachedStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = cachedStatement(sqlite.prepare(sql));
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      // A schema change (a migration, a test's setup) may change what `select *` returns: every row shape is made anew.
      if (!stmt.reader && DDL.test(sql)) for (const other of cache.values()) other.forgetShape();
      return stmt;
    },
  };
}

const DDL = /^\s*(create|alter|drop)\b/i;

let writes = 0;

/**
 * Counts the statements this process ran that may have changed the database (anything but a read-only select, so a
 * BEGIN or COMMIT too), on every SQLite connection it holds: what a process-local memo of database state compares
 * against (cache-coherence.ts keeps the cache versions it read until the next one).
 */
export function sqliteWriteCount(): number {
  return writes;
}

type Row = Record<string, unknown>;

interface CachedStatement {
  reader: boolean;
  all(parameters: readonly unknown[]): Row[];
  run(parameters: readonly unknown[]): SQLite.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<Row>;
  forgetShape(): void;
}

function cachedStatement(stmt: SQLite.Statement): CachedStatement {
  if (!stmt.reader) {
    return {
      reader: false,
      all: () => [],
      run(parameters) {
        try {
          return stmt.run(parameters);
        } finally {
          writes++;
        }
      },
      iterate: () => [][Symbol.iterator](),
      forgetShape: () => {},
    };
  }
  stmt.raw(true);
  // `insert … returning` reads too, and writes.
  const readOnly = stmt.readonly;
  let toRow: ((values: unknown[]) => Row) | null = null;
  const shape = (values: unknown[]) => {
    if (toRow === null || toRow.length !== values.length) toRow = rowMaker(stmt);
    return toRow;
  };
  return {
    reader: true,
    all(parameters) {
      let rows: unknown[][];
      try {
        rows = stmt.all(parameters) as unknown[][];
      } finally {
        if (!readOnly) writes++;
      }
      if (rows.length === 0) return [];
      const make = shape(rows[0]);
      const out = new Array<Row>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]);
      return out;
    },
    run: (parameters) => stmt.run(parameters),
    *iterate(parameters) {
      if (!readOnly) writes++;
      for (const values of stmt.iterate(parameters) as IterableIterator<unknown[]>) yield shape(values)(values);
    },
    forgetShape() {
      toRow = null;
    },
  };
}

/**
 * A function from a row's values to the object better-sqlite3 would have made (a repeated column name keeps its first
 * place and its last value, as there), written as one object literal so every row shares one shape. Its `length` is the column count.
 */
function rowMaker(stmt: SQLite.Statement): (values: unknown[]) => Row {
  const names = stmt.columns().map((c) => c.name);
  const lastIndex = new Map<string, number>();
  for (const [i, name] of names.entries()) lastIndex.set(name, i);
  const fields = [...lastIndex].map(([name, i]) => `${JSON.stringify(name)}: v[${i}]`);
  const make = new Function('v', `return { ${fields.join(', ')} };`) as (values: unknown[]) => Row;
  Object.defineProperty(make, 'length', { value: names.length });
  return make;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const postgresPools = new WeakMap<Db, { pool: pg.Pool; breaker: ConnectionBreaker }>();

/** The connection pool's counts for the metrics, or null on SQLite (no pool). */
export function poolStatsOf(db: Db): PoolStats | null {
  const entry = postgresPools.get(db);
  if (!entry) return null;
  return { total: entry.pool.totalCount, idle: entry.pool.idleCount, waiting: entry.pool.waitingCount };
}

/**
 * A pool that survives the server restarting under it. An idle client the server drops ("terminating connection due
 * to administrator command") emits 'error' on the pool; without a listener that is an uncaught exception and the
 * process dies, so the pool gets one, and so does every client while it is checked out (pg-pool listens only to idle
 * ones). The broken client is not queryable any more and pg-pool discards it on release; the next checkout dials anew,
 * through the breaker, so an outage answers 503 at once instead of every request dialling a dead server.
 */
export function openPostgres(url: string, poolSize = 10, log: DatabaseLog = silentDatabaseLog): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => log.warn({ err }, 'idle database connection lost; it is discarded'));
  const breaker = new ConnectionBreaker(log);
  const watched = new WeakSet<pg.PoolClient>();
  const guardedPool = {
    async connect() {
      const attemptStartedAt = breaker.beforeAttempt();
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        // A wait for a free connection that timed out is load, not an outage: 503 without tripping the breaker.
        const refusedByServer = typeof (error as { code?: unknown }).code === 'string';
        if (isDatabaseUnavailable(error) && refusedByServer) throw breaker.failed(error, attemptStartedAt);
        throw error;
      }
      breaker.succeeded();
      if (!watched.has(client)) {
        watched.add(client);
        // The query in flight gets the same error and answers 503; this only keeps the event from killing the process.
        client.on('error', (err) => log.warn({ err }, 'database connection lost during a request'));
      }
      return client;
    },
    end: () => pool.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool }) });
  postgresPools.set(db, { pool, breaker });
  const shown = new URL(url);
  shown.password = shown.password ? '***' : '';
  return { db, dialect: 'postgres', location: shown.toString(), close: () => db.destroy() };
}

export function openDatabase(
  options: { databaseUrl: string | null; dataDir: string; dbPoolSize?: number },
  log?: DatabaseLog,
): DatabaseHandle {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.dbPoolSize, log)
    : openSqlite(path.join(options.dataDir, 'rectify.sqlite'));
}
