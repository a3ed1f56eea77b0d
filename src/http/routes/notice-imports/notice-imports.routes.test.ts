import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { MAX_NOTICE_BYTES } from '../../../notices/parse.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { ledgerPage } from '../items/items.schema.ts';
import type { importResponses } from './notice-imports.schema.ts';

type Plan = Static<(typeof importResponses)[200]>;
type Imported = Static<(typeof importResponses)[201]>;

const form = (fields: Record<string, string>, file: { name: string; bytes: Uint8Array } | null, fileFirst = false) =>
  multipart(fields, file && { name: encodeURIComponent(file.name), content: Buffer.from(file.bytes) }, { fileFirst });

const fixture = (name: string) => readFileSync(new URL(`../../../notices/fixtures/${name}`, import.meta.url));

describe.each(testDialects())('POST /api/notice-imports on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  const notice = { name: '港航管理局整改通报.txt', bytes: fixture('import-notice.txt') };

  const upload = (
    client: TestClient,
    fields: Record<string, string>,
    file: { name: string; bytes: Uint8Array } = notice,
    fileFirst = false,
  ) => client.inject({ method: 'POST', url: '/api/notice-imports', ...form(fields, file, fileFirst) });
  const target = () => ({ unitId: String(w.unitA.id), roundId: String(w.roundId) });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('answers a preview with the plan and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const res = await upload(office, { ...target(), confirm: 'false' }, notice, true);
    expect(res.statusCode).toBe(200);
    const plan = res.json<Plan>();
    expect(plan.inspection).toMatchObject({ unitId: w.unitA.id, teamId: w.teamB, from: '2026-03-16' });
    expect(plan.counts).toMatchObject({ problems: 3, items: 5, measures: 10 });
    expect(plan.problems[0].items[0]).toMatchObject({ title: '码头安全监管责任落实不到位', state: 'closed' });
    expect(plan.warnings.length).toBeGreaterThan(0);
    expect(plan.errors).toEqual([]);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('reads a .docx notice the same as its text', async () => {
    const escapeXml = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const body = notice.bytes
      .toString('utf8')
      .split('\n')
      .map((line) => `<w:p><w:r><w:t>${escapeXml(line)}</w:t></w:r></w:p>`)
      .join('');
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(`<w:document><w:body>${body}</w:body></w:document>`),
    });
    const res = await upload(office, target(), { name: '整改通报.docx', bytes: docx });
    expect(res.statusCode).toBe(200);
    const fromText = (await upload(office, target())).json<Plan>();
    expect(res.json<Plan>().problems).toEqual(fromText.problems);
  });

  it('reads the notice saved as a web page the same as its text, and refuses a damaged PDF (issue 16)', async () => {
    const fromText = (await upload(office, target())).json<Plan>();
    const lines = notice.bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const esc = (l: string) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const page = `<html><head><meta charset="utf-8"><title>${esc(lines[0])}</title></head><body>
      <div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
      <div class="position">当前位置：<a>首页</a> &gt; <a>巡察整改</a></div><h1>${esc(lines[0])}</h1>
      <p>来源：江澜市港航管理局　发布时间：2026-11-20</p><div class="TRS_Editor">${lines
        .slice(1)
        .map((l) => `<p>${esc(l)}</p>`)
        .join(
          '',
        )}</div><div class="share">分享到：<a>微信</a></div><div class="footer">版权所有 江澜市港航管理局</div></body></html>`;
    // Named .txt on purpose: the content says it is a page.
    const res = await upload(office, target(), { name: '通报（网页另存）.txt', bytes: Buffer.from(page) });
    expect(res.statusCode).toBe(200);
    expect(res.json<Plan>().problems).toEqual(fromText.problems);
    const damaged = await upload(office, target(), { name: 'notice.pdf', bytes: Buffer.from('%PDF-1.7 broken') });
    expect(damaged.statusCode).toBe(400);
    expect(damaged.json<ErrorBody>().error.code).toBe('not_pdf');
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await tableCounts(handle.db);
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
    const emptyDocx = zipSync({ 'word/document.xml': strToU8('<w:document><w:body></w:body></w:document>') });
    const oversize = Buffer.alloc(MAX_NOTICE_BYTES + 1024, '巡察整改。\n');
    const cases: [string, ReturnType<typeof upload>, number, string][] = [
      ['binary junk', upload(office, target(), { name: 'notice.txt', bytes: junk }), 400, 'not_text'],
      ['an empty file', upload(office, target(), { name: 'notice.txt', bytes: new Uint8Array(0) }), 400, 'empty'],
      [
        'a .docx that is not a zip',
        upload(office, target(), { name: 'notice.docx', bytes: Buffer.from('这不是 Word 文档') }),
        400,
        'not_docx',
      ],
      ['a .docx with no text', upload(office, target(), { name: 'notice.docx', bytes: emptyDocx }), 400, 'empty'],
      [
        'prose with no structure',
        upload(office, { ...target(), confirm: 'true' }, { name: 'prose.txt', bytes: fixture('prose-only.txt') }),
        400,
        'import_invalid',
      ],
      ['a file over the limit', upload(office, target(), { name: 'paste.txt', bytes: oversize }), 413, 'too_large'],
      [
        'no file',
        office.inject({ method: 'POST', url: '/api/notice-imports', ...form(target(), null) }),
        400,
        'file_required',
      ],
      ['not multipart', office.post('/api/notice-imports', { unitId: 1 }), 415, 'unsupported_media_type'],
      ['a missing round', upload(office, { unitId: String(w.unitA.id) }), 400, 'validation'],
      ['a malformed date', upload(office, { ...target(), from: '2026-02-30' }), 400, 'validation'],
      ['an unknown field', upload(office, { ...target(), title: 'x' }), 400, 'validation'],
      ['confirm not a boolean', upload(office, { ...target(), confirm: 'yes' }), 400, 'validation'],
    ];
    for (const [name, call, status, code] of cases) {
      const res = await call;
      expect(res.statusCode, name).toBe(status);
      expect(res.json<ErrorBody>().error.code, name).toBe(code);
      // In Chinese, the language asked when none is.
      expect(res.json<ErrorBody>().error.message, name).toMatch(/\p{Script=Han}/u);
    }
    const prose = await upload(office, target(), { name: 'prose.txt', bytes: fixture('prose-only.txt') });
    expect(prose.json().error.details.errors).toContain(
      '未识别出整改事项 / no rectification items were recognised in the notice',
    );
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses users who may not create inspections (403) and unknown units (404)', async () => {
    const clients: [string, TestClient][] = [];
    for (const user of ['unitadmina', 'leadera', 'depta1', 'teama', 'supervisor'])
      clients.push([user, await t.login(user)]);
    const before = await tableCounts(handle.db);
    for (const [user, client] of clients) {
      const res = await upload(client, { ...target(), confirm: 'true' });
      expect(res.statusCode, user).toBe(403);
    }
    expect((await upload(office, { ...target(), unitId: '99999' })).statusCode).toBe(404);
    expect((await upload(office, { ...target(), roundId: '99999' })).statusCode).toBe(404);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('imports on confirm (201) with the counted rows, then refuses the same notice again', async () => {
    const before = await tableCounts(handle.db);
    const res = await upload(office, { ...target(), confirm: 'true' });
    expect(res.statusCode).toBe(201);
    const { inspectionId, counts } = res.json<Imported>();
    const after = await tableCounts(handle.db);
    expect(after.inspections - before.inspections).toBe(1);
    expect(after.items - before.items).toBe(counts.items);
    expect(after.measures - before.measures).toBe(counts.measures);
    expect(after.audit_events - before.audit_events).toBe(2);
    const ledger = await office.get(`/api/items?inspectionId=${inspectionId}`);
    expect(ledger.json<Static<typeof ledgerPage>>().items.map((i) => i.title)).toContain('船舶登记档案缺失');

    const again = await upload(office, { ...target(), confirm: 'true' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.errors.join('\n')).toMatch(/already exists/);
    expect(await tableCounts(handle.db)).toEqual(after);
  });
});
