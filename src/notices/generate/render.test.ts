import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { baseSnapshot, item, measure, randomSnapshot, writing } from './fixtures.ts';
import { buildDocument, CONTENT_TYPES, documentFileName, renderDocument } from './index.ts';

const small = buildDocument(
  baseSnapshot({
    aspects: [{ id: 1, roundId: 1, name: '落实全面从严治党战略部署方面', sortOrder: 0 }],
    problems: [
      {
        id: 2,
        inspectionId: 7,
        aspectId: 1,
        number: null,
        title: '公务用车管理不严',
        description: null,
        sortOrder: 0,
        version: 1,
      },
    ],
    items: [
      item('车辆派遣登记不全', {
        aspectId: 1,
        problemId: 2,
        measures: [measure('逐车核对派车单'), measure('加装北斗定位终端')],
      }),
      item('<b>维修</b> & "定点"_*#', { aspectId: 1, problemId: 2, result: 'partially_completed' }),
    ],
  }),
  writing({ organising: '第一段。\n\n第二段。', nextSteps: '继续整改。' }),
  { kind: 'notice', publicVersion: true, today: '2026-11-20' },
);

const text = async (format: 'txt' | 'md' | 'html') => (await renderDocument(small, format)).toString('utf8');

describe('text formats', () => {
  it('txt: one paragraph a line, ready to paste into a web CMS', async () => {
    expect(await text('txt')).toBe(`中共江澜市交通运输局党组关于十届市委第一轮巡察整改进展情况的通报

根据中共江澜市委统一部署，2026年3月10日至2026年5月10日，市委第一巡察组对江澜市交通运输局进行了巡察。2026年7月1日，市委第一巡察组向江澜市交通运输局反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。
一、履行巡察整改主体责任情况
第一段。
第二段。
截至2026年11月15日，巡察反馈的1个方面1个具体问题涉及的2个细化问题，已完成整改1个，阶段性完成整改1个。
二、巡察反馈问题整改落实情况
（一）关于落实全面从严治党战略部署方面
反馈问题：公务用车管理不严
1.车辆派遣登记不全（完成）
一是逐车核对派车单。二是加装北斗定位终端。
2.<b>维修</b> & "定点"_*#（阶段性完成）
三、下一步工作打算
继续整改。
欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。
公开期限：2026年11月20日至2026年12月4日。
联系电话：0571-88776655。
电子邮箱：jtjzg@jianglan.gov.cn。
邮政地址：江澜市滨江路88号，邮编：310000。


中共江澜市交通运输局党组
2026年11月20日
`);
  });

  it('md: headings by level, item headings bold, Markdown characters escaped, signature above the date', async () => {
    expect(await text('md')).toBe(`# 中共江澜市交通运输局党组关于十届市委第一轮巡察整改进展情况的通报

根据中共江澜市委统一部署，2026年3月10日至2026年5月10日，市委第一巡察组对江澜市交通运输局进行了巡察。2026年7月1日，市委第一巡察组向江澜市交通运输局反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。

## 一、履行巡察整改主体责任情况

第一段。

第二段。

截至2026年11月15日，巡察反馈的1个方面1个具体问题涉及的2个细化问题，已完成整改1个，阶段性完成整改1个。

## 二、巡察反馈问题整改落实情况

### （一）关于落实全面从严治党战略部署方面

*反馈问题：公务用车管理不严*

**1.车辆派遣登记不全（完成）**

一是逐车核对派车单。二是加装北斗定位终端。

**2.\\<b\\>维修\\</b\\> & "定点"\\_\\*\\#（阶段性完成）**

## 三、下一步工作打算

继续整改。

欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。

公开期限：2026年11月20日至2026年12月4日。

联系电话：0571-88776655。

电子邮箱：jtjzg@jianglan.gov.cn。

邮政地址：江澜市滨江路88号，邮编：310000。

中共江澜市交通运输局党组\\
2026年11月20日
`);
  });

  it('html: self-contained, A4 print layout, every text escaped', async () => {
    const html = await text('html');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).not.toMatch(/<link|<script|<img|@import|url\(|https?:/);
    expect(html).toContain('<p class="item">2.&lt;b&gt;维修&lt;/b&gt; &amp; &quot;定点&quot;_*#（阶段性完成）</p>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<h1>中共江澜市交通运输局党组关于<br>十届市委第一轮巡察整改进展情况的通报</h1>');
    expect(html).toContain('<h2>一、履行巡察整改主体责任情况</h2>');
    expect(html).toContain('<h3>（一）关于落实全面从严治党战略部署方面</h3>');
    expect(html).toContain('<p class="measures">一是逐车核对派车单。二是加装北斗定位终端。</p>');
    expect(html).toContain(
      '<div class="signature"><div><p>中共江澜市交通运输局党组</p><p>2026年11月20日</p></div></div>',
    );
  });

  it('names files by the Chinese title and gives content types', () => {
    expect(documentFileName(small, 'docx')).toBe(
      '中共江澜市交通运输局党组关于十届市委第一轮巡察整改进展情况的通报.docx',
    );
    expect(documentFileName({ ...small, publicVersion: false }, 'txt')).toMatch(/通报（内部版）\.txt$/);
    expect(documentFileName({ ...small, title: 'a/b:c*?"<>|\u0001' }, 'md')).toBe('a_b_c_______.md');
    expect(CONTENT_TYPES.docx).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(CONTENT_TYPES.html).toBe('text/html; charset=utf-8');
  });
});

