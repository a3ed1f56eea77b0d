import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../config.ts';
import {
  type ByteRange,
  CLOCK_MARKER,
  type EvidenceBackend,
  SHA256_NAME,
  type StagedBytes,
  TEMP_FOLDER,
  temporaryName,
} from './evidence-backend.ts';

/** The smallest part S3 accepts (5 MiB): each upload in flight holds at most PART_QUEUE parts in memory. */
export const PART_BYTES = 5 * 1024 * 1024;
const PART_QUEUE = 2;

/** The store answered, but not as a usable store: a missing bucket, refused credentials, an unreachable endpoint. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  return (
    statusOf(error) === 404 || (error instanceof S3ServiceException && ['NotFound', 'NoSuchKey'].includes(error.name))
  );
}

/**
 * The AWS SDK warns once per process on Node 20 that its releases after January 2027 need Node 22 (a
 * NodeVersionSupportWarning on stderr, in the middle of CLI output). That warning alone is dropped, and only while a
 * client is built, which is when the SDK emits it; every other warning passes.
 */
function withoutNodeVersionWarning<T>(build: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith('NodeVersionSupportWarning')) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return build();
  } finally {
    process.emitWarning = emit;
  }
}

/**
 * Evidence in an S3-compatible bucket (MinIO, Ceph, the government clouds' object stores) under
 * `<prefix><aa>/<bb>/<sha256>`, the same layout as the local folder.
 *
 * An upload's address (the plaintext's sha256) is known only once the last byte has arrived, so it streams, in parts, to
 * a temporary key under `<prefix>tmp/`, which is then copied to its address inside the store and deleted. The other way,
 * spooling to a local file first, would need local disk as large as the largest upload on every server and write every
 * byte twice; the server-side copy moves no bytes through the server, and a server can run without evidence on its disk.
 * A temporary a killed server left behind is removed by removeTemporaries (or a lifecycle rule on the tmp/ prefix).
 * CopyObject copies up to 5 GB in one request, above RECTIFY_MAX_UPLOAD_MB's limit of 2 GB.
 */
export class S3EvidenceBackend implements EvidenceBackend {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  readonly bucket: string;

  constructor(
    readonly settings: S3Settings,
    readonly prefix = 'evidence/',
    private readonly partBytes = PART_BYTES,
  ) {
    this.bucket = settings.bucket;
    this.client = withoutNodeVersionWarning(
      () =>
        new S3Client({
          endpoint: settings.endpoint,
          region: settings.region,
          forcePathStyle: settings.forcePathStyle,
          credentials:
            settings.accessKeyId && settings.secretAccessKey
              ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
              : undefined,
          // The SDK's default checksums (CRC32 trailers in aws-chunked bodies) are newer than many S3-compatible stores;
          // integrity is ours anyway: every file is checked against its content address when read.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          // Only the connection is timed: a download to a slow browser may leave the socket idle for a while.
          requestHandler: { connectionTimeout: 5000 },
        }),
    );
  }

  describe(): string {
    return `S3 bucket ${this.bucket} at ${this.settings.endpoint}`;
  }

  keyOf(sha256: string): string {
    if (!SHA256_NAME.test(sha256)) throw new Error(`not a content address: ${sha256}`);
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  private async *objects(prefix: string) {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) yield object;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *list(): AsyncGenerator<string> {
    const shape = new RegExp(
      `^${this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})$`,
    );
    for await (const object of this.objects(this.prefix)) {
      const m = shape.exec(object.Key ?? '');
      if (m?.[3].startsWith(m[1] + m[2])) yield m[3];
    }
  }

  async head(sha256: string): Promise<{ bytes: number } | null> {
    try {
      const found = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return { bytes: found.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const found = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return found.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async upload(key: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: this.partBytes,
      queueSize: PART_QUEUE,
    });
    try {
      await upload.done();
    } catch (error) {
      // The upload read from a stream that failed (too large, a hash that does not match): that error, not the SDK's.
      const cause = (body as Readable & { errored?: unknown }).errored;
      throw cause ?? error;
    } finally {
      if (!body.destroyed) body.destroy();
    }
  }

  async write(sha256: string, body: Readable, { replace = false } = {}): Promise<void> {
    if (!replace && (await this.head(sha256))) {
      body.destroy();
      return;
    }
    // The address is known: a multipart upload appears under its key only when complete, so a reader sees the old
    // object or the new one, never a part.
    await this.upload(this.keyOf(sha256), body);
  }

  async stage(body: Readable, tag = 'upload'): Promise<StagedBytes> {
    const tmp = `${this.prefix}${TEMP_FOLDER}/${temporaryName(tag)}`;
    await this.upload(tmp, body);
    const discard = async () => {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmp }));
    };
    const staged = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: tmp }));
    return {
      bytes: staged.ContentLength ?? 0,
      commit: async (sha256, { replace = false } = {}) => {
        if (replace || !(await this.head(sha256)))
          await this.client.send(
            new CopyObjectCommand({
              Bucket: this.bucket,
              Key: this.keyOf(sha256),
              CopySource: `${this.bucket}/${encodeURIComponent(tmp).replace(/%2F/g, '/')}`,
            }),
          );
        await discard();
      },
      discard,
    };
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
  }

  async ping(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      const status = statusOf(error);
      const where = this.describe();
      if (status === 404)
        throw new StorageUnavailableError(`${where}: the bucket does not exist (RECTIFY_S3_BUCKET)`, { cause: error });
      if (status === 403 || status === 401)
        throw new StorageUnavailableError(
          `${where}: access refused; check RECTIFY_S3_ACCESS_KEY_ID and RECTIFY_S3_SECRET_ACCESS_KEY`,
          { cause: error },
        );
      if ((error as Error)?.name === 'CredentialsProviderError')
        throw new StorageUnavailableError(
          `${where}: no credentials; set RECTIFY_S3_ACCESS_KEY_ID and RECTIFY_S3_SECRET_ACCESS_KEY`,
          { cause: error },
        );
      const reason = error instanceof Error ? error.message || error.name : String(error);
      throw new StorageUnavailableError(
        `${where}: cannot be reached (${status ? `HTTP ${status}` : reason}); check RECTIFY_S3_ENDPOINT`,
        { cause: error },
      );
    }
  }

  async removeTemporaries({ tag, olderThanMs = 0 }: { tag?: string; olderThanMs?: number } = {}): Promise<number> {
    let removed = 0;
    const marker = `${this.prefix}${TEMP_FOLDER}/${CLOCK_MARKER}`;
    // Ages by the store's own clock (a marker object's time), not this server's: servers' clocks drift apart.
    const storeNow = async () => {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: marker, Body: '' }));
      const found = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: marker }));
      return found.LastModified?.getTime() ?? Date.now();
    };
    let now: number | null = null;
    for await (const object of this.objects(`${this.prefix}${TEMP_FOLDER}/`)) {
      if (!object.Key || object.Key === marker || (tag && !object.Key.endsWith(`.${tag}`))) continue;
      now ??= await storeNow();
      if (object.LastModified && now - object.LastModified.getTime() < olderThanMs) continue;
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object.Key }));
      removed += 1;
    }
    return removed;
  }
}
