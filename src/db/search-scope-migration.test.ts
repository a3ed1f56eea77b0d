import { afterAll, describe, expect, it } from 'vitest';
import { createUnmigratedTestDatabase, testDialects } from '../test/databases.ts';
import { addEvidenceRow, buildProgress, buildWorld } from '../test/factories.ts';
import type { DatabaseHandle } from './database.ts';
import { knownMigrations, migrateToLatest, migrateUpTo } from './migrate.ts';

const THIS = '20261220000000_search_scope';

describe.each(testDialects())('the search index gains units and inspections on %s', (dialect) => {
  let handle: DatabaseHandle;
  afterAll(async () => {
    await handle?.close();
  });

  it('rebuilds every text under its unit and inspection, keeping evidence text already read', async () => {
    handle = await createUnmigratedTestDatabase(dialect);
    const names = await knownMigrations(dialect);
    await migrateUpTo(handle, names[names.indexOf(THIS) - 1]);
    const w = await buildWorld(handle.db);
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before this migration
    const db = handle.db as any;
    await buildProgress(handle.db, { itemId: w.itemB1, entryOn: '2026-08-03', content: 'B单位安装北斗定位终端' });
    const evidence = await addEvidenceRow(handle.db, w.itemA1, w.users.deptA1.id);
    await db
      .updateTable('search_docs')
      .set({ body: 'proof.pdf\n识别出的扫描件文字', extract_state: 'done' })
      .where('kind', '=', 'evidence')
      .execute();
    const before = await db.selectFrom('search_docs').select(['kind', 'source_id']).orderBy('id').execute();

    await migrateToLatest(handle);
    const after = await handle.db
      .selectFrom('search_docs')
      .select(['kind', 'source_id', 'item_id', 'unit_id', 'inspection_id', 'body', 'extract_state'])
      .orderBy('id')
      .execute();
    expect(after.map((d) => [d.kind, d.source_id]).sort()).toEqual(
      before.map((d: { kind: string; source_id: number }) => [d.kind, d.source_id]).sort(),
    );
    const progress = after.find((d) => d.kind === 'progress' && d.body.includes('北斗'));
    expect(progress).toMatchObject({ item_id: w.itemB1, unit_id: w.unitB.id, inspection_id: w.inspectionB });
    expect(after.find((d) => d.kind === 'evidence')).toMatchObject({
      source_id: evidence,
      unit_id: w.unitA.id,
      body: 'proof.pdf\n识别出的扫描件文字',
      extract_state: 'done',
    });
    // The problem's words are part of its items' text.
    const itemA1 = after.find((d) => d.kind === 'item' && d.source_id === w.itemA1);
    expect(itemA1?.body).toContain('落实主体责任有差距');
    expect(after.every((d) => d.unit_id > 0 && d.inspection_id > 0)).toBe(true);
  });

  it('goes back to the first index and up again, every text still indexed', async () => {
    const names = await knownMigrations(dialect);
    const count = async () =>
      Number(
        (
          await handle.db
            .selectFrom('search_docs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const up = await count();
    await migrateUpTo(handle, names[names.indexOf(THIS) - 1]);
    // biome-ignore lint/suspicious/noExplicitAny: the table as the first index had it
    const first = await (handle.db as any).selectFrom('search_docs').selectAll().limit(1).executeTakeFirstOrThrow();
    expect(Object.keys(first)).not.toContain('unit_id');
    await migrateToLatest(handle);
    expect(await count()).toBe(up);
  });
});
