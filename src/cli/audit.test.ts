import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change } from '../commands/context.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { AUDIT_CHECKPOINT_FILE } from '../storage/audit-files.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, type World, worldContext } from '../test/factories.ts';
import { main } from './main.ts';

describe.each(testDialects())('rectify audit … on %s', (dialect) => {
  const saved = { ...process.env };
  let dir: string;
  let handle: DatabaseHandle;
  let world: World;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rectify-audit-cli-'));
    const created = await createCliTestDatabase(dialect, dir);
    handle = created.handle;
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.RECTIFY_AUDIT_KEY;
    Object.assign(process.env, created.env);
    world = await buildWorld(handle.db);
  });
  afterAll(async () => {
    process.env = saved;
    await handle.close();
  });

  const write = async (count: number, now?: Date) => {
    const ctx = worldContext(handle.db, world, 'office', now ? { now } : {});
    for (let n = 0; n < count; n++)
      await change(ctx, (u) =>
        u.audit({ action: 'item.update', entity: 'item', entityId: world.itemA1, after: { n } }),
      );
  };
  const run = async (...argv: string[]) => {
    const c = captureIo();
    const code = await main(argv, c.io);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  };

  it('refuses to call an empty trail intact', async () => {
    const r = await run('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken at seq 1 .*empty/);
  });

  it('anchors the head, verifies against the checkpoint, and reports where a cut trail breaks', async () => {
    await write(4);
    const anchored = await run('audit', 'anchor');
    expect(anchored.code).toBe(0);
    const log = readFileSync(path.join(dir, AUDIT_CHECKPOINT_FILE), 'utf8').trim().split('\n');
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0])).toMatchObject({ seq: 4, algorithm: 'sha256', mac: expect.any(String) });

    const ok = await run('audit', 'verify', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ intact: true, lastSeq: 4, checkpoints: { count: 1, lastSeq: 4 } });

    // The attacker cuts the last two events and points the head at the new tail: only the checkpoint can tell.
    const kept = await handle.db.selectFrom('audit_events').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await handle.db.deleteFrom('audit_events').where('seq', '>', 2).execute();
    await handle.db.updateTable('audit_head').set({ last_hash: kept.hash, last_seq: 2 }).execute();
    const cut = await run('audit', 'verify');
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/broken at seq 3 .*truncated/);
  });

  it('exports the trail with a signed checkpoint, audits the export, and refuses an account that may not read it', async () => {
    await handle.db.deleteFrom('audit_events').execute();
    await handle.db
      .updateTable('audit_head')
      .set({ last_hash: '0'.repeat(64), last_seq: 0 })
      .execute();
    await write(3);
    const out = path.join(dir, 'trail.jsonl');
    const r = await run('audit', 'export', '--out', out, '--as', 'office');
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'checkpoint', seq: 3, mac: expect.any(String) });
    expect(lines.slice(1).map((l) => [l.type, l.seq])).toEqual([
      ['event', 1],
      ['event', 2],
      ['event', 3],
    ]);
    expect(lines[3].hash).toBe(lines[0].hash);
    const audited = await handle.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'audit.export')
      .executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ seq: 4, via: 'cli', outcome: 'success', actor_id: world.users.office.id });

    // The copy verifies on its own; an altered or shortened copy says where it breaks.
    const verified = await run('audit', 'verify', '--export', out);
    expect(verified.code, verified.err).toBe(0);
    const text = readFileSync(out, 'utf8');
    const altered = path.join(dir, 'altered.jsonl');
    writeFileSync(altered, text.replace('{\\"n\\":1}', '{\\"n\\":7}'));
    const alteredCheck = await run('audit', 'verify', '--export', altered);
    expect(alteredCheck.code).toBe(1);
    expect(alteredCheck.err).toMatch(/broken at seq 2 .*hash/);
    const shortened = path.join(dir, 'shortened.jsonl');
    writeFileSync(shortened, `${text.trim().split('\n').slice(0, -1).join('\n')}\n`);
    const shortCheck = await run('audit', 'verify', '--export', shortened);
    expect(shortCheck.code).toBe(1);
    expect(shortCheck.err).toMatch(/broken at seq 3 .*truncated/);

    const refused = await run('audit', 'export', '--out', path.join(dir, 'no.jsonl'), '--as', 'depta1');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/may not read the audit trail/);
  });

  it('archives only what has passed the retention period, deletes nothing, and keeps the period at 180 days or more', async () => {
    await handle.db.deleteFrom('audit_events').execute();
    await handle.db
      .updateTable('audit_head')
      .set({ last_hash: '0'.repeat(64), last_seq: 0 })
      .execute();
    // The command runs on the real clock, so the events are dated relative to it.
    await write(2, new Date(Date.now() - 400 * 86_400_000));
    await write(1, new Date(Date.now() - 86_400_000));
    const out = path.join(dir, 'archive.jsonl');
    const r = await run('audit', 'export', '--archive', '--out', out, '--as', 'office');
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'checkpoint', seq: 2 });
    expect(lines.slice(1).map((l) => l.seq)).toEqual([1, 2]);
    expect(lines[2].hash).toBe(lines[0].hash);
    const left = await handle.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    expect(left.map((e) => e.seq)).toEqual([1, 2, 3, 4]);

    process.env.RECTIFY_AUDIT_RETENTION_DAYS = '90';
    try {
      const refused = await run('audit', 'export', '--archive', '--out', out, '--as', 'office');
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/RECTIFY_AUDIT_RETENTION_DAYS=90 must be between 180/);
    } finally {
      delete process.env.RECTIFY_AUDIT_RETENTION_DAYS;
    }
  });
});
