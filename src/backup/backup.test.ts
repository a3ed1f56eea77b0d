import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { change } from '../commands/context.ts';
import { type DatabaseHandle, openPostgres, openSqlite } from '../db/database.ts';
import type { Dialect } from '../db/migration-helpers.ts';
import {
  BACKUP_TABLES,
  type BackupTable,
  foreignKeyParents,
  inSnapshot,
  type Row,
  RUNTIME_TABLES,
  tablesInDatabase,
  tablesWithRows,
} from '../repositories/backup.repository.ts';
import { AUDIT_CHECKPOINT_FILE } from '../storage/audit-files.ts';
import { LocalEvidenceBackend } from '../storage/evidence-backend.ts';
import { EvidenceStore } from '../storage/evidence-store.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW, testConfig, worldContext } from '../test/factories.ts';
import { scanBackup, writeBackup } from './archive.ts';
import { evidenceFilesFor } from './evidence-files.ts';
import { runScheduledBackup, scheduledBackups } from './schedule.ts';

const PDF = Buffer.from('%PDF-1.4\n% rectify backup test evidence\n%%EOF\n');

interface Target {
  dialect: Dialect;
  dir: string;
  handle: DatabaseHandle;
  env: Record<string, string>;
}

const opened: DatabaseHandle[] = [];
async function target(dialect: Dialect): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-backup-'));
  const { handle, env } = await createCliTestDatabase(dialect, dir);
  opened.push(handle);
  return { dialect, dir, handle, env };
}

const saved = { ...process.env };
async function run(t: Target, ...argv: string[]) {
  process.env = { ...saved, RECTIFY_DATA_DIR: t.dir, ...t.env };
  delete process.env.RECTIFY_AUDIT_KEY;
  if (!t.env.DATABASE_URL) delete process.env.DATABASE_URL;
  const c = captureIo();
  try {
    const code = await main(argv, c.io);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  } finally {
    process.env = { ...saved };
  }
}

/** A world with audited changes, a stored evidence file and an audit checkpoint, in a CLI data folder. */
async function populated(dialect: Dialect): Promise<Target> {
  const t = await target(dialect);
  const world = await buildWorld(t.handle.db);
  const ctx = worldContext(t.handle.db, world, 'office');
  for (let n = 0; n < 5; n++)
    await change(ctx, (u) => u.audit({ action: 'item.update', entity: 'item', entityId: world.itemA1, after: { n } }));
  await new EvidenceStore(path.join(t.dir, 'evidence')).save('proof.pdf', Readable.from([PDF]), 1e6);
  expect((await run(t, 'audit', 'anchor')).code).toBe(0);
  return t;
}

async function allRows(handle: DatabaseHandle, dialect: Dialect): Promise<Record<string, Row[]>> {
  return inSnapshot(handle.db, dialect, async (reader) => {
    const out: Record<string, Row[]> = {};
    for (const table of BACKUP_TABLES) {
      out[table] = [];
      for await (const page of reader.rows(table)) out[table].push(...page);
    }
    return out;
  });
}

async function rowsInBackup(file: string, table: BackupTable): Promise<Row[]> {
  const rows: Row[] = [];
  await scanBackup(file, {
    tableRows: async (t, page) => {
      if (t === table) rows.push(...page);
    },
  });
  return rows;
}

/** Where an entry's bytes start in the archive (its 512-byte header holds its name). */
function entryDataOffset(archive: Buffer, name: string): number {
  for (let at = 0; at < archive.length; at += 512) {
    if (archive.subarray(at, at + name.length).toString('utf8') === name && archive[at + name.length] === 0)
      return at + 512;
  }
  throw new Error(`no entry ${name}`);
}

afterAll(async () => {
  process.env = saved;
  for (const handle of opened) await handle.close();
});

