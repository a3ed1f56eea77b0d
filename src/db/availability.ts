/**
 * The PostgreSQL server going away (a restart, a failover, a network cut) and coming back, as the app sees it: which
 * errors mean "the database is unreachable" (answered 503 database_unavailable with Retry-After, never 500), and a
 * breaker that stops every request from dialling a server that just refused, backing off until it answers again.
 */

/** What the database layer reports to the operator's log; the server passes its logger, tests a recorder. */
export interface DatabaseLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export const silentDatabaseLog: DatabaseLog = { warn: () => {}, info: () => {} };

/** Thrown instead of dialling while the breaker waits: the database refused a moment ago. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(
    readonly retryAfterSeconds: number,
    readonly cause?: unknown,
  ) {
    super(`the database is unavailable; retry in ${retryAfterSeconds} s`);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, recovering).
const SERVER_GOING_CODES = new Set(['57P01', '57P02', '57P03']);

/**
 * True for the errors of a server that cannot be reached or is going away, as opposed to a query's own failure:
 * sockets refused or cut, SQLSTATE class 08 (connection exception), 57P01–03, and node-postgres's own words for a
 * connection closed under it ("Connection terminated", "Client has encountered a connection error").
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_GOING_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof message === 'string') {
    return /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i.test(
      message,
    );
  }
  return false;
}

/** Seconds a client should wait before asking again, for an error isDatabaseUnavailable accepted. */
export function retryAfterSeconds(error: unknown): number {
  return error instanceof DatabaseUnavailableError ? error.retryAfterSeconds : DEFAULT_RETRY_AFTER_SECONDS;
}

/** A restart of PostgreSQL takes a few seconds; a client told to come back sooner only finds it still gone. */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

export interface BreakerOptions {
  /** The first wait after a refused connection, doubled on each further refusal up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * Closed (dial freely) until a connection attempt fails for want of a server; then open for a delay that doubles with
 * each failed attempt (250 ms … 8 s), during which attempts fail at once without dialling. When the delay has passed
 * the next attempts dial again; the first success closes it. Logs the server going away once and coming back once.
 */
export class ConnectionBreaker {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private delayMs = 0;
  private openUntil = 0;
  private downSince: number | null = null;
  private failedAttempts = 0;
  private lastSuccessAt = 0;

  constructor(
    private readonly log: DatabaseLog,
    options: BreakerOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.now = options.now ?? Date.now;
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /**
   * Throws DatabaseUnavailableError while the breaker waits; otherwise the caller may dial, and hands the returned
   * start time to failed().
   */
  beforeAttempt(): number {
    const now = this.now();
    const wait = this.openUntil - now;
    if (wait > 0) throw new DatabaseUnavailableError(Math.max(1, Math.ceil(wait / 1000)));
    return now;
  }

  failed(error: unknown, attemptStartedAt: number): DatabaseUnavailableError {
    const now = this.now();
    // Under parallel load, an attempt dialled while the server was still starting can fail after another has already
    // got through: the server is back, and that stale failure must not declare it gone again.
    if (attemptStartedAt < this.lastSuccessAt) return new DatabaseUnavailableError(DEFAULT_RETRY_AFTER_SECONDS, error);
    this.failedAttempts++;
    this.delayMs = this.delayMs === 0 ? this.initialDelayMs : Math.min(this.maxDelayMs, this.delayMs * 2);
    this.openUntil = now + this.delayMs;
    if (this.downSince === null) {
      this.downSince = now;
      this.log.warn({ err: error }, 'database unavailable; requests answer 503 until it is back');
    }
    return new DatabaseUnavailableError(Math.max(DEFAULT_RETRY_AFTER_SECONDS, Math.ceil(this.delayMs / 1000)), error);
  }

  succeeded(): void {
    this.lastSuccessAt = this.now();
    if (this.downSince !== null) {
      this.log.info(
        { downForMs: this.now() - this.downSince, failedAttempts: this.failedAttempts },
        'database is back',
      );
    }
    this.downSince = null;
    this.delayMs = 0;
    this.openUntil = 0;
    this.failedAttempts = 0;
  }
}
