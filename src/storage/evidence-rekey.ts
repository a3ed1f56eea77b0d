import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { decryptStream, type EvidenceCipher, type EvidenceKey, encryptStream } from './evidence-crypto.ts';
import type { EvidenceStore } from './evidence-store.ts';

/**
 * The steps of turning one file over, named so a test can stop the work between them: the new form is written under a
 * temporary name ('staged'), then put in place of the old one ('committed').
 */
export type RekeyStep = 'staged' | 'committed';

export interface RekeyOptions {
  /** The key every file ends under. */
  target: EvidenceKey;
  cipher: EvidenceCipher;
  /** Keys files may be under now (the previous key of a rotation); plaintext files need none. */
  oldKeys: EvidenceKey[];
  /** Called after each step; a test throws from it to play a crash at that point. */
  afterStep?: (step: RekeyStep, sha256: string) => void | Promise<void>;
}

export interface RekeyReport {
  /** Files that were in the clear and are now encrypted. */
  encrypted: number;
  /** Files that were under another key (or cipher) and are now under the target. */
  reencrypted: number;
  /** Files already under the target key and cipher, left as they are (a rerun after an interruption skips them). */
  current: number;
  failed: { sha256: string; reason: string }[];
}

/** What the temporaries of a rekey are tagged with in the backend, so a rerun removes its own leftovers and no uploads. */
export const REKEY_TAG = 'rekey';

/** The run was stopped from the afterStep hook: it ends at once, leaving the store as a crash at that point would. */
class RekeyStopped extends Error {
  constructor(readonly cause: unknown) {
    super('stopped');
  }
}

/** The plaintext of a file in the clear, checked against its address as it streams: a wrong one is never encrypted. */
async function* checkedPlaintext(source: AsyncIterable<Buffer>, sha256: string): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) throw new Error(`its contents hash to ${actual}, not to its name`);
}

/**
 * Rewrites one file under the target key, atomically: the new form is staged under a temporary name, then put in place
 * of the old one (a flushed rename on the local folder, a copy over the old object in a bucket), so a crash at any moment
 * leaves the old file or the new one, whole.
 */
async function rekeyFile(store: EvidenceStore, sha256: string, from: 'plain' | 'encrypted', options: RekeyOptions) {
  const source = await store.backend.read(sha256);
  if (!source) throw new Error('the file is no longer in the store');
  const address = Buffer.from(sha256, 'hex');
  const stored = source as AsyncIterable<Buffer>;
  const plaintext =
    from === 'plain'
      ? checkedPlaintext(stored, sha256)
      : decryptStream(stored, [options.target, ...options.oldKeys], address);
  const step = async (name: RekeyStep) => {
    try {
      await options.afterStep?.(name, sha256);
    } catch (error) {
      throw new RekeyStopped(error);
    }
  };
  const staged = await store.backend.stage(
    Readable.from(
      encryptStream(plaintext, options.target, options.cipher, () => address),
      { objectMode: false },
    ),
    REKEY_TAG,
  );
  await step('staged');
  await staged.commit(sha256, { replace: true });
  await step('committed');
}

/**
 * Brings every stored file under the target key: files in the clear are encrypted, files under an old key re-encrypted,
 * files already under the target skipped, so a run that was stopped picks up where it was. A file that cannot be read
 * (unknown key, tampered, contents not matching its name) is reported and left as it is.
 */
export async function rekeyStore(store: EvidenceStore, options: RekeyOptions): Promise<RekeyReport> {
  const report: RekeyReport = { encrypted: 0, reencrypted: 0, current: 0, failed: [] };
  // Temporaries a killed run left behind; the files they were replacing are intact.
  await store.backend.removeTemporaries({ tag: REKEY_TAG });
  const targetId = options.target.idHex;
  const readable = new Set([targetId, ...options.oldKeys.map((k) => k.idHex)]);
  for await (const sha256 of store.addresses()) {
    try {
      const form = await store.form(sha256);
      if (form.encrypted && form.keyId === targetId && form.cipher === options.cipher) {
        report.current += 1;
        continue;
      }
      if (form.encrypted && !readable.has(form.keyId)) {
        report.failed.push({ sha256, reason: `encrypted with key ${form.keyId}, which was not given` });
        continue;
      }
      await rekeyFile(store, sha256, form.encrypted ? 'encrypted' : 'plain', options);
      if (form.encrypted) report.reencrypted += 1;
      else report.encrypted += 1;
    } catch (error) {
      if (error instanceof RekeyStopped) throw error.cause;
      report.failed.push({ sha256, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
