import path from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { EvidenceBackend } from '../storage/evidence-backend.ts';
import { evidenceBackendFor } from '../storage/evidence-store.ts';

/**
 * The only place the backup touches the evidence store: stored bytes exactly as kept (ciphertext stays ciphertext, so
 * the evidence key never enters a backup), addressed by the plaintext's SHA-256, through the store's backend (the data
 * folder or the S3 bucket, src/storage/evidence-backend.ts).
 */
export interface EvidenceFiles {
  /** Where the files live, for messages. */
  readonly location: string;
  /** Every stored address with the stored size in bytes. */
  list(): AsyncGenerator<{ sha256: string; size: number }>;
  /** The stored bytes of one address. */
  read(sha256: string): Readable;
  /** Stores bytes under an address as they are, atomically (a crash leaves no partial file under the name). */
  write(sha256: string, bytes: AsyncIterable<Buffer>): Promise<void>;
}

export function evidenceFilesFor(config: Config): EvidenceFiles {
  // The backend is made on first use: the S3 client loads only when a backup touches evidence.
  let backend: Promise<EvidenceBackend> | null = null;
  const store = () => {
    backend ??= evidenceBackendFor(config);
    return backend;
  };
  return {
    location:
      config.storage === 's3' && config.s3
        ? `s3 bucket ${config.s3.bucket} at ${config.s3.endpoint}`
        : path.join(config.dataDir, 'evidence'),
    async *list() {
      const files = await store();
      for await (const sha256 of files.list()) {
        const found = await files.head(sha256);
        if (found) yield { sha256, size: found.bytes };
      }
    },
    read: (sha256) =>
      Readable.from(
        (async function* () {
          const body = await (await store()).read(sha256);
          if (!body) throw new Error(`evidence ${sha256} vanished from the store during the backup`);
          yield* body;
        })(),
        { objectMode: false },
      ),
    async write(sha256, bytes) {
      // Replacing: a file already under the address may be the damaged copy a restore is meant to mend.
      await (await store()).write(sha256, Readable.from(bytes, { objectMode: false }), { replace: true });
    },
  };
}
