import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { captureIo } from '../test/cli.ts';
import { addEvidenceRow, buildProgress, buildWorld } from '../test/factories.ts';
import { main } from './main.ts';

/** Issue 16: `rectify search reindex` rebuilds the index from the ledger; bad arguments change nothing. */
describe('rectify search reindex', () => {
  const saved = { ...process.env };
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-cli-search-'));
    process.env = { ...saved, RECTIFY_DATA_DIR: dataDir };
    delete process.env.DATABASE_URL;
  });
  afterEach(() => {
    process.env = saved;
  });

  it('rebuilds a damaged index and reads what it can of the evidence', async () => {
    const handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
    await migrateToLatest(handle);
    const w = await buildWorld(handle.db);
    await buildProgress(handle.db, { itemId: w.itemA1, entryOn: '2026-08-01', content: '加装北斗定位终端' });
    await addEvidenceRow(handle.db, w.itemA1, w.users.deptA1.id);
    await handle.db.deleteFrom('search_docs').where('kind', '=', 'progress').execute();
    await handle.close();

    const bad = captureIo();
    expect(await main(['search', 'rebuild'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('rectify search reindex');

    const { io, out } = captureIo();
    expect(await main(['search', 'reindex'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/检索索引已重建：\d+ 条/);
    const again = openSqlite(path.join(dataDir, 'rectify.sqlite'));
    const docs = await again.db.selectFrom('search_docs').select(['kind', 'extract_state']).execute();
    expect(docs.filter((d) => d.kind === 'progress')).toHaveLength(1);
    // The evidence row has no stored file here: it is read as unreadable, not left pending.
    expect(docs.find((d) => d.kind === 'evidence')?.extract_state).toBe('skipped');
    await again.close();
  });
});
