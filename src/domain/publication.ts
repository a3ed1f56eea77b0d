/**
 * Rules of the public portal: where a published notice stands on a given day, what a public comment may contain, and the
 * cheap signs of a bot. Pure: the clock and the configuration are passed in.
 */

import type { NoticeContacts } from './notice-writing.ts';

export type PublicExpiry = 'withdraw' | 'archive';
export type StoredPublicationStatus = 'published' | 'withdrawn';
/** scheduled: published before its period starts; the portal shows it from public_from. */
export type PublicationState = 'scheduled' | 'public' | 'archived' | 'withdrawn';

export const PUBLICATION_STATE_ZH: Record<PublicationState, string> = {
  scheduled: '待公开',
  public: '公开中',
  archived: '已归档',
  withdrawn: '已撤回',
};

/**
 * The state on `today` (YYYY-MM-DD, China time). The period includes both its first and last day; after it the notice is
 * withdrawn or archived as the office configured, derived here rather than written by a job, so a moved clock or a changed
 * setting takes effect at once.
 */
export function publicationState(
  p: { status: StoredPublicationStatus; publicFrom: string; publicTo: string },
  today: string,
  expiry: PublicExpiry,
): PublicationState {
  if (p.status === 'withdrawn') return 'withdrawn';
  if (today < p.publicFrom) return 'scheduled';
  if (today <= p.publicTo) return 'public';
  return expiry === 'archive' ? 'archived' : 'withdrawn';
}

/** A published notice as stored, with its unit and the count of comments by status. */
export interface Publication {
  id: number;
  inspectionId: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  teamId: number;
  title: string;
  publicFrom: string;
  publicTo: string;
  contacts: NoticeContacts;
  status: StoredPublicationStatus;
  publishedAt: string;
  publishedBy: number;
  withdrawnAt: string | null;
  withdrawnBy: number | null;
  version: number;
  comments: { new: number; answered: number; handled: number };
  /** Issue 15: an item was withheld (不宜公开) after publishing; the text stays until a correction is published. */
  needsCorrection: boolean;
  correctionReason: string | null;
  /** The day the shown text last replaced an earlier one (更正); null while the first text stands. */
  correctedAt: string | null;
  /** The number of the version the portal shows (1 until corrected). */
  shownVersion: number;
}

/** A publication with the state its period and the configured expiry give it today. */
export interface PublicationView extends Publication {
  state: PublicationState;
}

export const publicationView = (p: Publication, today: string, expiry: PublicExpiry): PublicationView => ({
  ...p,
  state: publicationState(p, today, expiry),
});

/** Comments are taken only while the notice is in its public period. */
export const acceptsComments = (state: PublicationState) => state === 'public';
/** The portal lists and opens notices in their period and archived ones. */
export const shownOnPortal = (state: PublicationState) => state === 'public' || state === 'archived';

export const COMMENT_LIMITS = { content: 2000, name: 50, contact: 100, links: 2 } as const;
/** A person reads a notice before writing; a form sent back sooner than this was filled by a program. */
export const MIN_FORM_SECONDS = 3;
/** A form older than this is refused (reload the page): it stops a signed timestamp from being reused for ever. */
export const MAX_FORM_HOURS = 24;

export interface CommentInput {
  content: string;
  name: string | null;
  contact: string | null;
}

export interface CommentProblem {
  field: 'content' | 'name' | 'contact';
  code: 'required' | 'too_long' | 'too_many_links' | 'control_characters';
}

const LINK = /(?:https?:\/\/|www\.)\S/gi;
// Tabs and line breaks are part of writing; other control characters are not.
const hasControlCharacter = (s: string) =>
  Array.from(s).some((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f;
  });

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

const optional = (value: string | null | undefined) => {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
};

/** Trims the fields, empties optional ones to null, and lists every problem at once. Length counts characters, not bytes. */
export function checkComment(raw: { content?: string | null; name?: string | null; contact?: string | null }): {
  value: CommentInput;
  problems: CommentProblem[];
} {
  const value: CommentInput = {
    content: (raw.content ?? '').trim(),
    name: optional(raw.name),
    contact: optional(raw.contact),
  };
  const problems: CommentProblem[] = [];
  const length = (s: string) => Array.from(s).length;
  if (value.content === '') problems.push({ field: 'content', code: 'required' });
  else if (length(value.content) > COMMENT_LIMITS.content) problems.push({ field: 'content', code: 'too_long' });
  else if (countLinks(value.content) > COMMENT_LIMITS.links)
    problems.push({ field: 'content', code: 'too_many_links' });
  for (const field of ['content', 'name', 'contact'] as const) {
    const v = value[field];
    if (v !== null && hasControlCharacter(v)) problems.push({ field, code: 'control_characters' });
  }
  if (value.name !== null && length(value.name) > COMMENT_LIMITS.name)
    problems.push({ field: 'name', code: 'too_long' });
  if (value.contact !== null && length(value.contact) > COMMENT_LIMITS.contact)
    problems.push({ field: 'contact', code: 'too_long' });
  return { value, problems };
}

export const COMMENT_PROBLEM_ZH: Record<CommentProblem['code'], string> = {
  required: '请填写意见建议内容',
  too_long: '内容超过长度上限',
  too_many_links: `内容中的链接不能超过 ${COMMENT_LIMITS.links} 个`,
  control_characters: '内容含有不可见的控制字符',
};

const FIELD_ZH: Record<CommentProblem['field'], string> = { content: '意见建议', name: '姓名', contact: '联系方式' };

/** One sentence per problem for the form, e.g. "姓名：内容超过长度上限（最多 50 字）". */
export function describeProblem(p: CommentProblem): string {
  const limit = p.code === 'too_long' ? `（最多 ${COMMENT_LIMITS[p.field]} 字）` : '';
  return `${FIELD_ZH[p.field]}：${COMMENT_PROBLEM_ZH[p.code]}${limit}`;
}

export type FormTimeVerdict = 'ok' | 'too_fast' | 'expired';

/** Whether a form rendered at `renderedAt` (ms) and sent at `now` (ms) was plausibly filled in by a person. */
export function judgeFormTime(renderedAt: number, now: number): FormTimeVerdict {
  const elapsed = now - renderedAt;
  if (elapsed < MIN_FORM_SECONDS * 1000) return 'too_fast';
  if (elapsed > MAX_FORM_HOURS * 3600 * 1000) return 'expired';
  return 'ok';
}

/** Seconds until the oldest comment of the last hour drops out of the window (Retry-After), at least 1. */
export function retryAfterSeconds(oldestInWindow: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldestInWindow.getTime() + 3600_000 - now.getTime()) / 1000));
}

/** A comment is new until answered; handled closes it, with or without an answer. */
export type CommentStatus = 'new' | 'answered' | 'handled';
export const COMMENT_STATUS_ZH: Record<CommentStatus, string> = {
  new: '待处理',
  answered: '已答复',
  handled: '已办结',
};
