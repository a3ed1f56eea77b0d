import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { isStrongPassword } from '../domain/password.ts';
import { directoryWorkbook, writeTemp } from '../ledger-io/directory/fixtures.ts';
import { insertUnit } from '../repositories/units.repository.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, testConfig, type World, worldContext } from '../test/factories.ts';
import { deflatedZeros, zipOf } from '../test/zip-bomb.ts';
import { exportDirectory, importDirectory, previewDirectoryImport } from './directory.commands.ts';
import { verifyPassword } from './passwords.ts';

const UNIT_HEADINGS = ['单位编码', '单位名称', '上级单位', '单位类型', '排序'];
const DEPT_HEADINGS = ['部门编码', '部门名称', '所属单位', '排序'];
const ACCOUNT_HEADINGS = ['用户名', '姓名', '角色', '单位', '部门', '巡察组', '电子邮箱', '状态'];

describe.each(testDialects())('directory import and export on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  const admin = () => worldContext(handle.db, w, 'admin');
  const check = (filePath: string) => previewDirectoryImport(admin(), { filePath, fileName: 'd.xlsx' });
  const refusalOf = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e as { key: string; details?: { errors: unknown[] } },
    );
    expect(error).not.toBeNull();
    return error as {
      key: string;
      details?: { errors: { sheet: string; row: number; column: string; message: string }[] };
    };
  };

  // Every test writes the directory, so each starts from a fresh world.
  beforeEach(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  it('reads its own export back as no change at all, and importing it writes nothing but the audit event', async () => {
    const file = writeTemp(await exportDirectory(admin()));
    const plan = await check(file);
    expect(plan.errors).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.counts).toEqual({
      units: { add: 0, change: 0, unchanged: 3 },
      departments: { add: 0, change: 0, unchanged: 3 },
      accounts: { add: 0, change: 0, unchanged: 12 },
    });
    const before = await tableCounts(handle.db);
    const done = await importDirectory(admin(), { filePath: file, fileName: 'd.xlsx', planId: plan.planId });
    expect(done.passwords).toEqual([]);
    expect(await tableCounts(handle.db)).toEqual({ ...before, audit_events: before.audit_events + 1 });
  });

  it('plans a file as people type it and writes it whole: headings with spaces and brackets, names or codes, a parent further down, empty rows', async () => {
    const file = await directoryWorkbook({
      单位: [
        ['江澜市组织机构表'],
        ['单位 编码', '单位名称（全称）', '上级单位（名称或编码）', '类型', '排序'],
        ['T-C', '测试市水务局', '中共测试市委', '被巡察单位', 3],
        [null, null, null, null, null],
        ['T-A', '测试市交通运输局', 'T', '被巡察单位', 0],
      ],
      部门: [
        DEPT_HEADINGS,
        // Its parent is the row below: the order of rows does not matter.
        [null, '档案室', '综合科', 2],
        [null, '综合科', '测试市水务局', 1],
        ['T-C-9', '规划科', 'T-C', 3],
        ['T-A-1', '办公室（党委办）', '测试市交通运输局', 0],
      ],
      账号: [
        ACCOUNT_HEADINGS,
        ['wangwei', '王伟', '被巡察单位管理员', '测试市水务局', null, null, 'wangwei@example.cn', '启用'],
        ['lina', '李娜', '责任部门', 'T-C', '综合科', null, null, null],
        ['depta1', '赵敏', '责任部门', '测试市交通运输局', '办公室（党委办）', null, 'zhao@example.cn', '启用'],
        ['depta2', 'deptA2', '责任部门', '测试市交通运输局', '财务科', null, null, '停用'],
        [],
        // Moved into a department this same file adds, and a team member named by team and round.
        ['leadera', 'leaderA', '被巡察单位领导', '测试市水务局', 'T-C-9', null, null, null],
        ['zuyuan', '组员甲', '巡察组', 'T', null, '市委第一巡察组（十届市委第一轮巡察）', null, null],
      ],
    });
    const plan = await check(file);
    expect(plan.errors).toEqual([]);
    expect(plan.counts).toEqual({
      units: { add: 1, change: 0, unchanged: 1 },
      departments: { add: 3, change: 1, unchanged: 0 },
      accounts: { add: 3, change: 3, unchanged: 0 },
    });
    expect(plan.changes.find((c) => c.name === '档案室')).toMatchObject({
      action: 'add',
      kind: 'department',
      fields: [{ field: '上级', after: '综合科' }, expect.anything()],
    });
    expect(plan.changes.find((c) => c.key === 'depta1')?.fields).toEqual([
      { field: '姓名', before: 'deptA1', after: '赵敏' },
      { field: '电子邮箱', before: null, after: 'zhao@example.cn' },
    ]);
    expect(plan.changes.find((c) => c.key === 'depta2')?.fields).toEqual([
      { field: '状态', before: '启用', after: '停用' },
    ]);

    const before = await tableCounts(handle.db);
    const done = await importDirectory(admin(), { filePath: file, fileName: 'd.xlsx', planId: plan.planId });
    expect(await tableCounts(handle.db)).toMatchObject({ units: before.units + 4, users: before.users + 3 });
    const units = await handle.db.selectFrom('units').select(['id', 'code', 'name', 'parent_id', 'path']).execute();
    const unit = (name: string) => units.find((u) => u.name === name) as (typeof units)[number];
    expect(unit('综合科').parent_id).toBe(unit('测试市水务局').id);
    expect(unit('档案室').parent_id).toBe(unit('综合科').id);
    expect(unit('档案室').path).toBe(`${unit('综合科').path}${unit('档案室').id}/`);
    // Codes the file left out follow the parent's, as the units page suggests them.
    expect(unit('综合科').code).toMatch(/^T-C-\d+$/);
    expect(unit('办公室（党委办）').id).toBe(w.deptA1.id);

    const users = await handle.db
      .selectFrom('users')
      .select(['username', 'display_name', 'unit_id', 'email', 'active', 'must_change_password', 'password_hash'])
      .execute();
    const user = (name: string) => users.find((u) => u.username === name) as (typeof users)[number];
    expect(user('lina')).toMatchObject({ unit_id: unit('综合科').id, active: 1, must_change_password: 1 });
    expect(user('wangwei')).toMatchObject({ email: 'wangwei@example.cn', unit_id: unit('测试市水务局').id });
    expect(user('depta1')).toMatchObject({ display_name: '赵敏', email: 'zhao@example.cn' });
    expect(user('depta2').active).toBe(0);
    expect(user('leadera').unit_id).toBe(unit('规划科').id);
    const team = await handle.db
      .selectFrom('users')
      .select('team_id')
      .where('username', '=', 'zuyuan')
      .executeTakeFirst();
    expect(team?.team_id).toBe(w.teamA);
    // Each new account's one-time password is given once, meets the rule, and is the one stored.
    expect(done.passwords.map((p) => p.username).sort()).toEqual(['lina', 'wangwei', 'zuyuan']);
    for (const p of done.passwords) {
      expect(isStrongPassword(p.password)).toBe(true);
      expect(await verifyPassword(user(p.username).password_hash, p.password)).toBe(true);
    }
    const event = await handle.db
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('directory.import');
    expect(event.after_json).not.toContain(done.passwords[0].password);
  });

  it('reads a CSV of accounts alone, told by its headings when its name says nothing, synonyms and all', async () => {
    const text = '用户名,姓名,角色,所属单位,所属部门,邮箱\r\nxiaowu,吴小,部门用户,T-A,财务科,\r\n,,,,,\r\n';
    const file = writeTemp(Buffer.from(text, 'utf8'), 'export-0815.csv');
    const plan = await previewDirectoryImport(admin(), { filePath: file, fileName: 'export-0815.csv' });
    expect(plan.errors).toEqual([]);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        sheet: 'export-0815',
        row: 2,
        action: 'add',
        key: 'xiaowu',
        fields: [
          { field: '角色', before: null, after: '责任部门' },
          { field: '单位', before: null, after: '财务科' },
        ],
      }),
    ]);
  });

  it('lists every problem by sheet, row and column, and writes nothing', async () => {
    const file = await directoryWorkbook({
      单位: [
        UNIT_HEADINGS,
        [null, '新甲局', '新乙局', '被巡察单位', null],
        [null, '新乙局', '新甲局', '被巡察单位', null],
        ['T-B', '测试市卫生健康委员会', '测试市交通运输局', '被巡察单位', null],
        [null, '测试市卫生健康委员会', 'T', '被巡察单位', null],
        ['T-X', '某局', 'T', '什么单位', null],
      ],
      部门: [DEPT_HEADINGS, [null, '法规科', '办公室', null]],
      账号: [
        ACCOUNT_HEADINGS,
        ['newone', '新人', '责任部门', '测试市交通运输局', null, null, null, null],
        ['NewOne', '又一个', '责任部门', '测试市交通运输局', null, null, null, null],
        ['who', '某人', '局长', '测试市交通运输局', null, null, 'not-an-address', '离职'],
        ['admin', 'admin', '系统管理员', 'T', null, null, null, '停用'],
        ['teamx', '某组员', '巡察组', 'T', null, '第九巡察组', null, null],
      ],
    });
    const before = await tableCounts(handle.db);
    const plan = await check(file);
    const at = (sheet: string, row: number) =>
      plan.errors.filter((e) => e.sheet === sheet && e.row === row).map((e) => `${e.column}：${e.message}`);
    expect(at('单位', 2)).toEqual([
      expect.stringMatching(/^C列（上级单位）：上级关系形成循环：新甲局 → 新乙局 → 新甲局/),
    ]);
    expect(at('单位', 3)).toEqual([expect.stringContaining('循环')]);
    expect(at('单位', 4)).toEqual([expect.stringContaining('已有单位不能通过导入调整上级')]);
    expect(at('单位', 5)).toEqual([expect.stringContaining('同一单位')]);
    expect(at('单位', 6)).toEqual([expect.stringMatching(/^D列（单位类型）：无法识别的单位类型“什么单位”/)]);
    expect(at('部门', 2)).toEqual([]);
    expect(at('账号', 3)).toEqual(['A列（用户名）：用户名“NewOne”与第 2 行重复']);
    expect(at('账号', 4)).toEqual([
      expect.stringMatching(/^C列（角色）：无法识别的角色“局长”/),
      'G列（电子邮箱）：电子邮箱“not-an-address”格式不对',
      expect.stringMatching(/^H列（状态）：无法识别的状态“离职”/),
    ]);
    expect(at('账号', 5)).toEqual(['H列（状态）：不能停用自己的账号或修改自己的角色']);
    expect(at('账号', 6)).toEqual([expect.stringContaining('找不到巡察组“第九巡察组”')]);
    const refused = await refusalOf(importDirectory(admin(), { filePath: file, fileName: 'd.xlsx' }));
    expect(refused.key).toBe('directory_import_refused');
    expect(refused.details?.errors).toEqual(plan.errors);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('asks for a code where a name stands for two units: 办公室 of two units, a unit named twice in the file', async () => {
    await insertUnit(handle.db, { parentId: w.unitB.id, name: '办公室', code: 'T-B-2', kind: 'department' }, TEST_NOW);
    const file = await directoryWorkbook({
      单位: [UNIT_HEADINGS, ['T-D', '测试市审计局', 'T', null, null], ['T-E', '测试市审计局', 'T', null, null]],
      部门: [DEPT_HEADINGS, [null, '法规科', '办公室', null], [null, '督查室', '测试市审计局', null]],
      账号: [
        ACCOUNT_HEADINGS,
        // Under 测试市交通运输局 its 办公室 is the one.
        ['xiaoliu', '小刘', '责任部门', '测试市交通运输局', '办公室', null, null, null],
      ],
    });
    const plan = await check(file);
    const messages = plan.errors.map((e) => `${e.sheet}${e.row}${e.column}：${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^单位3B列（单位名称）：“中共测试市委”下已有名为“测试市审计局”的单位（第 2 行）/),
      expect.stringMatching(/^部门2C列（所属单位）：有 2 个名为“办公室”的单位或部门，请改填编码（T-A-1、T-B-2）/),
      expect.stringMatching(/^部门3C列（所属单位）：有 2 个名为“测试市审计局”/),
    ]);
    expect(plan.changes.find((c) => c.key === 'xiaoliu')?.fields).toContainEqual({
      field: '单位',
      before: null,
      after: '办公室',
    });
  });

  it('refuses a confirmation whose plan changed since the dry run, and writes nothing', async () => {
    const file = await directoryWorkbook({
      单位: [UNIT_HEADINGS, ['T-A', '测试市交通运输局（改）', 'T', null, null]],
    });
    const plan = await check(file);
    expect(plan.counts.units.change).toBe(1);
    await handle.db.updateTable('units').set({ sort_order: 7, version: 2 }).where('id', '=', w.unitA.id).execute();
    const before = await tableCounts(handle.db);
    const refused = await refusalOf(
      importDirectory(admin(), { filePath: file, fileName: 'd.xlsx', planId: plan.planId }),
    );
    expect(refused.key).toBe('directory_plan_changed');
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('keeps 三员分立: the system administrator grants no administrator role by import', async () => {
    const config = testConfig({ RECTIFY_SEPARATION_OF_DUTIES: '1' });
    const ctx = worldContext(handle.db, w, 'admin', { config });
    ctx.actor = { ...ctx.actor, separationOfDuties: true };
    const file = await directoryWorkbook({
      账号: [ACCOUNT_HEADINGS, ['sec2', '安全员', '安全管理员', 'T', null, null, null, null]],
    });
    const plan = await previewDirectoryImport(ctx, { filePath: file, fileName: 'd.xlsx' });
    expect(plan.errors.map((e) => e.message)).toEqual([expect.stringContaining('三员分立下由安全管理员授予')]);
  });

  it('refuses the unit’s own users before reading a byte, and hostile files as files', async () => {
    const file = await directoryWorkbook({ 单位: [UNIT_HEADINGS] });
    for (const who of ['office', 'unitAdminA', 'leaderA', 'deptA1'] as const) {
      const ctx = worldContext(handle.db, w, who);
      expect((await refusalOf(previewDirectoryImport(ctx, { filePath: file, fileName: 'd.xlsx' }))).key).toBe(
        'forbidden',
      );
      expect((await refusalOf(exportDirectory(ctx))).key).toBe('forbidden');
    }
    const MIB = 1 << 20;
    const bomb = zipOf([
      { name: 'xl/workbook.xml', data: deflatedZeros(1), declaredSize: 10 },
      { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(40), declaredSize: 1000 },
    ]);
    const limits = { maxExpandedBytes: 8 * MIB };
    const refused = await refusalOf(
      previewDirectoryImport(admin(), { filePath: writeTemp(bomb, 'bomb.xlsx'), fileName: 'bomb.xlsx', limits }),
    );
    expect(refused.key).toBe('workbook_too_large');
    const garbage = writeTemp(Buffer.from([0, 1, 2, 3, 4]), 'x.xlsx');
    expect((await refusalOf(check(garbage))).key).toBe('not_a_spreadsheet');
  });
});
