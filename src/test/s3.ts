import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import type { S3Settings } from '../config.ts';
import { type EvidenceBackend, LocalEvidenceBackend } from '../storage/evidence-backend.ts';
import { S3EvidenceBackend } from '../storage/evidence-s3.ts';

/** A real S3-protocol server (s3rver, files in a temporary folder) on a free port, with one bucket. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  settings: S3Settings;
  /** The environment that points Rectify at it (merge into testConfig's overrides or process.env). */
  env: Record<string, string>;
  /** A backend over the bucket; a prefix of its own keeps tests of one file apart. */
  backend(prefix?: string): S3EvidenceBackend;
  /** A new empty bucket on the same server and the environment naming it: for suites that use the default prefix. */
  newBucket(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

let prefixes = 0;

export async function startTestS3(bucket = 'rectify-test'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'rectify-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const settings: S3Settings = {
    endpoint,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  const env = {
    RECTIFY_S3_ENDPOINT: endpoint,
    RECTIFY_S3_BUCKET: bucket,
    RECTIFY_S3_REGION: 'us-east-1',
    RECTIFY_S3_ACCESS_KEY_ID: 'S3RVER',
    RECTIFY_S3_SECRET_ACCESS_KEY: 'S3RVER',
    RECTIFY_S3_FORCE_PATH_STYLE: 'true',
  };
  return {
    endpoint,
    bucket,
    settings,
    env,
    backend: (prefix = `t${++prefixes}/evidence/`) => new S3EvidenceBackend(settings, prefix),
    newBucket: async () => {
      const name = `${bucket}-${++prefixes}`;
      await new S3EvidenceBackend(settings).client.send(new CreateBucketCommand({ Bucket: name }));
      return { ...env, RECTIFY_S3_BUCKET: name };
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Starts the S3 server before the file's tests and stops it after; the getter is valid inside tests and hooks. */
export function startedTestS3(): () => TestS3 {
  let s3: TestS3 | null = null;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3?.stop();
  });
  return () => {
    if (!s3) throw new Error('the test S3 server is not started yet');
    return s3;
  };
}

/** The evidence backends a storage test runs on: a fresh temporary folder, and a fresh prefix in the test bucket. */
export function backendsUnder(s3: () => TestS3): [kind: 'local' | 's3', make: () => EvidenceBackend][] {
  return [
    ['local', () => new LocalEvidenceBackend(mkdtempSync(path.join(tmpdir(), 'rectify-evidence-')))],
    ['s3', () => s3().backend()],
  ];
}

/** The bytes stored under an address, as they are in the store (ciphertext when encrypted). */
export async function storedBytes(backend: EvidenceBackend, sha256: string): Promise<Buffer> {
  const stream = await backend.read(sha256);
  if (!stream) throw new Error(`${sha256} is not stored`);
  const parts: Buffer[] = [];
  for await (const part of stream as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

/** Puts bytes under an address, whatever is there: how a test damages or swaps a stored file. */
export async function putStoredBytes(backend: EvidenceBackend, sha256: string, bytes: Buffer): Promise<void> {
  await backend.write(sha256, Readable.from([bytes]), { replace: true });
}
