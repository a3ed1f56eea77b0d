import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { densityPage, esc, split, trsPage } from '../notices/fixtures/web-page.ts';
import { MAX_NOTICE_BYTES } from '../notices/parse.ts';
import { pastedKind } from '../notices/read-pasted.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../test/factories.ts';
import { main } from './main.ts';

/** Issue 16: `rectify parse -`, `rectify lint -` and `rectify notice import -` read the notice from standard input. */

const fixturePath = (name: string) => fileURLToPath(new URL(`../notices/fixtures/${name}`, import.meta.url));
const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

async function run(args: string[], stdin: Uint8Array | string | Iterable<Uint8Array>) {
  const c = captureIo();
  const chunks = typeof stdin === 'string' || stdin instanceof Uint8Array ? [Buffer.from(stdin)] : stdin;
  const code = await main(args, { ...c.io, stdin: Readable.from(chunks) });
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

const parsedJson = async (stdin: Uint8Array | string) => {
  const r = await run(['parse', '-', '--json'], stdin);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
};

describe('rectify parse - / lint -', () => {
  const notice = fixture('clean-notice.txt');

  it('reads text, a whole page and a fragment from standard input as the file itself', async () => {
    const fromFile = captureIo();
    expect(await main(['parse', fixturePath('clean-notice.txt'), '--json'], fromFile.io)).toBe(0);
    const want = JSON.parse(fromFile.out.join('\n'));
    const { title, body } = split(notice);
    const fragment = `<meta charset="utf-8"><h1>${esc(title)}</h1>${body.map((l) => `<p>${esc(l)}</p>`).join('')}`;
    const divs = `<div class="title">${esc(title)}</div>\n${body.map((l) => `<div>${esc(l)}</div>`).join('\n')}`;
    for (const [name, stdin] of [
      ['text', notice],
      ['text with a BOM, in chunks', `\uFEFF${notice}`],
      ['a TRS page', trsPage(notice)],
      ['a table page', densityPage(notice)],
      ['a <p> fragment', fragment],
      ['a <div> fragment', divs],
    ] as const) {
      expect(pastedKind(stdin), name).toBe(name.startsWith('text') ? 'text' : 'html');
      expect(await parsedJson(stdin), name).toEqual(want);
    }
    // A page piped in chunks that split a character.
    const bytes = Buffer.from(trsPage(notice));
    const r = await run(['parse', '-', '--json'], [bytes.subarray(0, 1001), bytes.subarray(1001)]);
    expect(JSON.parse(r.out)).toEqual(want);
  });

  it('reads a .docx piped in by its bytes', async () => {
    const xml = notice
      .split('\n')
      .map((l) => `<w:p><w:r><w:t>${esc(l)}</w:t></w:r></w:p>`)
      .join('');
    const docx = zipSync({ 'word/document.xml': strToU8(`<w:document><w:body>${xml}</w:body></w:document>`) });
    const fromText = await parsedJson(notice);
    expect(await parsedJson(docx)).toEqual(fromText);
  });

  it('lints standard input, naming it - in the findings', async () => {
    const r = await run(['lint', '-'], trsPage(fixture('lint-broken.txt')));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/错误 error -:\d+ \[/);
    expect((await run(['lint', '-'], notice)).code).toBe(0);
  });

  it('exits 2 with one clear line on empty, binary, article-less or oversized input', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const cases: [string, Uint8Array | string | Iterable<Uint8Array>, RegExp][] = [
      ['empty', '', /为空/],
      ['binary', junk, /无法识别/],
      ['a page without an article', '<html><body><script>x()</script></body></html>', /找不到正文/],
      ['too large', Array.from({ length: 21 }, () => Buffer.alloc(1024 * 1024, 0x61)), /过大/],
    ];
    for (const [name, stdin, message] of cases) {
      for (const command of ['parse', 'lint']) {
        const r = await run([command, '-'], stdin);
        expect(r.code, `${command} ${name}`).toBe(2);
        expect(r.err, `${command} ${name}`).toMatch(message);
        expect(r.err.split('\n'), `${command} ${name}`).toHaveLength(1);
      }
    }
    expect(MAX_NOTICE_BYTES).toBeLessThan(21 * 1024 * 1024);
  });

  it('works through the real command, with the page on its standard input', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawnSync(process.execPath, ['bin/rectify.js', 'parse', '-'], {
      cwd: root,
      input: trsPage(notice),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/标题 \/ title: .*通报/);
  });
});

describe.each(testDialects())('rectify notice import - on %s', (dialect) => {
  const saved = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-notice-stdin-'));
  let handle: DatabaseHandle;
  let w: World;
  const target = () => ['--unit', String(w.unitA.id), '--round', String(w.roundId)];

  beforeAll(async () => {
    const opened = await createCliTestDatabase(dialect, dir);
    handle = opened.handle;
    w = await buildWorld(handle.db);
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    Object.assign(process.env, opened.env);
  });
  afterAll(async () => {
    process.env = saved;
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews and imports a page piped in, as from its file; bad input exits 2 and writes nothing', async () => {
    const notice = fixture('import-notice.txt');
    const before = await tableCounts(handle.db);
    const fromFile = captureIo();
    expect(await main(['notice', 'import', fixturePath('import-notice.txt'), ...target(), '--json'], fromFile.io)).toBe(
      0,
    );
    const preview = await run(['notice', 'import', '-', ...target(), '--json'], trsPage(notice));
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.out).problems).toEqual(JSON.parse(fromFile.out.join('\n')).problems);
    for (const stdin of ['', '\u0001\u0002\u0003'.repeat(400)]) {
      const bad = await run(['notice', 'import', '-', ...target(), '--confirm'], stdin);
      expect(bad.code).toBe(2);
    }
    expect(await tableCounts(handle.db)).toEqual(before);
    const done = await run(['notice', 'import', '-', ...target(), '--confirm', '--json'], trsPage(notice));
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out).counts.items).toBe(5);
    expect((await tableCounts(handle.db)).inspections - before.inspections).toBe(1);
  });
});
