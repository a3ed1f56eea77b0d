/**
 * Issue 15: the portal's pages for a comment's receipt (回执): the receipt right after sending, its status and, once
 * handled, the published answer. Same page frame and styles as the notices; never the sender's name or contact.
 */
import type { PublicCommentStatus } from '../domain/comments.ts';
import { zhDate } from '../notices/generate/build.ts';
import { escapeHtml, page } from './render.ts';

export interface ReceiptView {
  receipt: string;
  publicationId: number;
  title: string;
  unitName: string;
  noticeShown: boolean;
  sentAt: string;
  status: PublicCommentStatus;
  statusZh: string;
  answer: string | null;
  answeredOn: string | null;
}

/** A time as the Chinese reader reads it, in China's time zone: 2026年8月15日 10:05. */
function zhDateTime(iso: string): string {
  const china = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${zhDate(china.slice(0, 10))} ${china.slice(11, 16)}`;
}

const STEPS: PublicCommentStatus[] = ['received', 'processing', 'handled'];
const STEP_ZH: Record<PublicCommentStatus, string> = {
  received: '已收到',
  processing: '处理中',
  transferred: '已转办',
  handled: '已办结',
};

function steps(status: PublicCommentStatus): string {
  // 已转办 is a kind of 处理中: the middle step names it.
  const at = status === 'transferred' ? 1 : STEPS.indexOf(status);
  return `<ol class="receipt-steps" aria-label="办理进度">${STEPS.map((s, i) => {
    const label = i === 1 && status === 'transferred' ? STEP_ZH.transferred : STEP_ZH[s];
    // Handled is the end: every step done, the last one named as where it stands.
    const cls = i < at || status === 'handled' ? 'done' : i === at ? 'current' : '';
    return `<li class="${cls}"${i === at ? ' aria-current="step"' : ''}>${label}</li>`;
  }).join('')}</ol>`;
}

/** The receipt's status page; `fresh` right after sending (the receipt to save, and whether it was also sent). */
export function renderReceiptPage(v: ReceiptView, fresh?: { sentBy: 'email' | 'sms' | null }): string {
  const notice = v.noticeShown
    ? `<a href="/public/notices/${v.publicationId}">${escapeHtml(v.title)}</a>`
    : escapeHtml(v.title);
  const sentNote = fresh
    ? `<p class="receipt-note">${
        fresh.sentBy === 'email'
          ? '回执号已同时发送至您填写的电子邮箱。'
          : fresh.sentBy === 'sms'
            ? '回执号已同时以短信发送至您填写的手机号码。'
            : '<strong>请保存回执号</strong>：可抄写、截图或收藏本页，凭回执号查询办理情况和答复。'
      }<span class="en" lang="en">${fresh.sentBy ? 'The receipt was also sent to you.' : 'Please keep this receipt number.'}</span></p>`
    : '';
  const head = fresh
    ? `<h1 class="page-title">意见建议已提交 <span class="en" lang="en">Comment received</span></h1>`
    : `<h1 class="page-title">意见建议办理情况 <span class="en" lang="en">Comment status</span></h1>`;
  const answer = v.answer
    ? `<section class="panel" aria-labelledby="answer-title"><h2 class="section-title" id="answer-title">答复 <span class="en" lang="en">Answer</span></h2>
<p class="receipt-answer">${escapeHtml(v.answer)}</p>
<p class="meta">答复日期：${v.answeredOn ? zhDate(new Date(new Date(v.answeredOn).getTime() + 8 * 3600_000).toISOString().slice(0, 10)) : ''} · ${escapeHtml(v.unitName)}</p></section>`
    : `<section class="panel"><h2 class="section-title">答复 <span class="en" lang="en">Answer</span></h2><p class="meta">办结后，答复将在本页公布。<span class="en" lang="en">The answer appears here once the comment is handled.</span></p></section>`;
  return page(
    `回执 ${v.receipt}`,
    `<p class="breadcrumb"><a href="/public">← 返回通报列表</a></p>
${head}
<section class="panel receipt" aria-labelledby="receipt-title">
<h2 class="section-title" id="receipt-title">回执号 <span class="en" lang="en">Receipt</span></h2>
<p class="receipt-code" id="receipt-code">${escapeHtml(v.receipt)}</p>
${sentNote}
<p class="meta">查询地址：<a href="/public/comments/${escapeHtml(v.receipt)}">/public/comments/${escapeHtml(v.receipt)}</a></p>
</section>
<section class="panel" aria-labelledby="status-title">
<h2 class="section-title" id="status-title">办理状态 <span class="en" lang="en">Status</span></h2>
<p><span class="badge receipt-status ${v.status}">${escapeHtml(v.statusZh)}</span></p>
${steps(v.status)}
<dl class="facts">
<dt>通报</dt><dd>${notice}</dd>
<dt>办理单位</dt><dd>${escapeHtml(v.unitName)}</dd>
<dt>提交时间</dt><dd>${zhDateTime(v.sentAt)}</dd>
</dl>
</section>
${answer}`,
  );
}

/** The lookup form: type a receipt, see its status. */
export function renderReceiptForm(message?: string): string {
  return page(
    '意见建议办理情况查询',
    `<p class="breadcrumb"><a href="/public">← 返回通报列表</a></p>
<h1 class="page-title">意见建议办理情况查询 <span class="en" lang="en">Look up a comment</span></h1>
<section class="panel">
<form class="comment receipt-lookup" method="get" action="/public/comments">
<label for="receipt-input">回执号 <span class="hint">（如 ABCD-EFGH-JKMN）</span></label>
<input type="text" id="receipt-input" name="receipt" required maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false">
<button type="submit">查询</button>
${message ? `<p class="status error" role="status">${escapeHtml(message)}</p>` : ''}
</form>
</section>`,
  );
}

/** An unknown receipt: a plain 404 page; too many misses: the same frame with the wait. */
export function renderReceiptMissing(kind: 'unknown' | 'limited', retryAfterSeconds?: number): string {
  const [title, zh, en] =
    kind === 'unknown'
      ? ['找不到该回执号', '找不到该回执号，请核对后重新输入。', 'There is no such receipt; check it and try again.']
      : [
          '查询次数过多',
          `查询次数过多，请在 ${Math.ceil((retryAfterSeconds ?? 600) / 60)} 分钟后再试。`,
          'Too many lookups from your address; try again later.',
        ];
  return page(
    title,
    `<section class="panel"><h1 class="page-title">${title}</h1>
<p>${zh}</p><p class="en" lang="en">${en}</p><p><a href="/public/comments">重新查询</a> · <a href="/public">返回通报列表</a></p></section>`,
  );
}
