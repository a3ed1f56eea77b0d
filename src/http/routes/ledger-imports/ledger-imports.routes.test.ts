import { readFileSync } from 'node:fs';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { CUSTOMARY_LEDGER_PREVIEW, customaryLedger, fixtureDir } from '../../../ledger-io/import/fixtures.ts';
import { createTestApp, expectRefusals, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { ledgerPage } from '../items/items.schema.ts';

const MAPPING = JSON.stringify({ people: { 赵科长: null, 钱会计: null, 孙科员: null } });

describe.each(testDialects())('ledger import API on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let unitAdminA: TestClient;
  let deptA1: TestClient;
  let unitAdminB: TestClient;
  let ledger: Buffer;

  const upload = (client: TestClient, inspectionId: number, fields: Record<string, string>, file = ledger) =>
    client.inject({
      method: 'POST',
      url: `/api/inspections/${inspectionId}/ledger-imports`,
      ...multipart(fields, { name: '交通局台账.xlsx', content: file }),
    });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [unitAdminA, deptA1, unitAdminB] = await Promise.all(['unitadmina', 'depta1', 'unitadminb'].map((u) => t.login(u)));
    ledger = readFileSync(await customaryLedger(fixtureDir()));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('a dry run answers 200 with the counts and unmatched names and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const res = await upload(unitAdminA, w.inspectionA, { dryRun: 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(CUSTOMARY_LEDGER_PREVIEW);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses a real import while names are unmatched, with the details, and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const res = await upload(unitAdminA, w.inspectionA, {});
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error).toMatchObject({
      code: 'ledger_import_refused',
      details: { errors: [], unmatched: CUSTOMARY_LEDGER_PREVIEW.unmatched },
    });
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses bad requests before anything is written', async () => {
    const before = await tableCounts(handle.db);
    await expectRefusals(
      [
        ['a department user', () => upload(deptA1, w.inspectionA, { dryRun: 'true' }), 403, 'forbidden'],
        ['another unit', () => upload(unitAdminB, w.inspectionA, { dryRun: 'true' }), 404, 'not_found'],
        [
          'a malformed mapping',
          () => upload(unitAdminA, w.inspectionA, { mapping: '{"people":[1]}' }),
          400,
          'bad_mapping',
        ],
        [
          'not a spreadsheet',
          () => upload(unitAdminA, w.inspectionA, {}, Buffer.from([0, 1, 2, 3])),
          400,
          'not_a_spreadsheet',
        ],
        [
          'no file',
          () =>
            unitAdminA.inject({
              method: 'POST',
              url: `/api/inspections/${w.inspectionA}/ledger-imports`,
              ...multipart({ dryRun: 'true' }, null),
            }),
          400,
          'file_required',
        ],
        [
          'not multipart',
          () => unitAdminA.post(`/api/inspections/${w.inspectionA}/ledger-imports`, { dryRun: true }),
          415,
          'unsupported_media_type',
        ],
      ],
      expect,
    );
    const tooBig = await upload(unitAdminA, w.inspectionA, {}, Buffer.alloc(t.config.maxUploadBytes + 1, 0x20));
    expect(tooBig.statusCode).toBe(413);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('imports with a mapping: 201 with the summary and what was created', async () => {
    const res = await upload(unitAdminA, w.inspectionA, { mapping: MAPPING });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      items: 6,
      measures: 11,
      errors: [],
      created: { problems: 1, items: 6, measures: 11, progress: 2 },
    });
    const ledgerRows = await unitAdminA.get(`/api/items?inspectionId=${w.inspectionA}&limit=50`);
    expect(ledgerRows.json<Static<typeof ledgerPage>>().total).toBe(8);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = t.app.swagger() as { paths: Record<string, { post: { responses: object; description: string } }> };
    const op = doc.paths['/api/inspections/{id}/ledger-imports'].post;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '201', '400']));
    expect(op.description).toMatch(/dryRun/);
  });
});
