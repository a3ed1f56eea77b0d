import { randomBytes } from 'node:crypto';
import { appendFileSync, createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config.ts';
import type { Checkpoint } from '../domain/audit-chain.ts';
import type { StoredAuditEvent } from '../repositories/audit.repository.ts';

export const AUDIT_KEY_FILE = 'audit.key';
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/**
 * The audit chain's key: RECTIFY_AUDIT_KEY when set, otherwise the key file under the data folder, generated once
 * (32 random bytes, hex, mode 0600). Either way it never enters the database, so a database dump or a writable
 * database account is not enough to re-chain the trail.
 */
export function resolveAuditKey(
  config: Pick<Config, 'auditKey' | 'dataDir'>,
  { create = true }: { create?: boolean } = {},
): Buffer {
  if (config.auditKey) return config.auditKey;
  const file = path.join(config.dataDir, AUDIT_KEY_FILE);
  if (create) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      // 'wx' fails when the file exists, so two processes starting together cannot each write their own key.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length < 32) throw new Error(`${file} does not hold a key of 32 bytes or more (hex)`);
  return key;
}

export function defaultCheckpointFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, AUDIT_CHECKPOINT_FILE);
}

/** Appends one checkpoint as a line; the log is only ever appended to. */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
}

/** Every checkpoint of a log; a missing log is an empty one. A line that is not JSON is returned as null (tampering). */
export function readCheckpoints(file: string): (Checkpoint | null)[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Checkpoint;
      } catch {
        return null;
      }
    });
}

/**
 * An export written by `rectify audit export` or the API in JSON Lines: its leading checkpoint and its events, read a
 * line at a time so a long trail is never held whole. A line that is not JSON ends the events (and so breaks the check).
 */
export async function readAuditExport(
  file: string,
): Promise<{ checkpoint: Checkpoint | null; events: AsyncIterable<StoredAuditEvent> }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let checkpoint: Checkpoint | null = null;
  try {
    const parsed = first.done ? null : JSON.parse(first.value);
    if (parsed?.type === 'checkpoint') {
      const { type: _type, ...rest } = parsed;
      checkpoint = rest as Checkpoint;
    }
  } catch {
    checkpoint = null;
  }
  async function* events(): AsyncGenerator<StoredAuditEvent> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      if (next.value.trim() === '') continue;
      let parsed: (StoredAuditEvent & { type?: string }) | null = null;
      try {
        parsed = JSON.parse(next.value);
      } catch {
        parsed = null;
      }
      if (parsed?.type !== 'event') {
        lines.close();
        return;
      }
      yield parsed;
    }
  }
  return { checkpoint, events: events() };
}
