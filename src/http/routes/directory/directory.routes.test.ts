import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { directoryWorkbook } from '../../../ledger-io/directory/fixtures.ts';
import { createTestApp, expectRefusals, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts } from '../../../test/factories.ts';
import type { directoryCheck, directoryImported } from './directory.schema.ts';

type Check = Static<typeof directoryCheck>;
type Imported = Static<typeof directoryImported>;

describe.each(testDialects())('directory API on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let admin: TestClient;

  const send = (client: TestClient, url: string, file: Buffer | null, fields: Record<string, string> = {}) =>
    client.inject({
      method: 'POST',
      url,
      ...multipart(fields, file && { name: '通讯录.xlsx', content: file }),
    });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    await buildWorld(handle.db);
    t = await createTestApp(handle);
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('refuses everyone but the system administrator, on all three routes, before reading the file', async () => {
    const file = readFileSync(await directoryWorkbook({ 单位: [['单位编码', '单位名称', '上级单位']] }));
    for (const who of ['office', 'unitadmina', 'leadera', 'depta1', 'supervisor']) {
      const client = await t.login(who);
      await expectRefusals(
        [
          [`${who} export`, () => client.get('/api/directory/export.xlsx'), 403, 'forbidden'],
          [`${who} check`, () => send(client, '/api/directory/imports/check', file), 403, 'forbidden'],
          [`${who} import`, () => send(client, '/api/directory/imports', file), 403, 'forbidden'],
        ],
        expect,
      );
    }
    await expectRefusals(
      [
        ['no file', () => send(admin, '/api/directory/imports/check', null), 400, 'directory_file_required'],
        [
          'not multipart',
          () => admin.inject({ method: 'POST', url: '/api/directory/imports', payload: {} }),
          415,
          'unsupported_media_type',
        ],
      ],
      expect,
    );
  });

  it('exports one workbook with a sheet per kind and Chinese headings', async () => {
    const res = await admin.get('/api/directory/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('通讯录-2026-08-15.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['单位', '部门', '账号', '说明']);
    const headings = (name: string) => ((wb.getWorksheet(name)?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(headings('单位')).toEqual(['单位编码', '单位名称', '上级单位', '单位类型', '排序']);
    expect(headings('账号')).toEqual(['用户名', '姓名', '角色', '单位', '部门', '巡察组', '电子邮箱', '状态']);
    const deptA1 = ((wb.getWorksheet('账号')?.getSheetValues() ?? []) as unknown[][]).find((r) => r?.[1] === 'depta1');
    expect(Array.from(deptA1?.slice(1) ?? [], (v) => v ?? '')).toEqual([
      'depta1',
      'deptA1',
      '责任部门',
      '测试市交通运输局',
      '办公室',
      '',
      '',
      '启用',
    ]);
  });

  it('checks, then confirms with the plan: the new account signs in with its one-time password and must change it', async () => {
    const file = readFileSync(
      await directoryWorkbook({
        账号: [
          ['用户名', '姓名', '角色', '单位', '部门'],
          ['xiaozhou', '周小', '责任部门', '测试市交通运输局', '财务科'],
        ],
      }),
    );
    const before = await tableCounts(handle.db);
    const checked = await send(admin, '/api/directory/imports/check', file);
    expect(checked.statusCode).toBe(200);
    const plan = checked.json<Check>();
    expect(plan).toMatchObject({ errors: [], counts: { accounts: { add: 1, change: 0, unchanged: 0 } } });
    expect(await tableCounts(handle.db)).toEqual(before);

    const done = await send(admin, '/api/directory/imports', file, { planId: plan.planId });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
    const { passwords } = done.json<Imported>();
    expect(passwords).toEqual([{ username: 'xiaozhou', displayName: '周小', password: expect.any(String) }]);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xiaozhou', password: passwords[0].password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({ mustChangePassword: true });

    // The same file again is now no change; a stale plan id is refused.
    const again = await send(admin, '/api/directory/imports/check', file);
    expect(again.json<Check>().counts.accounts).toEqual({ add: 0, change: 0, unchanged: 1 });
    await expectRefusals(
      [
        [
          'stale plan',
          () => send(admin, '/api/directory/imports', file, { planId: plan.planId }),
          409,
          'directory_plan_changed',
        ],
      ],
      expect,
    );
  });

  it('refuses a file with problems, with each problem in the details, and writes nothing', async () => {
    const file = readFileSync(
      await directoryWorkbook({
        账号: [
          ['用户名', '姓名', '角色', '单位'],
          ['dup', '甲', '责任部门', '测试市交通运输局'],
          ['dup', '乙', '责任部门', '测试市交通运输局'],
        ],
      }),
    );
    const before = await tableCounts(handle.db);
    const res = await send(admin, '/api/directory/imports', file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'directory_import_refused',
        message: expect.stringContaining('通讯录未导入'),
        details: { errors: [{ sheet: '账号', row: 3, column: 'A列（用户名）', message: '用户名“dup”与第 2 行重复' }] },
      },
    });
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