describe('.docx per GB/T 9704-2012', () => {
  const load = async () => {
    const doc = buildDocument(randomSnapshot(11, { items: 12 }), writing(), {
      kind: 'notice',
      publicVersion: true,
      today: '2026-11-20',
    });
    const files = unzipSync(await renderDocument(doc, 'docx'));
    const xml = (name: string) => strFromU8(files[name]);
    return { doc, files, xml };
  };

  it('A4 with the standard margins in twips, different odd and even footers', async () => {
    const { xml } = await load();
    const document = xml('word/document.xml');
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 37, 26, 35, 28 mm.
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(document).toMatch(/<w:footerReference w:type="default" r:id="rId\d+"\/>/);
    expect(document).toMatch(/<w:footerReference w:type="even" r:id="rId\d+"\/>/);
    expect(xml('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('page numbers — N — in 4号 宋体 from a PAGE field, right on odd pages and left on even ones', async () => {
    const { xml } = await load();
    const footers = [xml('word/footer1.xml'), xml('word/footer2.xml')];
    for (const f of footers) {
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('<w:rFonts w:ascii="宋体" w:cs="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/>');
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('> —</w:t>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('fonts named as offices have them, sizes, fixed 28.9 pt pitch, two-character indent, real heading levels', async () => {
    const { xml } = await load();
    const styles = xml('word/styles.xml');
    const style = (id: string) => {
      const at = styles.indexOf(`w:styleId="${id}"`);
      return styles.slice(at, styles.indexOf('</w:style>', at));
    };
    const fontsOf = (name: string) =>
      `<w:rFonts w:ascii="${name}" w:cs="${name}" w:eastAsia="${name}" w:hAnsi="${name}"/>`;
    expect(style('Normal')).toContain(fontsOf('仿宋_GB2312'));
    expect(style('Normal')).toContain('<w:sz w:val="32"/>');
    expect(style('Normal')).toContain('<w:spacing w:after="0" w:before="0" w:line="578" w:lineRule="exact"/>');
    expect(style('Normal')).toContain('<w:ind w:firstLine="640" w:firstLineChars="200"/>');
    expect(style('Title')).toContain(fontsOf('方正小标宋简体'));
    expect(style('Title')).toContain('<w:sz w:val="44"/>');
    expect(style('Title')).toContain('<w:jc w:val="center"/>');
    expect(style('Heading1')).toContain(fontsOf('黑体'));
    expect(style('Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style('Heading2')).toContain(fontsOf('楷体_GB2312'));
    expect(style('Heading2')).toContain('<w:outlineLvl w:val="1"/>');
    expect(style('Heading3')).toContain('<w:outlineLvl w:val="2"/>');
    expect(style('Heading1')).toContain('<w:name w:val="heading 1"/>');
  });

  it('paragraphs by level: title, 一、, （一）, item headings, then the signature at the right', async () => {
    const { doc, xml } = await load();
    const document = xml('word/document.xml');
    const styled = (id: string) => (document.match(new RegExp(`<w:pStyle w:val="${id}"/>`, 'g')) ?? []).length;
    expect(styled('Title')).toBe(1);
    expect(document).toContain(
      '<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">中共江澜市交通运输局党组关于</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">十届市委第一轮巡察整改进展情况的通报</w:t></w:r></w:p>',
    );
    expect(styled('Heading1')).toBe(3);
    expect(styled('Heading2')).toBe(doc.blocks.filter((b) => b.type === 'heading' && b.level === 2).length);
    expect(styled('Heading3')).toBe(doc.totals.items);
    expect(document).toContain(
      `<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">${doc.signature.date}</w:t>`,
    );
    // The date four characters (4 × 16 pt) in from the right margin.
    expect(document).toContain('<w:ind w:right="1280" w:firstLine="0" w:firstLineChars="0"/>');
  });
});
