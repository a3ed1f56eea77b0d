import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { writing } from '../notices/generate/fixtures.ts';
import { readOfd } from '../notices/generate/ofd-reader.ts';
import { parseNoticeText, readNoticeFile } from '../notices/parse.ts';
import { insertNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildMeasure, buildOutcome, buildWorld, TEST_NOW, tableCounts, type World } from '../test/factories.ts';
import { main } from './main.ts';

describe.each(testDialects())('rectify notice (generate) on %s', (dialect) => {
  const saved = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-notice-generate-'));
  let handle: DatabaseHandle;
  let w: World;
  const run = async (...args: string[]) => {
    const c = captureIo();
    const code = await main(['notice', ...args], c.io);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  };
  const out = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    const opened = await createCliTestDatabase(dialect, dir);
    handle = opened.handle;
    w = await buildWorld(handle.db);
    const db = handle.db;
    await buildMeasure(db, w.itemA1, {
      sortOrder: 2,
      content: '修订财务审批管理办法',
      responsibleLeader: '张副局长',
      departmentId: w.deptA1.id,
      deadline: '2026-09-30',
    });
    await buildOutcome(db, w.itemA1, { kind: 'funds_recovered', amountYuan: 12345.67 });
    await buildOutcome(db, w.itemA1, { kind: 'rule_revised' });
    await buildOutcome(db, w.itemA2, { kind: 'funds_recovered', amountYuan: 500 });
    await db
      .updateTable('items')
      .set({ withheld: 1, withheld_reason: '涉及在查案件' })
      .where('id', '=', w.itemA2)
      .execute();
    await insertNoticeDraft(
      db,
      w.inspectionA,
      'notice',
      writing({ issuedOn: '2026-11-20', asOf: '2026-11-15' }),
      TEST_NOW,
    );
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    Object.assign(process.env, opened.env);
  });
  afterAll(async () => {
    process.env = saved;
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the public notice from the ledger and the stored draft; withheld items and their money left out', async () => {
    const r = await run('--inspection', String(w.inspectionA), '--out', out('public.txt'), '--public');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已生成 \/ written: .*public\.txt/);
    const text = readFileSync(out('public.txt'), 'utf8');
    expect(text).not.toContain('公务用车管理不严');
    const parsed = parseNoticeText(text);
    expect(parsed.issuer).toBe('中共江澜市交通运输局党组');
    expect(parsed.sections.flatMap((s) => s.items.map((i) => [i.title, i.status, i.measure_count]))).toEqual([
      ['财务审批不规范', '未完成', 2],
    ]);
    expect(parsed.stated_totals).toMatchObject({ refined_problems: 1, completed: 0, funds_recovered_yuan: 12345.67 });
    // The linter ran on the generated text and found nothing to report as an error.
    expect(r.err).toContain('1 个不宜公开的事项未列入公开版');
    expect(r.err).not.toMatch(/错误 \/ error/);
  });

  it('lists every item in the internal notice and writes .docx, .md and .html', async () => {
    for (const format of ['docx', 'md', 'html'] as const) {
      const r = await run('--inspection', String(w.inspectionA), '--out', out(`internal.${format}`));
      expect(r.code, r.err).toBe(0);
    }
    const text = await readNoticeFile(out('internal.docx'));
    expect(text).toContain('【不宜公开】公务用车管理不严');
    expect(parseNoticeText(text).stated_totals.funds_recovered_yuan).toBe(12845.67);
    expect(readFileSync(out('internal.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(out('internal.md'), 'utf8')).toMatch(/^# 中共江澜市交通运输局党组关于/);
  });

  it('writes the notice as OFD (GB/T 33190), by --format or by the .ofd extension', async () => {
    const id = String(w.inspectionA);
    const byExt = await run('--inspection', id, '--out', out('internal.ofd'));
    expect(byExt.code, byExt.err).toBe(0);
    const byFlag = await run('--inspection', id, '--kind', 'report', '--out', out('report.bin'), '--format', 'ofd');
    expect(byFlag.code, byFlag.err).toBe(0);
    const notice = readOfd(readFileSync(out('internal.ofd')));
    const text = notice.pages.flatMap((p) => p.texts.map((t) => t.text)).join('');
    expect(text).toContain('【不宜公开】公务用车管理不严');
    expect(notice.physicalBox).toEqual([0, 0, 210, 297]);
    const report = readOfd(readFileSync(out('report.bin')));
    expect(report.pages.flatMap((p) => p.texts.map((t) => t.text)).join('')).toContain('责任领导：张副局长');
  });

  it('prints the internal report to stdout with every item, leaders and departments; no draft is a note, not an error', async () => {
    const r = await run('--inspection', String(w.inspectionA), '--kind', 'report', '--out', '-');
    expect(r.code).toBe(0);
    expect(r.out).toContain('关于市委第一巡察组反馈意见整改情况的报告');
    expect(r.out).toContain('中共测试市委巡察工作领导小组：');
    expect(r.out).toContain('2.【不宜公开】公务用车管理不严（未完成）');
    expect(r.out).toContain('责任领导：张副局长');
    expect(r.out).toContain('不宜公开（涉及在查案件）');
    expect(r.err).toContain('尚未保存该文稿的撰写部分');
    const leader = await run(
      '--inspection',
      String(w.inspectionA),
      '--kind',
      'leader-report',
      '--out',
      '-',
      '--format',
      'md',
    );
    expect(leader.code).toBe(0);
    expect(leader.out).toContain('主要负责人组织落实巡察整改情况的报告');
  });

  it('refuses an actor who cannot read the inspection, and bad input, with a clear message; nothing written', async () => {
    const before = await tableCounts(handle.db);
    const id = String(w.inspectionA);
    const cases: [string[], RegExp][] = [
      [['--inspection', id, '--out', out('x.txt'), '--as', w.users.deptB1.username], /not found/],
      [['--inspection', '999999', '--out', out('x.txt')], /inspection 999999 not found/],
      [['--inspection', 'abc', '--out', out('x.txt')], /--inspection ID/],
      [['--out', out('x.txt')], /--inspection ID/],
      [['--inspection', id], /--out FILE/],
      [['--inspection', id, '--out', out('x.pdf')], /cannot tell the format/],
      [['--inspection', id, '--out', out('x.txt'), '--format', 'rtf'], /unknown format "rtf"/],
      [['--inspection', id, '--out', '-', '--format', 'docx'], /cannot go to stdout/],
      [['--inspection', id, '--out', '-', '--format', 'ofd'], /a \.ofd cannot go to stdout/],
      [['--inspection', id, '--out', out('x.txt'), '--kind', 'memo'], /unknown --kind "memo"/],
      [['--inspection', id, '--out', out('x.txt'), '--kind', 'report', '--public'], /notices only/],
      [['--inspection', id, '--out', path.join(dir, 'missing', 'x.txt')], /cannot write/],
      [['--inspection', id, '--out', out('x.txt'), '--bogus'], /bad arguments/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
    expect(existsSync(out('x.txt'))).toBe(false);
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
