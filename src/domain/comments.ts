/**
 * Issue 15, public comments: the citizen's receipt (回执号), the status the portal shows for it, and the rules of 转办 and
 * 办结. Plain functions: the command draws the random bytes and the clock, these decide.
 */
import { isEmailAddress, isMobileNumber } from './channels.ts';
import type { CommentStatus } from './publication.ts';

/**
 * The receipt's letters: digits and capitals without those read alike (0/O, 1/I/L), so it can be copied by hand or read
 * out on the phone. 31 letters, 12 of them: 59 bits, grouped ABCD-EFGH-JKMN.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_LENGTH = 12;
/** Bits of a receipt: 12 × log2(31) ≈ 59.4. */
export const RECEIPT_BITS = RECEIPT_LENGTH * Math.log2(RECEIPT_ALPHABET.length);

/** The largest multiple of 31 under 256: bytes at or above it are skipped so each letter is equally likely. */
const UNBIASED_BELOW = 256 - (256 % RECEIPT_ALPHABET.length);

/**
 * A receipt's 12 letters from random bytes (crypto random, from the caller), skipping bytes that would bias the draw;
 * null when the bytes run out first (the caller draws again with more).
 */
export function receiptFromBytes(bytes: Uint8Array): string | null {
  let out = '';
  for (const b of bytes) {
    if (b >= UNBIASED_BELOW) continue;
    out += RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length];
    if (out.length === RECEIPT_LENGTH) return out;
  }
  return null;
}

/** The receipt as shown: ABCD-EFGH-JKMN. */
export function formatReceipt(raw: string): string {
  return raw.match(/.{1,4}/g)?.join('-') ?? raw;
}

/**
 * A receipt as typed or pasted (any case, spaces, dashes) back to its 12 letters; null when it cannot be one, so a
 * malformed lookup is a miss like any other and never reaches the database.
 */
export function normalizeReceipt(input: string): string | null {
  if (input.length > 40) return null;
  const raw = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (raw.length !== RECEIPT_LENGTH) return null;
  for (const c of raw) if (!RECEIPT_ALPHABET.includes(c)) return null;
  return raw;
}

/** What the portal says of a comment: never who sent it, never the unit's notes. */
export type PublicCommentStatus = 'received' | 'processing' | 'transferred' | 'handled';
export const PUBLIC_COMMENT_STATUSES: readonly PublicCommentStatus[] = [
  'received',
  'processing',
  'transferred',
  'handled',
];

export const PUBLIC_COMMENT_STATUS_ZH: Record<PublicCommentStatus, string> = {
  received: '已收到',
  processing: '处理中',
  transferred: '已转办',
  handled: '已办结',
};

export const PUBLIC_COMMENT_STATUS_EN: Record<PublicCommentStatus, string> = {
  received: 'Received',
  processing: 'In progress',
  transferred: 'Passed to a department',
  handled: 'Handled',
};

/**
 * The public status: 办结 wins; then a comment passed to a department (转办) is 已转办 until handled; one with a draft
 * answer, or linked to an item, is 处理中; otherwise 已收到.
 */
export function publicCommentStatus(c: {
  status: CommentStatus;
  transferDepartmentId: number | null;
  itemId: number | null;
}): PublicCommentStatus {
  if (c.status === 'handled') return 'handled';
  if (c.transferDepartmentId !== null) return 'transferred';
  if (c.status === 'answered' || c.itemId !== null) return 'processing';
  return 'received';
}

/** The answer the portal publishes: only once the comment is handled, and only when there is one. */
export function publishedAnswer(c: {
  status: CommentStatus;
  answer: string | null;
  handledAt: string | null;
}): { answer: string; on: string } | null {
  if (c.status !== 'handled' || !c.answer || !c.answer.trim() || !c.handledAt) return null;
  return { answer: c.answer, on: c.handledAt };
}

/** 办结 needs an answer, the one given now or one already stored. */
export function handledNeedsAnswer(given: string | null, stored: string | null): boolean {
  return (given ?? stored ?? '').trim() !== '';
}

/** A 转办's due date: a real date, not before today. */
export function transferDueProblem(due: string, today: string): 'format' | 'past' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return 'format';
  const d = new Date(`${due}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== due) return 'format';
  return due < today ? 'past' : null;
}

/** A 转办 still open (not handled) past its due date shows red. */
export function transferOverdue(c: { status: CommentStatus; transferDueOn: string | null }, today: string): boolean {
  return c.status !== 'handled' && c.transferDueOn !== null && c.transferDueOn < today;
}

/** Lookups of receipts from one address: this many misses in the window, then 429 until the oldest leaves it. */
export const RECEIPT_LOOKUP_LIMIT = { misses: 20, windowSeconds: 600 } as const;

/** Seconds until the oldest miss in the window drops out (Retry-After), at least 1. */
export function lookupRetryAfter(oldestMiss: Date, now: Date): number {
  return Math.max(
    1,
    Math.ceil((oldestMiss.getTime() + RECEIPT_LOOKUP_LIMIT.windowSeconds * 1000 - now.getTime()) / 1000),
  );
}

/** How the receipt reaches the citizen besides the page: e-mail, SMS, or not at all (the page says to save it). */
export type ReceiptChannel = 'email' | 'sms';

/**
 * Where the receipt can be sent: the contact is an e-mail address and mail is configured, or a mobile number and the
 * unit (or a unit above it) has an SMS hook; otherwise nowhere.
 */
export function receiptChannelFor(
  contact: string | null,
  reach: { email: boolean; sms: boolean },
): { channel: ReceiptChannel; address: string } | null {
  if (!contact) return null;
  const c = contact.trim();
  if (reach.email && isEmailAddress(c)) return { channel: 'email', address: c };
  const phone = c.replace(/[\s-]/g, '');
  if (reach.sms && isMobileNumber(phone)) return { channel: 'sms', address: phone };
  return null;
}
