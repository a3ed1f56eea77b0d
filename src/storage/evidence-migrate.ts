import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EvidenceBackend } from './evidence-backend.ts';
import { ChunkDecryptor, EvidenceCryptoError, type EvidenceKey, isEncrypted, MAGIC } from './evidence-crypto.ts';

export interface StoredCheck {
  /** sha256 of the stored bytes themselves (the ciphertext when encrypted): what proves a copy is exact. */
  bytesHash: string;
  /** Why the stored bytes are not the file of this address; null when they are. */
  problem: string | null;
  /** The problem is a key this run was not given: the bytes may be fine, they could not be checked. */
  unverifiable: boolean;
}

/**
 * Reads the stored bytes of an address once and checks them against it: a file in the clear must hash to its address; an
 * encrypted one must authenticate, chunk by chunk, under one of `keys` and be bound to its address. Null when absent.
 */
export async function checkStored(
  backend: EvidenceBackend,
  sha256: string,
  keys: EvidenceKey[],
): Promise<StoredCheck | null> {
  const stream = await backend.read(sha256);
  if (!stream) return null;
  const bytes = createHash('sha256');
  let verifier: ChunkDecryptor | null = null;
  let start: Buffer[] = [];
  let decided = false;
  let problem: string | null = null;
  let unverifiable = false;
  const verify = (run: () => void) => {
    if (problem) return;
    try {
      run();
    } catch (error) {
      unverifiable = error instanceof EvidenceCryptoError && error.reason !== 'tampered';
      problem = unverifiable
        ? `${(error as Error).message}: it cannot be checked without its key`
        : error instanceof Error
          ? error.message
          : String(error);
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes.update(chunk);
    if (decided) {
      if (verifier) verify(() => (verifier as ChunkDecryptor).push(chunk));
      continue;
    }
    start.push(chunk);
    const head = Buffer.concat(start);
    if (head.length < MAGIC.length) continue;
    decided = true;
    start = [];
    if (isEncrypted(head)) {
      verifier = new ChunkDecryptor(keys, Buffer.from(sha256, 'hex'), true);
      verify(() => (verifier as ChunkDecryptor).push(head));
    }
  }
  const bytesHash = bytes.digest('hex');
  if (verifier) verify(() => (verifier as ChunkDecryptor).finish());
  else if (bytesHash !== sha256) problem = `its contents hash to ${bytesHash}, not to its address`;
  return { bytesHash, problem, unverifiable };
}

export type MigrateOutcome = 'copied' | 'present' | 'repaired' | 'failed';

export interface MigrateReport {
  /** Copied and checked. */
  copied: number;
  /** Already in the target whole and checked (a rerun after an interruption skips them). */
  present: number;
  /** In the target but damaged or of the wrong size: copied again and checked. */
  repaired: { sha256: string; reason: string }[];
  /** Still not a good copy after this run: the command exits non-zero. */
  failed: { sha256: string; reason: string }[];
  /** Bytes copied in this run. */
  bytes: number;
}

export interface MigrateOptions {
  /** Keys encrypted files may be under: every encrypted file is authenticated with them after its copy. */
  keys: EvidenceKey[];
  /** Called after each file; a test throws from it to stop the run part-way. */
  afterFile?: (sha256: string, outcome: MigrateOutcome, report: MigrateReport) => void | Promise<void>;
}

/**
 * Copies every stored file from one backend to the other as it is stored (ciphertext stays ciphertext, nothing is
 * decrypted or re-keyed), then reads each copy back and checks it: the same bytes as the source, and the file of its
 * address. A file already in the target with the right size is checked rather than copied, so a run that was stopped
 * picks up where it was, and a damaged copy is found and replaced. The source is left as it is.
 */
export async function migrateStore(
  source: EvidenceBackend,
  target: EvidenceBackend,
  options: MigrateOptions,
): Promise<MigrateReport> {
  const report: MigrateReport = { copied: 0, present: 0, repaired: [], failed: [], bytes: 0 };
  for await (const sha256 of source.list()) {
    const outcome = await migrateOne(source, target, sha256, options.keys, report).catch((error: unknown) => {
      report.failed.push({ sha256, reason: error instanceof Error ? error.message : String(error) });
      return 'failed' as const;
    });
    await options.afterFile?.(sha256, outcome, report);
  }
  return report;
}

async function migrateOne(
  source: EvidenceBackend,
  target: EvidenceBackend,
  sha256: string,
  keys: EvidenceKey[],
  report: MigrateReport,
): Promise<MigrateOutcome> {
  const original = await source.head(sha256);
  if (!original) throw new Error('it left the source during the run');
  const there = await target.head(sha256);
  let damage: string | null = null;
  if (there && there.bytes !== original.bytes)
    damage = `the copy there had ${there.bytes} bytes, not ${original.bytes}`;
  else if (there) {
    const check = await checkStored(target, sha256, keys);
    if (check && !check.problem) {
      report.present += 1;
      return 'present';
    }
    damage = check?.problem ? `the copy there was damaged (${check.problem})` : 'the copy there vanished';
  }
  const stream = await source.read(sha256);
  if (!stream) throw new Error('it left the source during the run');
  const copied = createHash('sha256');
  let bytes = 0;
  const counted = Readable.from(
    (async function* () {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        copied.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
  await target.write(sha256, counted, { replace: there !== null });
  report.bytes += bytes;
  const sourceHash = copied.digest('hex');
  const check = await checkStored(target, sha256, keys);
  if (!check) throw new Error('the copy is not in the target after writing it');
  if (check.bytesHash !== sourceHash) throw new Error('the copy’s bytes differ from the source’s');
  if (check.problem)
    throw new Error(
      check.unverifiable
        ? `${check.problem} (set RECTIFY_EVIDENCE_KEY or RECTIFY_EVIDENCE_KEY_OLD)`
        : `${check.problem} (the source is so too)`,
    );
  if (damage) {
    report.repaired.push({ sha256, reason: damage });
    return 'repaired';
  }
  report.copied += 1;
  return 'copied';
}
