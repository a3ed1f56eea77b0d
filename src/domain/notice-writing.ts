/**
 * The parts of a notice or report that the unit writes itself (PRODUCT.md: 一、 the account of organising the work, 三、 next
 * steps, the public period and the contact block, the signature). Everything else — totals, items, results, measures — is
 * generated from the ledger and never typed.
 */
export const DOCUMENT_KINDS = ['notice', 'report', 'leader-report'] as const;
/** notice: 巡察整改进展情况的通报 (public); report: 整改情况报告 to the inspection office; leader-report: 主要负责人组织落实情况报告. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

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
