import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { decryptStream, type EvidenceKeyring, encryptStream } from './evidence-crypto.ts';

/** What the preview cache may hold on disk before the least recently viewed files go: a few hundred converted files. */
export const PREVIEW_CACHE_BYTES = 256 * 1024 * 1024;
/** A temporary file of a write that a killed process left behind is removed after this long. */
const STALE_TEMP_MS = 60 * 60 * 1000;

const PDF_HEAD = Buffer.from('%PDF-', 'latin1');

/**
 * Issue 16: files derived from evidence (an Office file's PDF for the preview), kept on disk in the data folder under
 * the evidence file's sha256, so a file is converted once whoever views it and however often, and the cache survives a
 * restart. Bounded: after each write the least recently viewed files (by modification time, which a view touches) go
 * until the folder holds at most `maxBytes`. Two requests for the same file at the same moment share one conversion
 * (single flight, in this process; another process sharing the folder at most converts it once more). With an evidence
 * key set (RECTIFY_EVIDENCE_KEY) the cached files are encrypted as the evidence is, the plaintext's sha256 ahead of the
 * sealed bytes; a file written in the clear before the key was set is converted again rather than served.
 */
export class PreviewCache {
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    readonly dir: string,
    readonly maxBytes: number = PREVIEW_CACHE_BYTES,
    private readonly keyring: EvidenceKeyring | null = null,
  ) {}

  /** The derived file named `key` (an evidence sha256 and what was made of it), made by `make` when not kept yet. */
  get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    if (!/^[0-9a-f]{64}\.[a-z0-9]{1,8}$/.test(key)) throw new Error(`bad preview cache key: ${key}`);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = (async () => {
      const kept = await this.read(key);
      if (kept) return kept;
      const made = await make();
      await this.write(key, made).catch(() => undefined); // a full disk costs the next view a conversion, not this one
      return made;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async read(key: string): Promise<Buffer | null> {
    const file = path.join(this.dir, key);
    let stored: Buffer;
    try {
      stored = await readFile(file);
    } catch {
      return null;
    }
    const clear = stored.subarray(0, PDF_HEAD.length).equals(PDF_HEAD);
    let bytes: Buffer | null = null;
    if (!this.keyring) bytes = clear ? stored : null;
    else if (!clear && stored.length > 32) {
      try {
        const chunks: Buffer[] = [];
        const keys = [this.keyring.current, ...this.keyring.older];
        for await (const c of decryptStream(Readable.from([stored.subarray(32)]), keys, stored.subarray(0, 32)))
          chunks.push(c);
        bytes = Buffer.concat(chunks);
      } catch {
        bytes = null; // under a key no longer held, or damaged: made again
      }
    }
    if (bytes === null) return null;
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return bytes;
  }

  private async write(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    let stored = bytes;
    if (this.keyring) {
      const sha = createHash('sha256').update(bytes).digest();
      const sealed: Buffer[] = [sha];
      for await (const c of encryptStream(Readable.from([bytes]), this.keyring.current, this.keyring.cipher, () => sha))
        sealed.push(c);
      stored = Buffer.concat(sealed);
    }
    const temp = path.join(this.dir, `${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, stored);
      // Viewed now by the same clock a later view stamps with: the file system's own time may differ from the process's
      // (a clock set by hand, a shifted test clock), and the eviction orders by these stamps.
      const now = new Date();
      await utimes(temp, now, now);
      await rename(temp, path.join(this.dir, key));
    } finally {
      await rm(temp, { force: true });
    }
    await this.prune();
  }

  /** Drops the least recently viewed files until the folder is within its bound, and stale temporaries. */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const files: { file: string; size: number; mtime: number }[] = [];
    const now = Date.now();
    for (const name of names) {
      const file = path.join(this.dir, name);
      const s = await stat(file).catch(() => null);
      if (!s?.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (now - s.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
        continue;
      }
      files.push({ file, size: s.size, mtime: s.mtimeMs });
    }
    let total = files.reduce((sum, f) => sum + f.size, 0);
    files.sort((a, b) => a.mtime - b.mtime);
    for (const f of files) {
      if (total <= this.maxBytes) break;
      await rm(f.file, { force: true });
      total -= f.size;
    }
  }
}

const caches = new Map<string, PreviewCache>();

/** The data folder's preview cache: one per folder and evidence key in this process, so single flight holds across requests. */
export function previewCacheFor(dataDir: string, keyring: EvidenceKeyring | null): PreviewCache {
  const dir = path.join(dataDir, 'preview-cache');
  const id = `${dir}\0${keyring?.current.idHex ?? ''}`;
  let cache = caches.get(id);
  if (!cache) {
    cache = new PreviewCache(dir, PREVIEW_CACHE_BYTES, keyring);
    caches.set(id, cache);
  }
  return cache;
}
