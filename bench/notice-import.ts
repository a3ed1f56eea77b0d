/**
 * node --import tsx bench/notice-import.ts — what importing and generating a notice costs, on SQLite.
 * A synthetic notice of ITEMS items (3 measures each, 10 sections) is parsed, planned, written, then the public notice is
 * generated and linted. The baseline is parsing the same text, measured in the same run: the import should cost a small
 * multiple of reading the notice, and nothing per item should dominate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importNotice, previewNoticeImport } from '../src/commands/notice-import.commands.ts';
import type { CommandContext } from '../src/context.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/dates.ts';
import { renderDocument } from '../src/notices/generate/index.ts';
import { parseNoticeText } from '../src/notices/parse.ts';
import { generateDocument, lintGeneratedNotice } from '../src/queries/notices.queries.ts';
import { buildWorld, testConfig } from '../src/test/factories.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECTIONS = 10;
const ZH = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const RESULTS = ['完成', '阶段性完成', '未完成'];

function syntheticNotice(items: number): string {
  const lines = [
    '中共测试市交通运输局党组关于十届市委第一轮巡察整改进展情况的通报',
    '',
    '根据市委统一部署，2026年3月16日至5月15日，市委第二巡察组对中共测试市交通运输局党组进行了巡察。2026年6月20日，市委第二巡察组向中共测试市交通运输局党组反馈了巡察意见。',
    '一、履行巡察整改主体责任情况',
    '局党组成立整改工作领导小组，召开专题会议3次。',
    '二、巡察反馈问题整改落实情况',
  ];
  const perSection = Math.ceil(items / SECTIONS);
  let n = 0;
  for (let s = 0; s < SECTIONS && n < items; s++) {
    lines.push(`（${ZH[s]}）关于${s % 2 === 0 ? '党的领导' : '全面从严治党'}方面第${s + 1}组问题`);
    for (let i = 0; i < perSection && n < items; i++) {
      n++;
      lines.push(`${n}.江澜市第${n}项整改事项落实不到位`);
      lines.push(`整改结果：${RESULTS[n % 3]}`);
      lines.push(`整改情况：一是制定第${n}项制度；二是开展专项检查${n}次；三是建立长效机制。`);
    }
  }
  lines.push('三、下一步打算', '持续巩固整改成果。');
  lines.push(
    '公开期限：2026年8月10日至2026年8月24日。联系电话：0731-6661234。',
    '',
    '中共测试市交通运输局党组',
    '2026年8月10日',
  );
  return lines.join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: (run: number) => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await fn(run);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-notice-'));
const handle = openSqlite(path.join(dir, 'bench.sqlite'));
try {
  await migrateToLatest(handle);
  const w = await buildWorld(handle.db);
  const ctx: CommandContext = {
    db: handle.db,
    actor: w.users.office.actor,
    config: testConfig(),
    now: () => new Date('2026-08-15T02:00:00Z'),
  };
  const text = syntheticNotice(ITEMS);
  const request = { unitId: w.unitA.id, roundId: w.roundId, to: '2026-05-15' };
  const source = { fileName: 'bench.txt', sha256: '0'.repeat(64) };

  // One untimed pass first, so the baseline does not pay for compiling the parser.
  await previewNoticeImport(ctx, parseNoticeText(text), request);
  const parse = await time(() => parseNoticeText(text));
  const planned = (await previewNoticeImport(ctx, parseNoticeText(text), request)).counts;
  if (planned.items !== ITEMS) throw new Error(`the synthetic notice parsed into ${planned.items} items, not ${ITEMS}`);
  const preview = await time(() => previewNoticeImport(ctx, parseNoticeText(text), request));
  const inspectionIds: number[] = [];
  const write = await time(async (run) => {
    // Each run is another inspection (the same one twice would be refused as a duplicate).
    const plan = await previewNoticeImport(ctx, parseNoticeText(text), {
      ...request,
      from: addDays('2026-01-01', run),
    });
    inspectionIds.push((await importNotice(ctx, plan, source)).inspectionId);
  });
  const last = inspectionIds[inspectionIds.length - 1];
  const txt = await time(async () =>
    renderDocument(await generateDocument(ctx, last, 'notice', { publicVersion: true }), 'txt'),
  );
  const docx = await time(async () =>
    renderDocument(await generateDocument(ctx, last, 'notice', { publicVersion: true }), 'docx'),
  );
  const lint = await time(() => lintGeneratedNotice(ctx, last));

  const row = (what: string, ms: number) => `| ${what} | ${ms.toFixed(1)} | ${(ms / parse).toFixed(1)}× |`;
  console.log(
    `Notice of ${ITEMS} items, ${ITEMS * 3} measures, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB; SQLite; median of ${RUNS} runs\n`,
  );
  console.log('| step | ms | vs. baseline |');
  console.log('|---|---:|---:|');
  console.log(row('baseline: parse the text', parse));
  console.log(row('preview (parse + plan against the ledger)', preview));
  console.log(row('import (preview + write in one transaction)', write));
  console.log(row('generate public notice (.txt)', txt));
  console.log(row('generate public notice (.docx)', docx));
  console.log(row('lint the generated notice against the ledger', lint));
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
