import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatReceipt,
  handledNeedsAnswer,
  lookupRetryAfter,
  normalizeReceipt,
  PUBLIC_COMMENT_STATUS_ZH,
  PUBLIC_COMMENT_STATUSES,
  publicCommentStatus,
  publishedAnswer,
  RECEIPT_ALPHABET,
  RECEIPT_BITS,
  RECEIPT_LENGTH,
  RECEIPT_LOOKUP_LIMIT,
  receiptChannelFor,
  receiptFromBytes,
  transferDueProblem,
  transferOverdue,
} from './comments.ts';
import type { CommentStatus } from './publication.ts';

describe('receipts', () => {
  it('uses an alphabet without look-alikes and carries at least 50 bits', () => {
    expect(RECEIPT_ALPHABET).toHaveLength(31);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(31);
    for (const c of '01OIL') expect(RECEIPT_ALPHABET).not.toContain(c);
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(50);
    expect(RECEIPT_LENGTH).toBe(12);
  });

  it('draws 12 letters of the alphabet, skipping biased bytes, and null when the bytes run out', () => {
    expect(receiptFromBytes(new Uint8Array(12))).toBe('222222222222');
    expect(receiptFromBytes(new Uint8Array(Array.from({ length: 12 }, (_, i) => i)))).toBe('23456789ABCD');
    // 248..255 are skipped (248 = 8 × 31), so each letter is equally likely.
    expect(receiptFromBytes(new Uint8Array([248, 255, ...new Array(12).fill(30)]))).toBe('ZZZZZZZZZZZZ');
    expect(receiptFromBytes(new Uint8Array([...new Array(11).fill(1), 250]))).toBeNull();
    expect(receiptFromBytes(new Uint8Array(0))).toBeNull();
    for (let b = 0; b < 256; b++) {
      const r = receiptFromBytes(new Uint8Array(new Array(12).fill(b)));
      if (b >= 248) expect(r).toBeNull();
      else expect(r).toBe(RECEIPT_ALPHABET[b % 31].repeat(12));
    }
  });

  it('spreads evenly over the alphabet from random bytes, and rarely repeats', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const r = receiptFromBytes(randomBytes(32));
      expect(r).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
      seen.add(r as string);
      for (const c of r as string) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(seen.size).toBe(2000);
    expect(counts.size).toBe(31);
    // 24,000 letters over 31: about 774 each; a biased draw would stray far further.
    for (const n of counts.values()) expect(Math.abs(n - 24000 / 31)).toBeLessThan(200);
  });

  it('is shown in groups of four and read back however it is typed', () => {
    expect(formatReceipt('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    for (const typed of ['ABCD-EFGH-JKMN', 'abcd-efgh-jkmn', ' abcd efgh jkmn ', 'ABCDEFGHJKMN', 'AB_CD.EF GH-JK MN']) {
      expect(normalizeReceipt(typed)).toBe('ABCDEFGHJKMN');
    }
    for (const bad of [
      '',
      'ABCD-EFGH-JKM',
      'ABCD-EFGH-JKMNP',
      'ABCD-EFGH-JKM0',
      'ABCD-EFGH-JKMI',
      'ABCD-EFGH-JKML',
      'ABCD-EFGH-JKMO',
      'ABCD-EFGH-JKM1',
      '中文中文中文中文中文中文',
      'ABCD/EFGH/JKMN',
      'A'.repeat(41),
      "ABCD'EFGH'JKMN",
    ]) {
      expect(normalizeReceipt(bad)).toBeNull();
    }
    for (let i = 0; i < 200; i++) {
      const r = receiptFromBytes(randomBytes(32)) as string;
      expect(normalizeReceipt(formatReceipt(r))).toBe(r);
      expect(normalizeReceipt(formatReceipt(r).toLowerCase())).toBe(r);
    }
  });
});

