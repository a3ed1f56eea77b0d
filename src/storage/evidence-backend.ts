import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CLOCK_MARKER, folderNow } from './folder-clock.ts';

/** Bytes `start` to `end`, both included (as in an HTTP Range header and fs.createReadStream). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Bytes written under a temporary name whose address is not known yet (an upload is hashed while it streams in): commit
 * puts them under their address, discard drops them.
 */
export interface StagedBytes {
  bytes: number;
  /** Without `replace` an address already stored is kept (same content, same address) and the staged bytes dropped. */
  commit(sha256: string, options?: { replace?: boolean }): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Where the stored bytes of evidence live, by content address (the sha256 of the plaintext): a local folder or an
 * S3-compatible bucket. It knows nothing of encryption or file types; the bytes are what is stored (ciphertext when the
 * evidence is encrypted). EvidenceStore adds hashing, type checks and encryption on top; `rectify storage migrate` and the
 * backup read and write through it as well.
 */
export interface EvidenceBackend {
  readonly kind: 'local' | 's3';
  /** Where the bytes are, for messages: the folder, or the endpoint and bucket. */
  describe(): string;
  /** Every stored address (temporary names skipped). */
  list(): AsyncIterable<string>;
  head(sha256: string): Promise<{ bytes: number } | null>;
  /** The stored bytes, or a range of them (the header peek without fetching the whole object); null when absent. */
  read(sha256: string, range?: ByteRange): Promise<Readable | null>;
  /** Stores bytes whose address is known; idempotent: an address already stored is kept unless `replace`. */
  write(sha256: string, body: Readable, options?: { replace?: boolean }): Promise<void>;
  /** Streams bytes whose address is not known yet to a temporary name; `tag` names the purpose ('upload', 'rekey'). */
  stage(body: Readable, tag?: string): Promise<StagedBytes>;
  remove(sha256: string): Promise<void>;
  /** Throws when the store cannot be reached or used (the start and the readiness check call it). */
  ping(): Promise<void>;
  /** Removes temporaries a killed process left behind, of one purpose or all, older than a given age. */
  removeTemporaries(options?: { tag?: string; olderThanMs?: number }): Promise<number>;
}

export const SHA256_NAME = /^[0-9a-f]{64}$/;
export const TEMP_FOLDER = 'tmp';
export { CLOCK_MARKER } from './folder-clock.ts';

export function temporaryName(tag: string): string {
  return `${randomBytes(12).toString('hex')}.${tag}`;
}

async function syncPath(target: string) {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/**
 * The embedded default: files under RECTIFY_DATA_DIR/evidence/<aa>/<bb>/<sha256>, uploads in progress under tmp/ beside
 * them (same filesystem, so putting one in place is an atomic rename).
 */
export class LocalEvidenceBackend implements EvidenceBackend {
  readonly kind = 'local' as const;

  constructor(readonly root: string) {}

  describe(): string {
    return `local folder ${this.root}`;
  }

  /** The one place a stored file's path is known. */
  pathOf(sha256: string): string {
    if (!SHA256_NAME.test(sha256)) throw new Error(`not a content address: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async *list(): AsyncGenerator<string> {
    const entries = async (dir: string) =>
      (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const a of await entries(this.root)) {
      if (!a.isDirectory() || !/^[0-9a-f]{2}$/.test(a.name)) continue;
      for (const b of await entries(path.join(this.root, a.name))) {
        if (!b.isDirectory() || !/^[0-9a-f]{2}$/.test(b.name)) continue;
        for (const f of await entries(path.join(this.root, a.name, b.name))) {
          if (f.isFile() && SHA256_NAME.test(f.name) && f.name.startsWith(a.name + b.name)) yield f.name;
        }
      }
    }
  }

  async head(sha256: string): Promise<{ bytes: number } | null> {
    const found = await stat(this.pathOf(sha256)).catch(() => null);
    return found?.isFile() ? { bytes: found.size } : null;
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    const file = this.pathOf(sha256);
    // Opened before returning, so a file that vanished answers null rather than a stream that errors later.
    const handle = await open(file, 'r').catch(() => null);
    if (!handle) return null;
    return createReadStream('', { fd: handle, autoClose: true, ...(range ?? {}) });
  }

  async write(sha256: string, body: Readable, { replace = false } = {}): Promise<void> {
    if (!replace && (await this.head(sha256))) {
      body.destroy();
      return;
    }
    const staged = await this.stage(body, 'write');
    await staged.commit(sha256, { replace });
  }

  async stage(body: Readable, tag = 'upload'): Promise<StagedBytes> {
    const dir = path.join(this.root, TEMP_FOLDER);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, temporaryName(tag));
    try {
      await pipeline(body, createWriteStream(tmp));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const { size } = await stat(tmp);
    return {
      bytes: size,
      commit: async (sha256, { replace = false } = {}) => {
        const target = this.pathOf(sha256);
        await mkdir(path.dirname(target), { recursive: true });
        if (!replace && existsSync(target)) {
          await rm(tmp, { force: true });
          return;
        }
        // Replacing a good file (a rekey): the new bytes reach the disk before the rename, so a crash leaves one whole.
        if (replace) await syncPath(tmp);
        await rename(tmp, target);
        if (replace) await syncPath(path.dirname(target));
      },
      discard: () => rm(tmp, { force: true }),
    };
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, 2 /* W_OK */);
  }

  async removeTemporaries({ tag, olderThanMs = 0 }: { tag?: string; olderThanMs?: number } = {}): Promise<number> {
    const dir = path.join(this.root, TEMP_FOLDER);
    let removed = 0;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name !== CLOCK_MARKER);
    if (names.length === 0) return 0;
    const now = await folderNow(dir);
    for (const name of names) {
      if (tag && !name.endsWith(`.${tag}`)) continue;
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (!info || now - info.mtimeMs < olderThanMs) continue;
      await rm(file, { force: true });
      removed += 1;
    }
    return removed;
  }
}
