import { describe, expect, it } from 'vitest';
import { toErrorResponse } from '../http/error-handler.ts';
import { ConnectionBreaker, DatabaseUnavailableError, isDatabaseUnavailable } from './availability.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('telling the database gone from a query gone wrong', () => {
  it.each([
    ['refused', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', pgError('ECONNRESET')],
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', pgError('57P02')],
    ['starting up', pgError('57P03', 'the database system is starting up')],
    ['connection failure', pgError('08006')],
    ['cannot connect', pgError('08001')],
    ['cut under a query', new Error('Connection terminated unexpectedly')],
    ['closed client', new Error('Client has encountered a connection error and is not queryable')],
    ['the breaker waiting', new DatabaseUnavailableError(3)],
  ])('%s: 503 database_unavailable with Retry-After', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const answer = toErrorResponse(error, 'en');
    expect(answer?.status).toBe(503);
    expect(answer?.body.error.code).toBe('database_unavailable');
    expect(Number(answer?.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['unique violation', pgError('23505')],
    ['syntax', pgError('42601')],
    ['disk full', pgError('53100')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('%s: not the database going away', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('answers a full disk 507 storage_full, whether SQLite, PostgreSQL or the file system says so', () => {
    for (const code of ['SQLITE_FULL', '53100', 'ENOSPC', 'EDQUOT']) {
      expect(toErrorResponse(pgError(code), 'zh')?.status, code).toBe(507);
    }
  });
});

describe('the connection breaker', () => {
  it('backs off doubling while the server refuses, lets attempts through after each wait, and closes on success', () => {
    let now = 0;
    const log: string[] = [];
    const breaker = new ConnectionBreaker(
      { warn: (_d, m) => log.push(`warn ${m}`), info: (_d, m) => log.push(`info ${m}`) },
      { initialDelayMs: 250, maxDelayMs: 1000, now: () => now },
    );
    const refused = pgError('ECONNREFUSED');
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = breaker.beforeAttempt();
      breaker.failed(refused, started);
      let waited = 0;
      while (
        (() => {
          try {
            breaker.beforeAttempt();
            return false;
          } catch (error) {
            expect(error).toBeInstanceOf(DatabaseUnavailableError);
            return true;
          }
        })()
      ) {
        now += 50;
        waited += 50;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([250, 500, 1000, 1000, 1000]);
    expect(breaker.isDown).toBe(true);
    breaker.succeeded();
    expect(breaker.isDown).toBe(false);
    expect(() => breaker.beforeAttempt()).not.toThrow();
    expect(log).toEqual(['warn database unavailable; requests answer 503 until it is back', 'info database is back']);
  });

  it('ignores a failure of an attempt that started before the server came back', () => {
    let now = 0;
    const breaker = new ConnectionBreaker({ warn: () => {}, info: () => {} }, { now: () => now });
    const early = breaker.beforeAttempt();
    now += 10;
    breaker.succeeded();
    breaker.failed(pgError('57P03'), early);
    expect(breaker.isDown).toBe(false);
    expect(() => breaker.beforeAttempt()).not.toThrow();
  });
});