describe.each(testDialects())('backup on %s', (dialect) => {
  it('lists every table the migrations create, parents before children', async () => {
    const t = await target(dialect);
    expect([...BACKUP_TABLES, ...RUNTIME_TABLES].sort()).toEqual((await tablesInDatabase(t.handle.db, dialect)).sort());
    const parents = await foreignKeyParents(t.handle.db, dialect);
    const position = new Map(BACKUP_TABLES.map((name, i) => [name as string, i]));
    for (const [child, of] of parents)
      for (const parent of of)
        expect(position.get(parent), `${parent} before ${child}`).toBeLessThan(position.get(child) ?? -1);
  });

  it('is one snapshot while another connection writes: every row committed before it, none torn', async () => {
    const t = await target(dialect);
    const second =
      dialect === 'sqlite' ? openSqlite(path.join(t.dir, 'rectify.sqlite')) : openPostgres(t.env.DATABASE_URL, 2);
    opened.push(second);
    const delivery = (n: number) => ({
      channel: 'email',
      recipient: `r${n}@example.org`,
      subject: `s${n}`,
      payload: '{}',
      status: 'pending',
      next_attempt_at: TEST_NOW.toISOString(),
      created_at: TEST_NOW.toISOString(),
    });
    for (let i = 0; i < 3; i++)
      await second.db
        .insertInto('deliveries')
        .values(Array.from({ length: 1000 }, (_, n) => delivery(i * 1000 + n)))
        .execute();
    let committed = 3000;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await second.db.insertInto('deliveries').values(delivery(committed)).execute();
        committed += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Let the writer commit some rows first: they are in SQLite's WAL, not yet in the main file.
    while (committed < 3050) await new Promise((resolve) => setTimeout(resolve, 5));
    const committedBefore = committed;
    const file = path.join(t.dir, 'live.tar');
    await writeBackup({
      db: t.handle.db,
      dialect,
      config: testConfig({ RECTIFY_DATA_DIR: t.dir }),
      auditKey: null,
      evidence: evidenceFilesFor(testConfig({ RECTIFY_DATA_DIR: t.dir })),
      includeEvidence: true,
      out: file,
      now: TEST_NOW,
    });
    const committedAfter = committed;
    writing = false;
    await writer;
    const ids = (await rowsInBackup(file, 'deliveries')).map((r) => Number(r.id));
    // One snapshot: ids 1..k without a gap, k at least every row committed before the backup began.
    expect(ids.length).toBeGreaterThanOrEqual(committedBefore);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(ids.length).toBeLessThanOrEqual(committedAfter);
  });

  it('pages tables keyed by text ids without losing a row', async () => {
    const t = await target(dialect);
    const world = await buildWorld(t.handle.db);
    const ids = ['b', 'a', 'd', 'c', 'e'].map((c) => c.repeat(20));
    await t.handle.db
      .insertInto('sessions')
      .values(
        ids.map((id) => ({
          id,
          user_id: world.users.office.actor.id,
          csrf_token: 'x',
          created_at: TEST_NOW.toISOString(),
          expires_at: TEST_NOW.toISOString(),
        })),
      )
      .execute();
    const read = await inSnapshot(t.handle.db, dialect, async (reader) => {
      const rows: Row[] = [];
      for await (const page of reader.rows('sessions', 2)) rows.push(...page);
      return rows.map((r) => r.id);
    });
    expect(read).toEqual([...ids].sort());
  });

  it('refuses a non-empty target without --force and replaces it with --force', async () => {
    const source = await populated(dialect);
    const file = path.join(source.dir, 'b.tar');
    expect((await run(source, 'backup', '--out', file)).code).toBe(0);
    const refused = await run(source, 'restore', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not empty.*--force/s);
    // A change after the backup is undone by a forced restore.
    await source.handle.db.deleteFrom('work_log').execute();
    await source.handle.db.updateTable('units').set({ name: 'changed after the backup' }).execute();
    const forced = await run(source, 'restore', file, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toMatch(/Audit chain intact/);
    const names = await source.handle.db.selectFrom('units').select('name').execute();
    expect(names.map((n) => n.name)).not.toContain('changed after the backup');
    expect((await run(source, 'audit', 'verify')).code).toBe(0);
    // The next insert after a restore gets a fresh id (PostgreSQL sequences moved past the restored rows).
    const highest = await source.handle.db
      .selectFrom('units')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const inserted = await source.handle.db
      .insertInto('units')
      .values({ parent_id: null, path: '/new/', name: 'after the restore', code: 'after-restore', kind: 'committee' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBeGreaterThan(Number(highest.id));
  });
});

describe('backup round trip', () => {
  it('SQLite → PostgreSQL → SQLite keeps every row, the evidence and a verifiable audit chain', async () => {
    const middle: Dialect = testDialects().includes('postgres') ? 'postgres' : 'sqlite';
    const source = await populated('sqlite');
    const first = path.join(source.dir, 'first.tar');
    const made = await run(source, 'backup', '--out', first);
    expect(made.code, made.err).toBe(0);
    expect((await run(source, 'backup', 'verify', first)).code).toBe(0);

    const server = await target(middle);
    const intoServer = await run(server, 'restore', first);
    expect(intoServer.code, intoServer.err).toBe(0);
    expect((await run(server, 'audit', 'verify')).code).toBe(0);
    expect(readdirSync(path.join(server.dir, 'evidence')).length).toBeGreaterThan(0);
    expect(existsSync(path.join(server.dir, AUDIT_CHECKPOINT_FILE))).toBe(true);

    const second = path.join(server.dir, 'second.tar');
    expect((await run(server, 'backup', '--out', second)).code).toBe(0);
    const back = await target('sqlite');
    const intoFile = await run(back, 'restore', second);
    expect(intoFile.code, intoFile.err).toBe(0);
    const verified = await run(back, 'audit', 'verify');
    expect(verified.code, verified.err).toBe(0);

    expect(await allRows(back.handle, 'sqlite')).toEqual(await allRows(source.handle, 'sqlite'));
    let sha = '';
    for await (const address of new EvidenceStore(path.join(source.dir, 'evidence')).addresses()) sha = address;
    expect(readFileSync(new LocalEvidenceBackend(path.join(back.dir, 'evidence')).pathOf(sha))).toEqual(PDF);
  });
});

describe('a damaged backup', () => {
  let file: string;
  let archive: Buffer;
  beforeAll(async () => {
    const source = await populated('sqlite');
    file = path.join(source.dir, 'good.tar');
    expect((await run(source, 'backup', '--out', file)).code).toBe(0);
    archive = readFileSync(file);
  });

  const damaged = (name: string, bytes: Buffer) => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-damaged-')), name);
    writeFileSync(out, bytes);
    return out;
  };
  const flipped = (entry: string, at = 10) => {
    const copy = Buffer.from(archive);
    copy[entryDataOffset(copy, entry) + at] ^= 0x01;
    return copy;
  };
  const sha = () => {
    const name = archive.toString('latin1').match(/evidence\/([0-9a-f]{64})/)?.[1];
    if (!name) throw new Error('no evidence entry');
    return name;
  };

  it.each([
    ['truncated', () => archive.subarray(0, Math.floor(archive.length * 0.6)), /truncated/],
    [
      'a flipped byte in a table',
      () => flipped('tables/users.jsonl'),
      /tables\/users\.jsonl.*checksum|checksum.*tables\/users/s,
    ],
    [
      'a flipped byte in evidence',
      () => flipped(`evidence/${sha()}`, 3),
      /evidence\/[0-9a-f]{64}.*(altered|checksum)/s,
    ],
    [
      'an edited manifest',
      () => {
        const copy = Buffer.from(archive);
        const at = entryDataOffset(copy, 'manifest.json');
        const text = copy.subarray(at, at + 20_000).toString('latin1');
        const rows = text.indexOf('"rows": ') + 8;
        copy[at + rows] = copy[at + rows] === 0x39 ? 0x38 : copy[at + rows] + 1;
        return copy;
      },
      /manifest\.json.*manifest\.sha256|altered/s,
    ],
  ])('%s is refused naming the part, and a restore writes nothing', async (_label, make, words) => {
    const bad = damaged('bad.tar', make());
    const into = await target('sqlite');
    const verified = await run(into, 'backup', 'verify', bad);
    expect(verified.code).toBe(1);
    expect(verified.err).toMatch(words);
    const restored = await run(into, 'restore', bad);
    expect(restored.code).toBe(1);
    expect(restored.err).toMatch(/nothing restored/);
    expect(await tablesWithRows(into.handle.db)).toEqual([]);
    expect(existsSync(path.join(into.dir, 'evidence'))).toBe(false);
    expect(existsSync(path.join(into.dir, AUDIT_CHECKPOINT_FILE))).toBe(false);
  });

  it('refuses a manifest whose row count was edited together with its checksum line', async () => {
    const copy = Buffer.from(archive);
    const at = entryDataOffset(copy, 'manifest.json');
    const size = Number.parseInt(copy.subarray(at - 512 + 124, at - 512 + 135).toString('ascii'), 8);
    const manifest = copy.subarray(at, at + size);
    const rows = manifest.toString('latin1').indexOf('"rows": ') + 8;
    manifest[rows] = manifest[rows] === 0x39 ? 0x38 : manifest[rows] + 1;
    const { createHash } = await import('node:crypto');
    const sumAt = entryDataOffset(copy, 'manifest.sha256');
    copy.write(createHash('sha256').update(manifest).digest('hex'), sumAt, 'ascii');
    const verified = await run(await target('sqlite'), 'backup', 'verify', damaged('edited.tar', copy));
    expect(verified.code).toBe(1);
    expect(verified.err).toMatch(/\[rows\] tables\/\w+\.jsonl/);
  });

  it('says what to do when the data folder has no audit key', async () => {
    const into = await target('sqlite');
    const { rmSync } = await import('node:fs');
    rmSync(path.join(into.dir, 'audit.key'));
    const restored = await run(into, 'restore', file);
    expect(restored.code).toBe(1);
    expect(restored.err).toMatch(/Copy audit\.key .* RECTIFY_AUDIT_KEY/s);
    expect(await tablesWithRows(into.handle.db)).toEqual([]);
  });
});

describe('a backup without the evidence', () => {
  it('lists the files instead of copying them, and the restore names those the store lacks', async () => {
    const source = await populated('sqlite');
    const file = path.join(source.dir, 'list.tar');
    expect((await run(source, 'backup', '--out', file, '--no-evidence')).code).toBe(0);
    const manifest = await scanBackup(file);
    expect(manifest.evidence.included).toBe(false);
    expect(manifest.evidence.files).toEqual([{ sha256: expect.any(String), size: PDF.length, entrySha256: null }]);
    expect(readFileSync(file).includes(PDF)).toBe(false);
    const into = await target('sqlite');
    const restored = await run(into, 'restore', file);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.err).toContain(`1 evidence file(s) the backup lists are not in the store`);
  });
});

describe('scheduled backups', () => {
  it('run once a day from the hour on, and keep the newest RECTIFY_BACKUP_KEEP', async () => {
    const source = await populated('sqlite');
    const backupDir = path.join(source.dir, 'backups');
    const config = testConfig({
      RECTIFY_DATA_DIR: source.dir,
      RECTIFY_BACKUP_DIR: backupDir,
      RECTIFY_BACKUP_KEEP: '2',
      RECTIFY_BACKUP_HOUR: '2',
    });
    const at = (day: number, hour: number) => {
      const d = new Date(TEST_NOW);
      d.setDate(d.getDate() + day);
      d.setHours(hour, 30, 0, 0);
      return d;
    };
    const db = source.handle.db;
    expect(await runScheduledBackup({ db, config, now: at(0, 1) })).toEqual({ ran: false, reason: 'before_hour' });
    for (let day = 0; day < 4; day++) {
      expect((await runScheduledBackup({ db, config, now: at(day, 3) })).ran).toBe(true);
      expect(await runScheduledBackup({ db, config, now: at(day, 9) })).toEqual({ ran: false, reason: 'done_today' });
    }
    const kept = await scheduledBackups(backupDir);
    expect(kept).toHaveLength(2);
    expect(readdirSync(backupDir).sort()).toEqual([...kept].sort());
    for (const name of kept) await expect(scanBackup(path.join(backupDir, name))).resolves.toBeTruthy();
  });
});
