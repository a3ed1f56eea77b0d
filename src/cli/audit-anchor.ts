import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Checkpoint } from '../domain/audit-chain.ts';
import { auditHead, checkpointOfHead } from '../repositories/audit.repository.ts';
import { appendCheckpoint, defaultCheckpointFile, readCheckpoints } from '../storage/audit-files.ts';

/** Writes a signed checkpoint of the chain's head to the log under the data folder (or to `file`); returns it. */
export async function anchorAuditHead(db: Db, config: Config, now: Date, file?: string): Promise<Checkpoint> {
  const checkpoint = await checkpointOfHead(db, now);
  appendCheckpoint(file ?? defaultCheckpointFile(config), checkpoint);
  return checkpoint;
}

/**
 * On the first start after the upgrade to the keyed chain, the events chained without a key are pinned by a
 * checkpoint before anything else runs: verification trusts unkeyed events only as far as a checkpoint says they went.
 */
export async function anchorUnkeyedEvents(db: Db, config: Config, now: Date): Promise<void> {
  const head = await auditHead(db);
  if (head.legacyThrough === 0) return;
  if (readCheckpoints(defaultCheckpointFile(config)).length > 0) return;
  await anchorAuditHead(db, config, now);
}

/**
 * The server checkpoints its own head every `everyMs` when the trail has grown, so cutting the tail is seen even if
 * nobody runs `rectify audit anchor`; copying the checkpoint log off the machine is what makes it proof against its
 * administrator too (docs/security-audit.md).
 */
export function startAutoAnchor(
  db: Db,
  config: Config,
  onError: (error: unknown) => void,
  everyMs = 60 * 60 * 1000,
): () => void {
  const tick = async () => {
    const head = await auditHead(db);
    const last = readCheckpoints(defaultCheckpointFile(config)).reduce(
      (max, c) => (c && typeof c.seq === 'number' && c.seq > max ? c.seq : max),
      0,
    );
    if (head.seq > last) await anchorAuditHead(db, config, new Date());
  };
  const timer = setInterval(() => void tick().catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
