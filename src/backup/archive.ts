import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Dialect } from '../db/migration-helpers.ts';
import { type Checkpoint, LEGACY_SCHEME, signCheckpoint } from '../domain/audit-chain.ts';
import { BACKUP_TABLES, type BackupTable, inSnapshot } from '../repositories/backup.repository.ts';
import { AUDIT_CHECKPOINT_FILE } from '../storage/audit-files.ts';
import type { EvidenceFiles } from './evidence-files.ts';
import { BackupProblem, readTar, TarWriter } from './tar.ts';

export const BACKUP_FORMAT = 'rectify-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
/** The manifest's own checksum, the archive's last entry: an edited manifest no longer matches it. */
export const MANIFEST_SUM_ENTRY = 'manifest.sha256';

const tableEntry = (table: string) => `tables/${table}.jsonl`;
const evidenceEntry = (sha256: string) => `evidence/${sha256}`;
const fileEntry = (name: string) => `files/${name}`;

/** What lies in the data folder besides the database, and whether a backup carries it. Written once, for the docs and help. */
export const DATA_FOLDER_POLICY = [
  'rectify.sqlite (+ -wal, -shm): read through one snapshot into tables/*.jsonl, never copied as a file',
  'evidence/<aa>/<bb>/<sha256>: copied as stored (encrypted files stay encrypted) unless --no-evidence',
  'evidence/tmp: unfinished uploads, never backed up',
  'audit-checkpoints.jsonl: the signed checkpoints of the audit chain, backed up (files/audit-checkpoints.jsonl)',
  'audit.key (or RECTIFY_AUDIT_KEY): a secret, never in a backup: keep it apart; a restore needs it',
  'RECTIFY_EVIDENCE_KEY: a secret in the environment, never in a backup: encrypted evidence needs it to be read',
] as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  sourceDialect: Dialect;
  /** The newest migration of the source database: a restore brings its target to exactly this level first. */
  migration: string;
  tables: Record<string, { entry: string; rows: number; bytes: number; sha256: string }>;
  /** The audit chain's head in the snapshot, signed under the audit key when the key was at hand (null otherwise). */
  auditHead: { seq: number; hash: string; checkpoint: Checkpoint | null };
  evidence: {
    /** true: every file is in the archive as evidence/<sha256>; false: only listed here (restore expects them in the store). */
    included: boolean;
    files: { sha256: string; size: number; entrySha256: string | null }[];
  };
  files: Record<string, { entry: string; bytes: number; sha256: string }>;
  /** What is deliberately not in the backup, for whoever holds the file. */
  notIncluded: string[];
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** Writes a chunk to a file stream, waiting for it to drain. */
function writeChunk(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(chunk)) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}

