import { readFileSync } from 'node:fs';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { articlePage, esc, split, trsPage } from '../../../notices/fixtures/web-page.ts';
import { MAX_NOTICE_BYTES } from '../../../notices/parse.ts';
import { MAX_PASTED_BYTES } from '../../../notices/read-pasted.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { importResponses } from './notice-imports.schema.ts';

type Plan = Static<(typeof importResponses)[200]>;
type Imported = Static<(typeof importResponses)[201]>;

const notice = readFileSync(new URL('../../../notices/fixtures/import-notice.txt', import.meta.url), 'utf8');

/** What Chrome puts on the clipboard when the article is selected on the page: a fragment, the site's styles inline. */
function selectionFragment(text: string): string {
  const { title, body } = split(text);
  return `<meta charset='utf-8'><h1 class="title" style="color: rgb(51, 51, 51); font-size: 22px;">${esc(title)}</h1><div class="info" style="color: rgb(153, 153, 153);">来源：江澜市港航管理局&nbsp;&nbsp;发布时间：2026-11-20 09:30</div><div class="TRS_Editor" style="font-family: 仿宋_GB2312;">${body
    .map((l) => `<p style="text-indent: 2em; line-height: 2;"><span style="font-size: 16pt;">${esc(l)}</span></p>`)
    .join('')}</div>`;
}

/** The selection as plain text only (no HTML came with it): the site's lines and the related articles' titles kept. */
function renderedText(text: string): string {
  const { title, body } = split(text);
  return [
    '当前位置：首页 > 巡察整改',
    title,
    '来源：江澜市港航管理局　发布时间：2026-11-20 09:30　浏览次数：87',
    ...body,
  ]
    .concat(['分享到：微信 微博', '【打印本页】【关闭窗口】', '相关文章', '江澜市港航管理局召开巡察整改推进会'])
    .join('\n');
}

