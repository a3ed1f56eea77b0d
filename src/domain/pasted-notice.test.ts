import { describe, expect, it } from 'vitest';
import { pastedContent, pastedKind } from './pasted-notice.ts';

describe('pastedKind', () => {
  it.each([
    ['<!DOCTYPE html><html>', 'html'],
    ['\uFEFF <html lang="zh-CN">', 'html'],
    ['<!-- saved from url=(0042)http://jtj.jianglan.gov.cn/ -->\n<html>', 'html'],
    ["<meta charset='utf-8'><h1>通报</h1>", 'html'],
    ['<p class=MsoNormal>通报</p>', 'html'],
    ['\n  <div class="TRS_Editor"><p>一、</p></div>', 'html'],
    ['<span style="font-size:16pt">关于</span>', 'html'],
    ['<o:p></o:p>', 'html'],
    ['中共江澜市交通运输局党组关于巡察整改进展情况的通报', 'text'],
    ['1.<p>标签不当</p>', 'text'],
    ['<巡察整改>通报', 'text'],
    ['<pre-existing', 'text'],
    ['', 'text'],
  ])('%j is %s', (text, kind) => {
    expect(pastedKind(text)).toBe(kind);
  });

  it("prefers the clipboard's HTML, else knows a page's source pasted as text", () => {
    expect(pastedContent('<p>一</p>', '一')).toEqual({ text: '<p>一</p>', kind: 'html' });
    expect(pastedContent(' ', '一')).toEqual({ text: '一', kind: 'text' });
    expect(pastedContent('', '<html><body>一</body></html>')).toEqual({
      text: '<html><body>一</body></html>',
      kind: 'html',
    });
  });
});