describe('the public status of a comment', () => {
  const statuses: CommentStatus[] = ['new', 'answered', 'handled'];
  const departments = [null, 7];
  const items = [null, 3];

  it('maps every combination: 办结 first, then 转办, then a draft or a link, else received', () => {
    const table: string[] = [];
    for (const status of statuses)
      for (const transferDepartmentId of departments)
        for (const itemId of items)
          table.push(
            `${status}/${transferDepartmentId ?? '-'}/${itemId ?? '-'} ${publicCommentStatus({ status, transferDepartmentId, itemId })}`,
          );
    expect(table).toEqual([
      'new/-/- received',
      'new/-/3 processing',
      'new/7/- transferred',
      'new/7/3 transferred',
      'answered/-/- processing',
      'answered/-/3 processing',
      'answered/7/- transferred',
      'answered/7/3 transferred',
      'handled/-/- handled',
      'handled/-/3 handled',
      'handled/7/- handled',
      'handled/7/3 handled',
    ]);
  });

  it('names each status in Chinese as the issue asks', () => {
    expect(PUBLIC_COMMENT_STATUSES.map((s) => PUBLIC_COMMENT_STATUS_ZH[s])).toEqual([
      '已收到',
      '处理中',
      '已转办',
      '已办结',
    ]);
  });

  it('publishes the answer only once handled, and only a real one', () => {
    const at = '2026-08-20T02:00:00.000Z';
    for (const status of statuses)
      for (const answer of [null, '', '   ', '已整改'])
        for (const handledAt of [null, at]) {
          const got = publishedAnswer({ status, answer, handledAt });
          const expected = status === 'handled' && answer === '已整改' && handledAt ? { answer, on: at } : null;
          expect(got).toEqual(expected);
        }
  });

  it('needs an answer to close: given now or already stored', () => {
    expect(handledNeedsAnswer(null, null)).toBe(false);
    expect(handledNeedsAnswer('', null)).toBe(false);
    expect(handledNeedsAnswer('  ', '')).toBe(false);
    expect(handledNeedsAnswer(null, '  ')).toBe(false);
    expect(handledNeedsAnswer('答复', null)).toBe(true);
    expect(handledNeedsAnswer(null, '已答复')).toBe(true);
    expect(handledNeedsAnswer('新的', '旧的')).toBe(true);
  });
});

describe('转办', () => {
  const today = '2026-08-15';
  it('takes a real date not before today', () => {
    expect(transferDueProblem('2026-08-15', today)).toBeNull();
    expect(transferDueProblem('2026-08-16', today)).toBeNull();
    expect(transferDueProblem('2027-01-01', today)).toBeNull();
    expect(transferDueProblem('2026-08-14', today)).toBe('past');
    expect(transferDueProblem('2025-12-31', today)).toBe('past');
    for (const bad of ['', '2026-8-16', '2026-02-30', '2026-13-01', '20260816', '2026-08-16T00:00', 'tomorrow'])
      expect(transferDueProblem(bad, today)).toBe('format');
  });

  it('is overdue after its date while not handled', () => {
    const cases: [CommentStatus, string | null, boolean][] = [
      ['new', null, false],
      ['new', '2026-08-15', false],
      ['new', '2026-08-14', true],
      ['answered', '2026-08-14', true],
      ['handled', '2026-08-14', false],
      ['answered', '2026-08-16', false],
    ];
    for (const [status, transferDueOn, overdue] of cases)
      expect(transferOverdue({ status, transferDueOn }, today), `${status} ${transferDueOn}`).toBe(overdue);
  });
});

describe('receipt lookups', () => {
  it('allows 20 misses in 10 minutes and says when the oldest leaves the window', () => {
    expect(RECEIPT_LOOKUP_LIMIT).toEqual({ misses: 20, windowSeconds: 600 });
    const now = new Date('2026-08-15T02:10:00Z');
    expect(lookupRetryAfter(new Date('2026-08-15T02:00:30Z'), now)).toBe(30);
    expect(lookupRetryAfter(new Date('2026-08-15T02:09:59.500Z'), now)).toBe(600);
    expect(lookupRetryAfter(new Date('2026-08-15T01:00:00Z'), now)).toBe(1);
  });
});

describe('where the receipt can be sent', () => {
  const both = { email: true, sms: true };
  it('by e-mail or SMS when configured, else nowhere', () => {
    expect(receiptChannelFor(null, both)).toBeNull();
    expect(receiptChannelFor('', both)).toBeNull();
    expect(receiptChannelFor(' zhang@example.cn ', both)).toEqual({ channel: 'email', address: 'zhang@example.cn' });
    expect(receiptChannelFor('zhang@example.cn', { email: false, sms: true })).toBeNull();
    expect(receiptChannelFor('138 0013 8000', both)).toEqual({ channel: 'sms', address: '13800138000' });
    expect(receiptChannelFor('138-0013-8000', { email: true, sms: false })).toBeNull();
    expect(receiptChannelFor('0731-6661234', both)).toBeNull();
    expect(receiptChannelFor('微信 zhang', both)).toBeNull();
  });
});
