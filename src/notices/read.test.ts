import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { NoticeInputError, parseNoticeFile, readNoticeFile } from './parse.ts';
import { documentXmlText } from './read.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Node has no GB18030 encoder; invert the decoder over the two-byte range, which covers every character used here. */
function gb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const NOTICE = [
  '中共江澜市审计局党组关于十三届市委第三轮巡察整改进展情况的通报',
  '根据市委统一部署，2025年3月3日至4月28日，市委第八巡察组对市审计局党组进行了巡察。2025年6月10日，市委第八巡察组向市审计局党组反馈了巡察意见。',
  '二、巡察反馈问题整改落实情况',
  '1.审计整改跟踪不到位。一是建立整改台账；二是开展回头看。',
  '中共江澜市审计局党组',
  '2025年12月1日',
].join('\n');

function docx(bodyXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8(xml),
    ...extra,
  });
}

const para = (text: string) =>
  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('readNoticeFile', () => {
  it('reads UTF-8 text, with or without a BOM', async () => {
    expect(await readNoticeFile(file('a.txt', NOTICE))).toBe(NOTICE);
    expect(await readNoticeFile(file('bom.txt', `\uFEFF${NOTICE}`))).toBe(NOTICE);
  });

  it('reads GB18030 text when the bytes are not UTF-8', async () => {
    const bytes = gb18030(NOTICE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const p = file('gbk.txt', bytes);
    expect(await readNoticeFile(p)).toBe(NOTICE);
    const n = await parseNoticeFile(p);
    expect(n.inspection.team).toBe('市委第八巡察组');
    expect(n.sections[0].items[0]).toMatchObject({ title: '审计整改跟踪不到位', measure_count: 2 });
  });

  it('reads UTF-16 text saved with a BOM', async () => {
    const body = Buffer.from(NOTICE, 'utf16le');
    expect(await readNoticeFile(file('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), body])))).toBe(NOTICE);
  });

  it('reads the paragraphs, tabs, breaks and table cells of a .docx', async () => {
    const lines = NOTICE.split('\n');
    const body = [
      para(lines[0]),
      para(lines[1]),
      para(lines[2]),
      // A run split in two, an entity, a break inside the paragraph.
      `<w:p><w:r><w:t>1.审计整改</w:t></w:r><w:r><w:t xml:space="preserve">跟踪不到位。一是建立整改台账；二是开展回头看。</w:t></w:r><w:r><w:br/><w:t>A&amp;B</w:t><w:tab/><w:t>C</w:t></w:r></w:p>`,
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>问题</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      // A text box appears once even though Word stores a fallback copy.
      '<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:p><w:r><w:t>文本框</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>',
      para(lines[4]),
      para(lines[5]),
    ].join('');
    const text = await readNoticeFile(file('n.docx', docx(body)));
    expect(text.split('\n')).toEqual([
      lines[0],
      lines[1],
      lines[2],
      '1.审计整改跟踪不到位。一是建立整改台账；二是开展回头看。',
      'A&B\tC',
      '序号',
      '问题',
      '文本框',
      '',
      lines[4],
      lines[5],
    ]);
    const n = await parseNoticeFile(path.join(dir, 'n.docx'));
    expect(n.issued_on).toBe('2025-12-01');
    expect(n.sections[0].items[0].measure_count).toBe(2);
  });

  it('decodes numeric entities in document.xml', () => {
    expect(documentXmlText('<w:p><w:r><w:t>&#x4E00;&#20108;&lt;&gt;</w:t></w:r></w:p>')).toBe('一二<>');
  });

  it('refuses a .docx that is not a zip', async () => {
    const p = file('fake.docx', NOTICE);
    await expect(readNoticeFile(p)).rejects.toThrow(NoticeInputError);
    await expect(readNoticeFile(p)).rejects.toThrow(/不是有效的 \.docx.*not a valid \.docx/);
  });

  it('refuses a zip without word/document.xml', async () => {
    const p = file('empty.docx', zipSync({ 'hello.txt': strToU8('hi') }));
    await expect(readNoticeFile(p)).rejects.toThrow(/no word\/document\.xml/);
  });

  it('refuses a damaged zip', async () => {
    const good = docx(para('x'));
    const p = file('broken.docx', good.slice(0, 40));
    await expect(readNoticeFile(p)).rejects.toThrow(NoticeInputError);
  });

  it('refuses a damaged legacy .doc, or any .doc where LibreOffice is missing, with a coded message', async () => {
    const p = file('old.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    await expect(readNoticeFile(p)).rejects.toThrow(/\.doc \/ \.wps/);
    const saved = process.env.RECTIFY_SOFFICE;
    process.env.RECTIFY_SOFFICE = path.join(dir, 'no-such-soffice');
    try {
      await expect(readNoticeFile(p)).rejects.toMatchObject({ key: 'office_converter_missing' });
      await expect(readNoticeFile(p)).rejects.toThrow(/LibreOffice is not installed/);
    } finally {
      if (saved === undefined) delete process.env.RECTIFY_SOFFICE;
      else process.env.RECTIFY_SOFFICE = saved;
    }
  });

  it('refuses binary junk', async () => {
    const junk = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      junk[i] = x >> 16;
    }
    await expect(readNoticeFile(file('junk.txt', junk))).rejects.toThrow(/unrecognised content/);
    await expect(readNoticeFile(file('zeros.txt', new Uint8Array(1000)))).rejects.toThrow(NoticeInputError);
  });

  it('refuses empty files, missing files, folders and files over the limit', async () => {
    await expect(readNoticeFile(file('empty.txt', ''))).rejects.toThrow(/empty/);
    await expect(readNoticeFile(file('blank.txt', ' \n\u3000\n'))).rejects.toThrow(/no text/);
    await expect(readNoticeFile(path.join(dir, 'nope.txt'))).rejects.toThrow(/file not found/);
    mkdirSync(path.join(dir, 'folder.txt'));
    await expect(readNoticeFile(path.join(dir, 'folder.txt'))).rejects.toThrow(/directory/);
    const big = file('big.txt', '');
    truncateSync(big, 50 * 1024 * 1024);
    await expect(readNoticeFile(big)).rejects.toThrow(/too large \(50\.0 MB\); the limit is 20\.0 MB/);
    await expect(readNoticeFile(file('small.txt', NOTICE), { maxBytes: 10 })).rejects.toThrow(/too large/);
  });
});
