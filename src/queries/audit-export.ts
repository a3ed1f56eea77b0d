import type { Db } from '../db/database.ts';
import { auditEventsFromSeq, checkpointOfHead } from '../repositories/audit.repository.ts';

export type AuditExportFormat = 'jsonl' | 'csv';

const COLUMNS = [
  'type',
  'seq',
  'id',
  'at',
  'actor_id',
  'action',
  'entity',
  'entity_id',
  'before_json',
  'after_json',
  'source_address',
  'user_agent',
  'outcome',
  'via',
  'scheme',
  'prev_hash',
  'hash',
  'legacy_through',
  'algorithm',
  'mac',
] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula when the file is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(record: Partial<Record<(typeof COLUMNS)[number], unknown>>): string {
  return `${COLUMNS.map((c) => csvCell(record[c])).join(',')}\r\n`;
}

/**
 * The whole trail for keeping off-site: first a checkpoint of the head signed under the chain's key, then every event
 * up to it in chain order with its number, hashes and every chained field, so a copy can be re-verified on its own
 * (with the key) long after the database is gone. Events written while the export runs are left for the next one.
 * `throughSeq` ends it earlier: the archive of what has passed the retention period.
 */
export async function* auditExportLines(
  db: Db,
  format: AuditExportFormat,
  now: Date,
  { throughSeq }: { throughSeq?: number } = {},
): AsyncGenerator<string> {
  const checkpoint = await checkpointOfHead(db, now, throughSeq);
  if (format === 'csv') {
    yield `\uFEFF${COLUMNS.join(',')}\r\n`;
    yield csvLine({
      type: 'checkpoint',
      seq: checkpoint.seq,
      at: checkpoint.at,
      hash: checkpoint.hash,
      legacy_through: checkpoint.legacyThrough,
      algorithm: checkpoint.algorithm,
      mac: checkpoint.mac,
    });
  } else {
    yield `${JSON.stringify({ type: 'checkpoint', ...checkpoint })}\n`;
  }
  let next = 1;
  while (next <= checkpoint.seq) {
    const rows = await auditEventsFromSeq(db, next, 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq === null || r.seq > checkpoint.seq) return;
      const event = {
        type: 'event',
        seq: r.seq,
        id: r.id,
        at: r.at,
        actor_id: r.actor_id,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        before_json: r.before_json,
        after_json: r.after_json,
        source_address: r.source_address,
        user_agent: r.user_agent,
        outcome: r.outcome,
        via: r.via,
        scheme: r.scheme,
        prev_hash: r.prev_hash,
        hash: r.hash,
      };
      yield format === 'csv' ? csvLine(event) : `${JSON.stringify(event)}\n`;
      next = r.seq + 1;
    }
  }
}
