import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { decryptStream, type EvidenceCipher, type EvidenceKey, encryptStream } from './evidence-crypto.ts';
import type { EvidenceStore } from './evidence-store.ts';

/** The steps of turning one file over, named so a test can stop the work between any two of them. */
export type RekeyStep = 'written' | 'synced' | 'renamed';

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

const TEMP_SUFFIX = '.rekey';

/** The run was stopped from the afterStep hook: it ends at once, leaving the disk as a crash at that point would. */
class RekeyStopped extends Error {
  constructor(readonly cause: unknown) {
    super('stopped');
  }
}

/** The plaintext of a file in the clear, checked against its address as it streams: a wrong one is never encrypted. */
async function* checkedPlaintext(file: string, sha256: string): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) throw new Error(`its contents hash to ${actual}, not to its name`);
}

async function syncDirectory(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/**
 * Rewrites one file under the target key, atomically: the new form is written to a temporary file in the same folder,
 * flushed to disk, then renamed over the old one, so a crash at any moment leaves the old file or the new one, whole.
 */
async function rekeyFile(store: EvidenceStore, sha256: string, from: 'plain' | 'encrypted', options: RekeyOptions) {
  const file = store.pathOf(sha256);
  const tmp = path.join(path.dirname(file), `.${sha256}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const address = Buffer.from(sha256, 'hex');
  const plaintext =
    from === 'plain'
      ? checkedPlaintext(file, sha256)
      : decryptStream(createReadStream(file) as AsyncIterable<Buffer>, [options.target, ...options.oldKeys], address);
  const step = async (name: RekeyStep) => {
    try {
      await options.afterStep?.(name, sha256);
    } catch (error) {
      throw new RekeyStopped(error);
    }
  };
  const handle = await open(tmp, 'wx');
  try {
    for await (const piece of encryptStream(plaintext, options.target, options.cipher, () => address))
      await handle.write(piece);
    await step('written');
    await handle.sync();
    await handle.close();
    await step('synced');
  } catch (error) {
    await handle.close().catch(() => {});
    if (!(error instanceof RekeyStopped)) await rm(tmp, { force: true });
    throw error;
  }
  await rename(tmp, file);
  await syncDirectory(path.dirname(file));
  await step('renamed');
}

/** Temporary files a killed run left behind; the files they were replacing are intact. */
async function removeLeftovers(store: EvidenceStore) {
  for (const a of await readdir(store.root).catch(() => [])) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of await readdir(path.join(store.root, a)).catch(() => [])) {
      const dir = path.join(store.root, a, b);
      for (const name of await readdir(dir).catch(() => []))
        if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) await rm(path.join(dir, name), { force: true });
    }
  }
}

/**
 * Brings every stored file under the target key: files in the clear are encrypted, files under an old key re-encrypted,
 * files already under the target skipped, so a run that was stopped picks up where it was. A file that cannot be read
 * (unknown key, tampered, contents not matching its name) is reported and left as it is.
 */
export async function rekeyStore(store: EvidenceStore, options: RekeyOptions): Promise<RekeyReport> {
  const report: RekeyReport = { encrypted: 0, reencrypted: 0, current: 0, failed: [] };
  await removeLeftovers(store);
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
