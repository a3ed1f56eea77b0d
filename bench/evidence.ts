/**
 * node --import tsx bench/evidence.ts — evidence encryption at rest: what it costs an upload and a download.
 *
 * One 50 MB upload (the default RECTIFY_MAX_UPLOAD_MB) goes through the evidence store's save() and back out through
 * open(), in the clear (the baseline, same run) and under each cipher. Each figure is the best of three runs, in MB/s of
 * plaintext; the ratio is encrypted time over plain time. open() of an encrypted file reads it twice (it authenticates the
 * whole file before handing out the first byte, then decrypts while streaming), so its ratio includes that second read.
 * Peak RSS growth is over the whole run of a store, sampled every 5 ms.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { type EvidenceCipher, EvidenceKey, sm4Available } from '../src/storage/evidence-crypto.ts';
import { EvidenceStore } from '../src/storage/evidence-store.ts';

const MB = 1024 * 1024;
const SIZE = 50 * MB;
const RUNS = 3;
const key = new EvidenceKey(randomBytes(32));

// Random bytes, as a scan or a compressed PDF is: nothing for the disk or the cipher to take a shortcut on.
const body = randomBytes(4 * MB);
function* upload(n: number) {
  const head = Buffer.from(`%PDF-1.7 ${n}\n`);
  yield head;
  for (let sent = head.length; sent < SIZE; sent += 64 * 1024) {
    const at = sent % (body.length - 64 * 1024);
    yield body.subarray(at, at + Math.min(64 * 1024, SIZE - sent));
  }
}

async function measure(cipher: EvidenceCipher | 'plain') {
  const root = mkdtempSync(path.join(tmpdir(), 'rectify-bench-evidence-'));
  const store = new EvidenceStore(root, cipher === 'plain' ? null : { current: key, cipher, older: [] });
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let save = Number.POSITIVE_INFINITY;
  let open = Number.POSITIVE_INFINITY;
  try {
    for (let run = 0; run < RUNS; run += 1) {
      let t = performance.now();
      const { sha256 } = await store.save('bench.pdf', Readable.from(upload(run)), SIZE + MB);
      save = Math.min(save, performance.now() - t);
      t = performance.now();
      let bytes = 0;
      for await (const part of await store.open(sha256)) bytes += (part as Buffer).length;
      open = Math.min(open, performance.now() - t);
      if (bytes !== SIZE) throw new Error(`read ${bytes} of ${SIZE} bytes`);
    }
  } finally {
    clearInterval(timer);
    rmSync(root, { recursive: true, force: true });
  }
  return { save, open, rssMb: (peak - base) / MB };
}

const rate = (ms: number) => (SIZE / MB / (ms / 1000)).toFixed(0);
const plain = await measure('plain');
const rows: [string, typeof plain][] = [['plain', plain]];
for (const cipher of (sm4Available() ? ['sm4', 'aes-256-gcm'] : ['aes-256-gcm']) as EvidenceCipher[])
  rows.push([cipher, await measure(cipher)]);

console.log(
  `evidence store, ${SIZE / MB} MB file, best of ${RUNS} (node ${process.version}, OpenSSL ${process.versions.openssl})`,
);
console.log('cipher        save MB/s  ×plain   open MB/s  ×plain   peak RSS growth');
for (const [name, r] of rows)
  console.log(
    `${name.padEnd(13)} ${rate(r.save).padStart(9)}  ${(r.save / plain.save).toFixed(2).padStart(6)}   ${rate(r.open).padStart(9)}  ${(r.open / plain.open).toFixed(2).padStart(6)}   ${r.rssMb.toFixed(0)} MB`,
  );
