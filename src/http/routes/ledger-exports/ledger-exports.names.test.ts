import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, type World } from '../../../test/factories.ts';
import { addLedgerDetail } from '../../../test/ledger-fixtures.ts';

/** Bidirectional controls (the RLO trick) and control characters: none may reach a name the server hands out. */
const UNSAFE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Issue 11 (hole 9): bidi-override and control characters survived in the evidence binder's file names. */
describe.each(testDialects())('file names in the binder and in downloads on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let evidenceId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    t = await createTestApp(handle);
    w = await buildWorld(handle.db);
    await addLedgerDetail(handle.db, w, t.app.services.evidence);
    office = await t.login('office');
    const row = await handle.db
      .selectFrom('evidence')
      .innerJoin('items', 'items.id', 'evidence.item_id')
      .select('evidence.id')
      .where('items.inspection_id', '=', w.inspectionA)
      .orderBy('evidence.id')
      .executeTakeFirstOrThrow();
    evidenceId = row.id;
    // A name stored before uploads were cleaned: 整改报告<RLO>fdp.exe shows as 整改报告exe.pdf; SOH, a tab, a newline.
    await handle.db
      .updateTable('evidence')
      .set({ file_name: '整改报告\u202Efdp.exe\u0001\t\n\u2066.pdf' })
      .where('id', '=', evidenceId)
      .execute();
    await handle.db
      .updateTable('units')
      .set({ name: '测试市\u202E局通交\u200F' })
      .where('id', '=', w.unitA.id)
      .execute();
    await handle.db
      .updateTable('items')
      .set({ title: '财务\u2067审批\u0007不规范' })
      .where('id', '=', w.itemA1)
      .execute();
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const dispositionName = (header: unknown) => {
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(String(header))?.[1];
    expect(encoded).toBeDefined();
    return decodeURIComponent(encoded as string);
  };

  it('writes no control or bidi character into the binder’s entry names or its download name', async () => {
    const res = await office.get(`/api/inspections/${w.inspectionA}/binder.zip`);
    expect(res.statusCode).toBe(200);
    const name = dispositionName(res.headers['content-disposition']);
    expect(name).not.toMatch(UNSAFE);
    expect(name).toContain('测试市_局通交_');
    const entries = Object.keys(unzipSync(new Uint8Array(res.rawPayload)));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry, JSON.stringify(entry)).not.toMatch(UNSAFE);
    expect(entries.some((e) => e.includes('整改报告_fdp.exe'))).toBe(true);
  });

  it('sends an evidence file under a name without them', async () => {
    const res = await office.get(`/api/evidence/${evidenceId}/file`);
    expect(res.statusCode).toBe(200);
    const name = dispositionName(res.headers['content-disposition']);
    expect(name).not.toMatch(UNSAFE);
    expect(name.startsWith('整改报告_fdp.exe')).toBe(true);
  });

  it('stores an uploaded evidence file under a name without them (a NUL would not even fit PostgreSQL)', async () => {
    const deptA1 = await t.login('depta1');
    const res = await deptA1.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...multipart(
        { effectiveOn: '2026-08-01' },
        {
          name: '会议纪要\u202Efdp.exe\u0000\u0007.txt',
          content: Buffer.from('会议纪要'),
          type: 'text/plain',
        },
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: number }>();
    const stored = await handle.db
      .selectFrom('evidence')
      .select('file_name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.file_name).toBe('会议纪要_fdp.exe__.txt');
  });

  it('names the ledger download without them', async () => {
    const res = await office.get(`/api/inspections/${w.inspectionA}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(dispositionName(res.headers['content-disposition'])).not.toMatch(UNSAFE);
  });
});
