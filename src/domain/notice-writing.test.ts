import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, headingParts, PART_HEADINGS } from './notice-writing.ts';

describe('the parts of a notice or report', () => {
  it('are numbered 一、二、三 in every kind, the second and third alike, the first the kind’s own', () => {
    for (const kind of DOCUMENT_KINDS) {
      const h = PART_HEADINGS[kind];
      expect([h.one, h.two, h.three].map((x) => headingParts(x).number)).toEqual(['一、', '二、', '三、']);
      expect(h.two).toBe('二、巡察反馈问题整改落实情况');
      expect(h.three).toBe('三、下一步工作打算');
    }
    expect(new Set(DOCUMENT_KINDS.map((k) => PART_HEADINGS[k].one)).size).toBe(DOCUMENT_KINDS.length);
  });

  it('splits a heading into its number and its words', () => {
    expect(headingParts('一、履行巡察整改主体责任情况')).toEqual({ number: '一、', text: '履行巡察整改主体责任情况' });
    expect(headingParts('没有编号')).toEqual({ number: '', text: '没有编号' });
  });
});
