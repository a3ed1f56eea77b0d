import { describe, expect, it } from 'vitest';
import { cellHeight, deadlineCell, MIN_ROW_HEIGHT, overdueMark, remarkOf, serialCell } from './layout.ts';

describe('ledger layout values', () => {
  const today = '2026-08-15';
  it('marks 逾期 while open past the deadline and 逾期完成 once closed late', () => {
    expect(overdueMark({ deadline: '2026-08-14', state: 'in_progress', closedOn: null }, today)).toBe('逾期');
    expect(overdueMark({ deadline: '2026-08-15', state: 'in_progress', closedOn: null }, today)).toBe('');
    expect(overdueMark({ deadline: '2026-08-01', state: 'closed', closedOn: '2026-08-02' }, today)).toBe('逾期完成');
    expect(overdueMark({ deadline: '2026-08-01', state: 'closed', closedOn: '2026-08-01' }, today)).toBe('');
    expect(overdueMark({ deadline: null, state: 'in_progress', closedOn: null }, today)).toBe('');
  });

  it('keeps lateness on record whatever the deadline became (issue 13): 逾期完成, or 曾逾期 while open', () => {
    const moved = { deadline: '2099-12-31', missedDeadline: '2026-08-01' };
    expect(overdueMark({ ...moved, state: 'closed', closedOn: '2026-08-02' }, today)).toBe('逾期完成');
    expect(overdueMark({ ...moved, state: 'in_progress', closedOn: null }, today)).toBe('曾逾期');
  });

  it('notes 原定时限, 调整后时限 and the number of extensions (issue 13)', () => {
    const base = { withheld: false, withheldReason: null, flagged: true };
    expect(remarkOf({ ...base, deadline: '2026-10-31', originalDeadline: '2026-09-30', extensionCount: 2 })).toBe(
      '挂牌督办\n原定时限：2026-09-30；调整后时限：2026-10-31（延期2次）',
    );
    expect(remarkOf({ ...base, deadline: '2026-10-31', originalDeadline: null, extensionCount: 0 })).toBe('挂牌督办');
  });

  it('writes a real date, or what the kind says about time', () => {
    expect(deadlineCell('2026-09-30', 'deadline')).toEqual({ date: '2026-09-30' });
    expect(deadlineCell(null, 'immediate')).toBe('立行立改');
    expect(deadlineCell(null, 'ongoing')).toBe('长期坚持');
    expect(deadlineCell(null, 'deadline')).toBeNull();
  });

  it('keeps an item’s number, as a number when it is a plain one', () => {
    expect(serialCell('12', 3)).toBe(12);
    expect(serialCell('1.2', 3)).toBe('1.2');
    expect(serialCell('01', 3)).toBe('01');
    expect(serialCell(null, 3)).toBe(3);
  });

  it('notes 不宜公开 with its reason and 挂牌督办', () => {
    expect(remarkOf({ withheld: true, withheldReason: '涉密', flagged: true })).toBe('不宜公开：涉密\n挂牌督办');
    expect(remarkOf({ withheld: true, withheldReason: null, flagged: false })).toBe('不宜公开');
    expect(remarkOf({ withheld: false, withheldReason: null, flagged: false })).toBe('');
  });

  it('sizes rows for wrapped text: lines and Chinese characters count', () => {
    expect(cellHeight(null, 10)).toBe(MIN_ROW_HEIGHT);
    const one = cellHeight('一行', 10);
    expect(cellHeight('一行\n二行\n三行', 10)).toBeGreaterThan(one * 2);
    expect(cellHeight('中'.repeat(40), 10)).toBeGreaterThan(cellHeight('a'.repeat(40), 10));
  });
});