async function* hashing(source: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>) {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Writes a backup to `out`: the database read in one snapshot (tables/<name>.jsonl, one row per line, values as
 * stored), the evidence as stored, the audit checkpoints, and a manifest of checksums and row counts. The archive is
 * written under a temporary name beside `out` and renamed when complete, so a crash never leaves a half file there.
 */
export async function writeBackup(options: {
  db: Db;
  dialect: Dialect;
  config: Pick<Config, 'dataDir' | 'auditHash'>;
  auditKey: Buffer | null;
  evidence: EvidenceFiles;
  includeEvidence: boolean;
  out: string;
  now: Date;
}): Promise<BackupSummary> {
  const out = path.resolve(options.out);
  await mkdir(path.dirname(out), { recursive: true });
  const stage = await mkdtemp(path.join(path.dirname(out), '.rectify-backup-'));
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const tables: BackupManifest['tables'] = {};
    const { migration, head, legacyThrough, files } = await inSnapshot(options.db, options.dialect, async (reader) => {
      const migration = await reader.migrationLevel();
      if (!migration)
        throw new BackupProblem('database', 'empty', 'has never been migrated: there is nothing to back up');
      const head = await reader.auditHead();
      let legacyThrough = 0;
      for (const table of BACKUP_TABLES) {
        const file = path.join(stage, `${table}.jsonl`);
        const stream = createWriteStream(file);
        const hash = createHash('sha256');
        let rows = 0;
        let bytes = 0;
        for await (const page of reader.rows(table)) {
          let text = '';
          for (const row of page) {
            text += `${JSON.stringify(row)}\n`;
            if (table === 'audit_events' && row.scheme === LEGACY_SCHEME)
              legacyThrough = Math.max(legacyThrough, Number(row.seq ?? 0));
          }
          rows += page.length;
          bytes += Buffer.byteLength(text);
          hash.update(text);
          await writeChunk(stream, text);
        }
        await new Promise<void>((resolve, reject) =>
          stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        tables[table] = { entry: tableEntry(table), rows, bytes, sha256: hash.digest('hex') };
      }
      // Listed inside the snapshot: a file a snapshot row names was stored before its row committed, so it is listed.
      const files: { sha256: string; size: number }[] = [];
      for await (const file of options.evidence.list()) files.push(file);
      return { migration, head, legacyThrough, files };
    });

    const archive = createWriteStream(partial, { mode: 0o600 });
    const tar = new TarWriter(archive, options.now);
    for (const table of BACKUP_TABLES)
      await tar.add(tables[table].entry, tables[table].bytes, createReadStream(path.join(stage, `${table}.jsonl`)));

    const evidenceList: BackupManifest['evidence']['files'] = [];
    for (const file of files) {
      if (!options.includeEvidence) {
        evidenceList.push({ ...file, entrySha256: null });
        continue;
      }
      const hash = createHash('sha256');
      await tar.add(evidenceEntry(file.sha256), file.size, hashing(options.evidence.read(file.sha256), hash));
      evidenceList.push({ ...file, entrySha256: hash.digest('hex') });
    }

    const extra: BackupManifest['files'] = {};
    const checkpoints = await readFile(path.join(options.config.dataDir, AUDIT_CHECKPOINT_FILE)).catch(() => null);
    if (checkpoints) {
      const entry = fileEntry(AUDIT_CHECKPOINT_FILE);
      await tar.add(entry, checkpoints.length, checkpoints);
      extra[AUDIT_CHECKPOINT_FILE] = { entry, bytes: checkpoints.length, sha256: sha256Of(checkpoints) };
    }

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      sourceDialect: options.dialect,
      migration,
      tables,
      auditHead: {
        ...head,
        checkpoint: options.auditKey
          ? signCheckpoint(options.auditKey, {
              seq: head.seq,
              hash: head.hash,
              legacyThrough: Math.min(legacyThrough, head.seq),
              at: options.now.toISOString(),
              algorithm: options.config.auditHash,
            })
          : null,
      },
      evidence: { included: options.includeEvidence, files: evidenceList },
      files: extra,
      notIncluded: [
        'the audit key (data folder audit.key or RECTIFY_AUDIT_KEY): keep it apart; the restore needs it',
        'the evidence key (RECTIFY_EVIDENCE_KEY): encrypted evidence is copied encrypted and needs it to be read',
        ...(options.includeEvidence ? [] : ['the evidence files themselves: only their addresses and sizes']),
      ],
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    await tar.add(MANIFEST_ENTRY, manifestBytes.length, manifestBytes);
    const sum = Buffer.from(`${sha256Of(manifestBytes)}  ${MANIFEST_ENTRY}\n`);
    await tar.add(MANIFEST_SUM_ENTRY, sum.length, sum);
    await tar.finish();
    await rename(partial, out);
    return { file: out, bytes: (await stat(out)).size, manifest };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Splits a stream of chunks into lines (without their newline); a last line without one is yielded too. */
async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let at = buffer.indexOf(10);
    while (at >= 0) {
      yield buffer.subarray(0, at).toString('utf8');
      buffer = buffer.subarray(at + 1);
      at = buffer.indexOf(10);
    }
    rest = Buffer.from(buffer);
  }
  if (rest.length) yield rest.toString('utf8');
}

export interface ScanHandlers {
  /** Called with each table's rows a page at a time, in archive order; the entry's checksum is checked as it goes. */
  tableRows?: (table: BackupTable, rows: Record<string, unknown>[]) => Promise<void>;
  /** Called at the end of each table's entry. */
  tableDone?: (table: BackupTable) => Promise<void>;
  /** Receives an evidence entry's bytes (it must consume them). */
  evidence?: (sha256: string, bytes: AsyncIterable<Buffer>) => Promise<void>;
  /** Receives an extra data-folder file. */
  file?: (name: string, bytes: Buffer) => Promise<void>;
}

const TABLE_NAME = /^tables\/([a-z_]+)\.jsonl$/;
const EVIDENCE_NAME = /^evidence\/([0-9a-f]{64})$/;
const FILE_NAME = /^files\/([A-Za-z0-9._-]+)$/;

/**
 * Reads a backup from start to end and checks it against its manifest: every entry's SHA-256 and size, the row count of
 * every table, that the manifest lists exactly the entries present, that the manifest matches its own checksum, and
 * that the audit head it records is the last audit row in the archive. Returns the manifest, or throws a BackupProblem
 * naming the entry and the check. Handlers see the contents while they are read; with handlers, a problem may be
 * found after some were called, so a restore runs this once without handlers before it writes anything.
 */
export async function scanBackup(file: string, handlers: ScanHandlers = {}): Promise<BackupManifest> {
  const seen = new Map<string, { sha256: string; bytes: number; rows?: number }>();
  const lastAudit = { seq: 0, hash: '' };
  let headRow: { seq: number; hash: string } | null = null;
  let manifestBytes: Buffer | null = null;
  let manifestSum: string | null = null;
  let entriesAfterManifest = 0;

  const source = createReadStream(file);
  try {
    for await (const entry of readTar(source)) {
      if (seen.has(entry.name) || (entry.name === MANIFEST_ENTRY && manifestBytes))
        throw new BackupProblem(entry.name, 'unexpected', 'appears twice in the archive');
      if (manifestSum !== null) entriesAfterManifest += 1;
      const hash = createHash('sha256');
      let bytes = 0;
      const counted = (async function* () {
        for await (const chunk of entry.body) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      })();
      const table = TABLE_NAME.exec(entry.name)?.[1] as BackupTable | undefined;
      const evidence = EVIDENCE_NAME.exec(entry.name)?.[1];
      const extra = FILE_NAME.exec(entry.name)?.[1];
      let rows: number | undefined;
      if (table) {
        if (!(BACKUP_TABLES as readonly string[]).includes(table))
          throw new BackupProblem(entry.name, 'unexpected', 'is not a table this version knows');
        rows = 0;
        let page: Record<string, unknown>[] = [];
        for await (const line of linesOf(counted)) {
          if (line === '') continue;
          rows += 1;
          const wantsRow = handlers.tableRows || table === 'audit_events' || table === 'audit_head';
          if (!wantsRow) continue;
          let row: Record<string, unknown>;
          try {
            row = JSON.parse(line);
          } catch {
            throw new BackupProblem(entry.name, 'format', `line ${rows} is not JSON`);
          }
          if (table === 'audit_events' && Number(row.seq) > lastAudit.seq) {
            lastAudit.seq = Number(row.seq);
            lastAudit.hash = String(row.hash);
          }
          if (table === 'audit_head' && row.id === 1)
            headRow = { seq: Number(row.last_seq), hash: String(row.last_hash) };
          if (handlers.tableRows) {
            page.push(row);
            if (page.length >= 1000) {
              await handlers.tableRows(table, page);
              page = [];
            }
          }
        }
        if (handlers.tableRows && page.length) await handlers.tableRows(table, page);
        if (handlers.tableDone) await handlers.tableDone(table);
      } else if (evidence) {
        if (handlers.evidence) await handlers.evidence(evidence, counted);
        else for await (const _ of counted);
      } else if (extra || entry.name === MANIFEST_ENTRY || entry.name === MANIFEST_SUM_ENTRY) {
        const chunks: Buffer[] = [];
        for await (const chunk of counted) chunks.push(chunk);
        const whole = Buffer.concat(chunks);
        if (entry.name === MANIFEST_ENTRY) manifestBytes = whole;
        else if (entry.name === MANIFEST_SUM_ENTRY) manifestSum = whole.toString('utf8').split(/\s/)[0];
        else if (extra && handlers.file) await handlers.file(extra, whole);
      } else {
        throw new BackupProblem(entry.name, 'unexpected', 'is not an entry a backup holds');
      }
      // A consumer that stopped early still gets the entry's remaining bytes counted, so the size check below holds.
      for await (const _ of counted);
      if (entry.name !== MANIFEST_ENTRY && entry.name !== MANIFEST_SUM_ENTRY)
        seen.set(entry.name, { sha256: hash.digest('hex'), bytes, rows });
    }
  } finally {
    source.destroy();
  }

  if (!manifestBytes)
    throw new BackupProblem(MANIFEST_ENTRY, 'missing', 'not in the archive (the file is truncated or not a backup)');
  if (!manifestSum)
    throw new BackupProblem(MANIFEST_SUM_ENTRY, 'missing', 'not in the archive (the file is truncated)');
  if (entriesAfterManifest > 0)
    throw new BackupProblem(MANIFEST_SUM_ENTRY, 'unexpected', 'entries follow the manifest checksum');
  if (sha256Of(manifestBytes) !== manifestSum)
    throw new BackupProblem(MANIFEST_ENTRY, 'checksum', 'does not match manifest.sha256 (the manifest was altered)');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new BackupProblem(MANIFEST_ENTRY, 'format', 'is not JSON');
  }
  if (!manifest || typeof manifest !== 'object' || !manifest.auditHead || !manifest.evidence || !manifest.tables)
    throw new BackupProblem(MANIFEST_ENTRY, 'format', 'lacks the tables, evidence or audit head sections');
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupProblem(MANIFEST_ENTRY, 'format', `is not a Rectify backup manifest (format ${manifest.format})`);
  if (manifest.version !== BACKUP_FORMAT_VERSION)
    throw new BackupProblem(
      MANIFEST_ENTRY,
      'format',
      `backup format version ${manifest.version}; this version reads ${BACKUP_FORMAT_VERSION}`,
    );

  const listed = new Set<string>();
  const compare = (entry: string, expected: { sha256: string; bytes: number; rows?: number }) => {
    listed.add(entry);
    const found = seen.get(entry);
    if (!found) throw new BackupProblem(entry, 'missing', 'listed in the manifest but not in the archive');
    if (found.bytes !== expected.bytes)
      throw new BackupProblem(entry, 'size', `${found.bytes} bytes, the manifest says ${expected.bytes}`);
    if (found.sha256 !== expected.sha256)
      throw new BackupProblem(entry, 'checksum', 'SHA-256 differs from the manifest (the entry was altered)');
    if (expected.rows !== undefined && found.rows !== expected.rows)
      throw new BackupProblem(entry, 'rows', `${found.rows} rows, the manifest says ${expected.rows}`);
  };
  for (const table of BACKUP_TABLES) {
    const expected = manifest.tables?.[table];
    if (!expected) throw new BackupProblem(MANIFEST_ENTRY, 'missing', `lists no entry for table ${table}`);
    compare(tableEntry(table), expected);
  }
  for (const file of manifest.evidence?.files ?? []) {
    if (!manifest.evidence.included) continue;
    if (!file.entrySha256) throw new BackupProblem(MANIFEST_ENTRY, 'format', `evidence ${file.sha256} has no checksum`);
    compare(evidenceEntry(file.sha256), { sha256: file.entrySha256, bytes: file.size });
  }
  for (const extra of Object.values(manifest.files ?? {})) compare(extra.entry, extra);
  for (const entry of seen.keys())
    if (!listed.has(entry)) throw new BackupProblem(entry, 'unexpected', 'in the archive but not in the manifest');

  const head = manifest.auditHead;
  if (lastAudit.seq !== head.seq || (head.seq > 0 && lastAudit.hash !== head.hash))
    throw new BackupProblem(
      tableEntry('audit_events'),
      'audit_head',
      `the last audit event is seq ${lastAudit.seq}; the manifest's audit head is seq ${head.seq}`,
    );
  const recorded = headRow as { seq: number; hash: string } | null;
  if (!recorded || recorded.seq !== head.seq || recorded.hash !== head.hash)
    throw new BackupProblem(tableEntry('audit_head'), 'audit_head', "does not match the manifest's audit head");
  return manifest;
}
