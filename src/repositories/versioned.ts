import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

type VersionedTable = {
  [K in keyof Database]: Database[K] extends { version: unknown; id: unknown } ? K : never;
}[keyof Database];

/**
 * Optimistic concurrency for every editable record: the write names the version it read and is refused
 * with 409 when someone saved in between, so a stale edit is never silently lost.
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: Db,
  table: T,
  id: number,
  expectedVersion: number,
  patch: Record<string, unknown>,
): Promise<void> {
  const hasUpdatedAt = table !== 'aspects' && table !== 'outcomes' && table !== 'work_log';
  const values = {
    ...patch,
    version: expectedVersion + 1,
    ...(hasUpdatedAt ? { updated_at: new Date().toISOString() } : {}),
  };
  // biome-ignore lint/suspicious/noExplicitAny: the table is generic; the columns were validated by the caller's schema
  const result = await (trx as any)
    .updateTable(table)
    .set(values)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const current = await (trx as any).selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
  if (!current) throw AppError.notFound(table, id);
  throw AppError.conflict(
    'stale_version',
    `记录已被他人修改（当前版本 ${current.version}，您提交的是 ${expectedVersion}），请刷新后重试 / the record was changed by someone else; reload and try again`,
    { currentVersion: current.version, yourVersion: expectedVersion },
  );
}