/** What WPS or Word puts on the clipboard: a whole document with Office namespaces, conditional comments and styles. */
function officeClipboard(text: string): string {
  const { title, body } = split(text);
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-family:仿宋_GB2312;} --></style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment--><p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${esc(title)}<o:p></o:p></span></b></p>
${body.map((l) => `<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt'>${esc(l)}<o:p></o:p></span></p>`).join('\n')}
<!--EndFragment--></body></html>`;
}

describe.each(testDialects())('POST /api/notice-imports/pasted on %s (issue 16)', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  const target = () => ({ unitId: w.unitA.id, roundId: w.roundId });
  const paste = (client: TestClient, body: Record<string, unknown>) => client.post('/api/notice-imports/pasted', body);
  let fromFile: Plan;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    const file = multipart(
      { unitId: String(w.unitA.id), roundId: String(w.roundId) },
      { name: 'notice.txt', content: Buffer.from(notice) },
    );
    fromFile = (await office.inject({ method: 'POST', url: '/api/notice-imports', ...file })).json<Plan>();
    expect(fromFile.counts.items).toBe(5);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('reads pasted HTML in site debris, a selection, a Word copy, a page source given as text, and plain text alike', async () => {
    const before = await tableCounts(handle.db);
    const cases: [string, string, 'html' | 'text'][] = [
      ['a saved page (TRS) as HTML', trsPage(notice), 'html'],
      ['an <article> page as HTML', articlePage(notice), 'html'],
      ["the browser selection's text/html", selectionFragment(notice), 'html'],
      ["WPS/Word's text/html", officeClipboard(notice), 'html'],
      ['a page source copied as plain text (Ctrl+U)', trsPage(notice), 'text'],
      ["the selection rendered as plain text, the site's lines and related titles too", renderedText(notice), 'text'],
      ['plain text', notice, 'text'],
      ['plain text said to be HTML (no tag at all)', notice, 'html'],
    ];
    for (const [name, text, kind] of cases) {
      const res = await paste(office, { ...target(), text, kind });
      expect(res.statusCode, name).toBe(200);
      const plan = res.json<Plan>();
      expect(plan.problems, name).toEqual(fromFile.problems);
      expect(plan.counts, name).toEqual(fromFile.counts);
      expect(plan.source.title, name).toBe(fromFile.source.title);
    }
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    expect(MAX_PASTED_BYTES, 'a paste is held to the upload limit').toBe(MAX_NOTICE_BYTES);
    const before = await tableCounts(handle.db);
    let binary = '';
    for (let i = 0; i < 4096; i++) binary += String.fromCharCode((i * 7919 + 13) % 256);
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['empty', { ...target(), text: '', kind: 'text' }, 400, 'empty'],
      ['blank', { ...target(), text: ' \n\t\u3000\n', kind: 'html' }, 400, 'empty'],
      [
        'a page with no article',
        { ...target(), text: '<html><body><script>x()</script></body></html>', kind: 'html' },
        400,
        'empty',
      ],
      ['a binary-looking string', { ...target(), text: binary, kind: 'text' }, 400, 'not_text'],
      [
        'a binary-looking string said to be HTML',
        { ...target(), text: `<p>${binary}</p>`, kind: 'html' },
        400,
        'not_text',
      ],
      ['too long', { ...target(), text: '巡'.repeat(MAX_PASTED_BYTES / 3 + 1), kind: 'text' }, 413, 'too_large'],
      [
        'prose with no structure, confirmed',
        { ...target(), text: '本单位高度重视巡察整改工作。', kind: 'text', confirm: true },
        400,
        'import_invalid',
      ],
      ['an unknown kind', { ...target(), text: notice, kind: 'docx' }, 400, 'validation'],
      ['no text', { ...target(), kind: 'text' }, 400, 'validation'],
      ['a missing round', { unitId: w.unitA.id, text: notice, kind: 'text' }, 400, 'validation'],
      ['a malformed date', { ...target(), text: notice, kind: 'text', from: '2026-02-30' }, 400, 'validation'],
      ['an unknown field', { ...target(), text: notice, kind: 'text', title: 'x' }, 400, 'validation'],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await paste(office, body);
      expect(res.statusCode, name).toBe(status);
      expect(res.json<ErrorBody>().error.code, name).toBe(code);
      expect(res.json<ErrorBody>().error.message, name).toMatch(/\p{Script=Han}/u);
    }
    // Past even the JSON allowance: refused before it is parsed.
    const huge = await office.inject({
      method: 'POST',
      url: '/api/notice-imports/pasted',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...target(), kind: 'text', text: 'x'.repeat(2 * MAX_PASTED_BYTES + 65 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses users who may not create inspections (403) and unknown units (404)', async () => {
    const unitAdmin = await t.login('unitadmina');
    const before = await tableCounts(handle.db);
    expect((await paste(unitAdmin, { ...target(), text: notice, kind: 'text', confirm: true })).statusCode).toBe(403);
    // Before its body is even parsed: not JSON at all, still 403.
    const unparsed = await unitAdmin.inject({
      method: 'POST',
      url: '/api/notice-imports/pasted',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "未读',
    });
    expect(unparsed.statusCode).toBe(403);
    expect((await paste(office, { ...target(), unitId: 99999, text: notice, kind: 'text' })).statusCode).toBe(404);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('imports a pasted page on confirm (201), recording it as pasted, then refuses it again', async () => {
    const before = await tableCounts(handle.db);
    const body = { ...target(), text: trsPage(notice), kind: 'html', confirm: true };
    const res = await paste(office, body);
    expect(res.statusCode).toBe(201);
    const { counts } = res.json<Imported>();
    expect(counts).toEqual(fromFile.counts);
    const after = await tableCounts(handle.db);
    expect(after.inspections - before.inspections).toBe(1);
    expect(after.items - before.items).toBe(counts.items);
    const event = await handle.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'notice.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(String(event.after_json)).toContain('pasted.html');
    const again = await paste(office, body);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.errors.join('\n')).toMatch(/already exists/);
    expect(await tableCounts(handle.db)).toEqual(after);
  });
});
