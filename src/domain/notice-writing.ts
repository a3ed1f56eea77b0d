/**
 * The parts of a notice or report that the unit writes itself (PRODUCT.md: 一、 the account of organising the work, 三、 next
 * steps, the public period and the contact block, the signature). Everything else — totals, items, results, measures — is
 * generated from the ledger and never typed.
 */

import { isIsoDate } from './dates.ts';
import type { WorkLogKind } from './inspection.ts';

export const DOCUMENT_KINDS = ['notice', 'report', 'leader-report'] as const;
/** notice: 巡察整改进展情况的通报 (public); report: 整改情况报告 to the inspection office; leader-report: 主要负责人组织落实情况报告. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The headings of a notice's or report's three parts, as the generated document prints them and the editor labels the
 * fields that fill them: one source, so the writer sees the heading the reader will.
 */
export const PART_HEADINGS: Record<DocumentKind, { one: string; two: string; three: string }> = {
  notice: { one: '一、履行巡察整改主体责任情况', two: '二、巡察反馈问题整改落实情况', three: '三、下一步工作打算' },
  report: { one: '一、巡察整改工作开展情况', two: '二、巡察反馈问题整改落实情况', three: '三、下一步工作打算' },
  'leader-report': {
    one: '一、履行巡察整改第一责任人职责情况',
    two: '二、巡察反馈问题整改落实情况',
    three: '三、下一步工作打算',
  },
};

/** A heading split as the document lays it out: its number (一、) and its words. */
export function headingParts(heading: string): { number: string; text: string } {
  const i = heading.indexOf('、') + 1;
  return { number: heading.slice(0, i), text: heading.slice(i) };
}

/** What a contact line of a notice must look like: the server validates with these, the editor marks as typed. */
export const CONTACT_PATTERNS = {
  phone: '^[0-9+()（）\\- ]{5,24}$',
  email: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
} as const;

export interface NoticeContacts {
  phone: string[];
  email: string[];
  postal: string | null;
  postcode: string | null;
}

export interface NoticeWriting {
  /** The organ that signs it (中共江澜市交通运输局党组); defaults to the unit's party organisation when absent. */
  issuer: string | null;
  /** The date under the signature, YYYY-MM-DD. */
  issuedOn: string | null;
  /** The 截至 date of the totals sentence; defaults to the issue date. */
  asOf: string | null;
  /** 一、 the unit's own account of organising the work; paragraphs separated by blank lines. */
  organising: string | null;
  /** 三、 next steps. */
  nextSteps: string | null;
  /** 公开期限 (notices only). */
  publicFrom: string | null;
  publicTo: string | null;
  contacts: NoticeContacts;
  /** Who a report is addressed to (巡察工作领导小组); reports only. */
  addressee: string | null;
  /** The first responsible person who signs a leader report (党组书记 姓名). */
  signatory: string | null;
}

export const EMPTY_WRITING: NoticeWriting = {
  issuer: null,
  issuedOn: null,
  asOf: null,
  organising: null,
  nextSteps: null,
  publicFrom: null,
  publicTo: null,
  contacts: { phone: [], email: [], postal: null, postcode: null },
  addressee: null,
  signatory: null,
};

/** The work log entries the unit's account of organising the work (一、) usually cites. */
export const ORGANISING_KINDS: WorkLogKind[] = [
  'leading_group',
  'deployment_meeting',
  'progress_meeting',
  'democratic_life_meeting',
  'study_session',
  'check_visit',
];

/** The order PRODUCT.md sets: feedback ≤ as-of ≤ notice date ≤ period start < period end. */
export function checkWritingDates(w: NoticeWriting, feedbackOn: string | null): { field: string; message: string }[] {
  const fields: { field: string; message: string }[] = [];
  for (const field of ['issuedOn', 'asOf', 'publicFrom', 'publicTo'] as const) {
    const value = w[field];
    if (value !== null && !isIsoDate(value)) fields.push({ field, message: 'must be a valid date YYYY-MM-DD' });
  }
  if (fields.length > 0) return fields;
  if (w.publicFrom && w.publicTo && w.publicTo <= w.publicFrom) {
    fields.push({ field: 'publicTo', message: `must be after ${w.publicFrom}` });
  }
  if (feedbackOn && w.issuedOn && w.issuedOn < feedbackOn) {
    fields.push({ field: 'issuedOn', message: `must be on or after the feedback date ${feedbackOn}` });
  }
  if (feedbackOn && w.asOf && w.asOf < feedbackOn) {
    fields.push({ field: 'asOf', message: `must be on or after the feedback date ${feedbackOn}` });
  }
  if (w.asOf && w.issuedOn && w.asOf > w.issuedOn) {
    fields.push({ field: 'asOf', message: `must be on or before the issue date ${w.issuedOn}` });
  }
  if (w.issuedOn && w.publicFrom && w.publicFrom < w.issuedOn) {
    fields.push({ field: 'publicFrom', message: `must be on or after the issue date ${w.issuedOn}` });
  }
  return fields;
}
