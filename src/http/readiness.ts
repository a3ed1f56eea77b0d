import { statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import { pingDatabase } from '../repositories/system.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';

/**
 * One thing the server needs to answer requests. `check` resolves when it is there and throws (anything) when not;
 * it must be cheap, because load balancers poll readiness every few seconds. Other parts add theirs to
 * `app.services.readiness` (the evidence store's ping, say).
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** A check that has not answered in this time counts as failed: a hung dependency is not a ready one. */
export const READINESS_TIMEOUT_MS = 2000;

/** Free space below this (or below 2 % of a small disk) is a full disk: the next upload or sign-in would fail. */
export const DISK_FREE_MIN_BYTES = 64 * 1024 * 1024;

export class NotReadyError extends Error {
  override name = 'NotReadyError';
}

export function databaseCheck(db: Db): ReadinessCheck {
  return { name: 'database', check: () => pingDatabase(db) };
}

/** The data folder's file system, or its nearest existing parent before the first start creates it. */
async function statfsNearest(dir: string) {
  let current = path.resolve(dir);
  for (;;) {
    try {
      return await statfs(current);
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}

export async function freeBytes(dir: string): Promise<{ free: number; total: number }> {
  const stats = await statfsNearest(dir);
  return { free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
}

export function diskCheck(dataDir: string): ReadinessCheck {
  return {
    name: 'disk',
    async check() {
      const { free, total } = await freeBytes(dataDir);
      const minimum = Math.min(DISK_FREE_MIN_BYTES, total * 0.02);
      if (free < minimum) throw new NotReadyError(`only ${Math.floor(free / 1024)} KiB free in the data folder`);
    },
  };
}

/**
 * The evidence store answers (the bucket, or the folder): the store's own words, which name hosts and paths, go to the
 * log through the failure, never to this public route.
 */
export function storeCheck(store: EvidenceStore): ReadinessCheck {
  return {
    name: 'store',
    async check() {
      try {
        await store.backend.ping();
      } catch {
        throw new NotReadyError(`the ${store.backend.kind} evidence store does not answer`);
      }
    },
  };
}

export type CheckOutcome = { status: 'ok' } | { status: 'failed'; reason: string };

function withTimeout(check: ReadinessCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new NotReadyError(`no answer in ${READINESS_TIMEOUT_MS} ms`)),
      READINESS_TIMEOUT_MS,
    );
  });
  return Promise.race([check.check(), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every check at once. A failed check's reason is a short fixed phrase (a NotReadyError's own words, or the
 * error's code): the route is public, so no host name, path or driver message reaches it.
 */
export async function runReadiness(checks: readonly ReadinessCheck[]) {
  const outcomes = await Promise.all(
    checks.map(async (c): Promise<[string, CheckOutcome]> => {
      try {
        await withTimeout(c);
        return [c.name, { status: 'ok' }];
      } catch (error) {
        const reason =
          error instanceof NotReadyError
            ? error.message
            : typeof (error as { code?: unknown })?.code === 'string'
              ? `unavailable (${(error as { code: string }).code})`
              : 'unavailable';
        return [c.name, { status: 'failed', reason }];
      }
    }),
  );
  const checksByName = Object.fromEntries(outcomes);
  const failed = outcomes.filter(([, o]) => o.status === 'failed').map(([name]) => name);
  return { ready: failed.length === 0, checks: checksByName, failed };
}
