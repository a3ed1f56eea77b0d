/**
 * The public portal's pages, rendered on the server: no script needed to read or comment, nothing from outside, every
 * value escaped. The notice body is the generator's own HTML, frozen at publishing (already escaped there).
 */
import { todayInChina } from '../domain/dates.ts';
import type { NoticeContacts } from '../domain/notice-writing.ts';
import { COMMENT_LIMITS, PUBLICATION_STATE_ZH, type PublicationView } from '../domain/publication.ts';
import {
  REMARK_MAX,
  SATISFACTION_LEVEL_ZH,
  SATISFACTION_LEVELS,
  SATISFACTION_QUESTIONS,
} from '../domain/satisfaction.ts';
import { zhDate } from '../notices/generate/build.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export const PORTAL_CSS_PATH = '/public/assets/portal.css';
export const PORTAL_SCRIPT_PATH = '/public/assets/comment.js';
export const PORTAL_ICON_PATH = '/public/assets/favicon.svg';

export function page(title: string, main: string, options: { script?: boolean } = {}): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${PORTAL_ICON_PATH}" type="image/svg+xml">
<link rel="stylesheet" href="${PORTAL_CSS_PATH}">
${options.script ? `<script src="${PORTAL_SCRIPT_PATH}" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site-header"><a href="/public">巡察整改情况公开<span class="sub" lang="en">Inspection rectification notices</span></a></header>
<main id="main">
${main}
</main>
<footer class="site-footer">本栏目公开各被巡察单位巡察整改进展情况，接受社会监督。<span lang="en">Published for public supervision.</span> <a href="/public/comments">意见建议办理情况查询</a></footer>
</body>
</html>
`;
}

const period = (p: PublicationView) => `${zhDate(p.publicFrom)}至${zhDate(p.publicTo)}`;

function entry(p: PublicationView): string {
  return `<li><a class="title" href="/public/notices/${p.id}">${escapeHtml(p.title)}</a>
<div class="meta">${escapeHtml(p.unitName)} · 公开期限：${period(p)}<span class="badge${p.state === 'public' ? ' public' : ''}">${PUBLICATION_STATE_ZH[p.state]}</span></div></li>`;
}

export function renderPortalList(list: { current: PublicationView[]; archived: PublicationView[] }): string {
  const current =
    list.current.length > 0
      ? `<ul class="notices">${list.current.map(entry).join('\n')}</ul>`
      : '<p class="empty">目前没有处于公开期的通报。<span class="en" lang="en">No notice is in its public period now.</span></p>';
  const archived =
    list.archived.length > 0
      ? `<section class="panel" aria-labelledby="archived-title"><h2 class="section-title" id="archived-title">已归档 <span class="en" lang="en">Archived</span></h2>
<p class="meta">公开期已结束，仅供查阅，不再接收意见建议。</p>
<ul class="notices">${list.archived.map(entry).join('\n')}</ul></section>`
      : '';
  return page(
    '巡察整改情况公开',
    `<h1 class="page-title">巡察整改进展情况通报 <span class="en" lang="en">Rectification progress notices</span></h1>
<section class="panel" aria-labelledby="current-title"><h2 class="section-title" id="current-title">公开中 <span class="en" lang="en">In the public period</span></h2>
${current}</section>
${archived}`,
  );
}

function contactsList(c: NoticeContacts): string {
  const rows: string[] = [];
  if (c.phone.length > 0) rows.push(`<dt>联系电话</dt><dd>${c.phone.map(escapeHtml).join('、')}</dd>`);
  if (c.email.length > 0) rows.push(`<dt>电子邮箱</dt><dd>${c.email.map(escapeHtml).join('、')}</dd>`);
  if (c.postal) rows.push(`<dt>通信地址</dt><dd>${escapeHtml(c.postal)}</dd>`);
  if (c.postcode) rows.push(`<dt>邮政编码</dt><dd>${escapeHtml(c.postcode)}</dd>`);
  return rows.join('\n');
}

export interface FormState {
  token: string;
  /** What the sender typed, kept when the server refuses the post so nothing is lost. */
  values?: { content?: string; name?: string; contact?: string };
  message?: { ok: boolean; text: string };
  /** Issue 15, point 4: the satisfaction questionnaire's own values and message (it shares the form token). */
  satisfaction?: { values?: Record<string, string>; message?: { ok: boolean; text: string } };
}

/** 群众满意度测评: four questions on three levels and an optional remark; posts without script, like the comment form. */
function satisfactionForm(p: PublicationView, form: FormState): string {
  const v = form.satisfaction?.values ?? {};
  const msg = form.satisfaction?.message;
  const status = msg
    ? `<p id="satisfaction-status" class="status ${msg.ok ? 'ok' : 'error'}" role="status" aria-live="polite">${escapeHtml(msg.text)}</p>`
    : '<p id="satisfaction-status" class="status" role="status" aria-live="polite"></p>';
  const questions = SATISFACTION_QUESTIONS.map(
    (q, n) => `<fieldset class="question">
<legend>${n + 1}. ${escapeHtml(q.zh)}</legend>
<div class="choices">${SATISFACTION_LEVELS.map(
      (level) =>
        `<label class="choice"><input type="radio" name="${q.key}" value="${level}" required${v[q.key] === level ? ' checked' : ''}> ${SATISFACTION_LEVEL_ZH[level]}</label>`,
    ).join('')}</div>
</fieldset>`,
  ).join('\n');
  return `<section class="panel no-print" id="satisfaction" aria-labelledby="satisfaction-title">
<h2 class="section-title" id="satisfaction-title">群众满意度测评 <span class="en" lang="en">Satisfaction survey</span></h2>
<p class="meta">请对该单位的巡察整改工作作出评价，无需登录，每天可评价一次。评价结果计入整改评估。</p>
<form class="satisfaction" method="post" action="/api/public/notices/${p.id}/satisfaction" accept-charset="utf-8">
${questions}
<label for="satisfaction-remark">其他意见 <span class="hint">（选填，最多 ${REMARK_MAX} 字）</span></label>
<textarea id="satisfaction-remark" name="remark" maxlength="${REMARK_MAX}" rows="3">${escapeHtml(v.remark ?? '')}</textarea>
<div class="trap" aria-hidden="true"><label for="satisfaction-website">请勿填写此项</label><input type="text" id="satisfaction-website" name="website" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="issued" value="${escapeHtml(form.token)}">
<button type="submit">提交评价</button>
${status}
</form>
</section>`;
}

function commentForm(p: PublicationView, form: FormState): string {
  const v = form.values ?? {};
  const action = `/api/public/notices/${p.id}/comments`;
  const status = form.message
    ? `<p id="comment-status" class="status ${form.message.ok ? 'ok' : 'error'}" role="status" aria-live="polite">${escapeHtml(form.message.text)}</p>`
    : '<p id="comment-status" class="status" role="status" aria-live="polite"></p>';
  return `<section class="panel no-print" id="comments" aria-labelledby="comment-title">
<h2 class="section-title" id="comment-title">意见建议 <span class="en" lang="en">Comments</span></h2>
<p class="meta">公开期内，欢迎对整改工作提出意见建议。所填内容仅送交被巡察单位处理，不对外公开。提交后将获得回执号，可凭回执号查询办理情况和答复。</p>
<form class="comment" method="post" action="${action}" accept-charset="utf-8"
 data-sending="正在提交……" data-sent="提交成功，感谢您的意见建议！" data-failed="提交失败，请稍后再试。" data-offline="网络连接失败，请检查网络后重试。">
<label for="comment-content">意见建议内容 <span class="hint">（必填，最多 ${COMMENT_LIMITS.content} 字）</span></label>
<textarea id="comment-content" name="content" required maxlength="${COMMENT_LIMITS.content}" aria-required="true">${escapeHtml(v.content ?? '')}</textarea>
<div class="row">
<div><label for="comment-name">姓名 <span class="hint">（选填）</span></label>
<input type="text" id="comment-name" name="name" maxlength="${COMMENT_LIMITS.name}" autocomplete="name" value="${escapeHtml(v.name ?? '')}"></div>
<div><label for="comment-contact">联系方式 <span class="hint">（选填，电话或邮箱，便于答复）</span></label>
<input type="text" id="comment-contact" name="contact" maxlength="${COMMENT_LIMITS.contact}" autocomplete="tel" value="${escapeHtml(v.contact ?? '')}"></div>
</div>
<div class="trap" aria-hidden="true"><label for="comment-website">请勿填写此项</label><input type="text" id="comment-website" name="website" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="issued" value="${escapeHtml(form.token)}">
<button type="submit">提交意见建议</button>
${status}
</form>
</section>`;
}

export function renderPortalNotice(
  p: PublicationView & { body: { html: string }; history?: HistoryEntry[] },
  form: FormState | null,
): string {
  const open = p.state === 'public' && form !== null;
  const closed = open
    ? ''
    : `<section class="panel no-print"><h2 class="section-title">意见建议 <span class="en" lang="en">Comments</span></h2><p class="closed-note">公开期已结束，不再接收意见建议。<span class="en" lang="en">The public period is over; comments are closed.</span></p></section>`;
  return page(
    p.title,
    `<p class="breadcrumb"><a href="/public">← 返回通报列表</a>${p.state === 'archived' ? '<span class="badge">已归档</span>' : ''}</p>
${correctionNoteHtml(p, p.history ?? [])}
<article class="notice" lang="zh-CN" aria-label="通报正文">
${p.body.html}
</article>
<section class="panel" aria-labelledby="period-title">
<h2 class="section-title" id="period-title">公开期限与联系方式 <span class="en" lang="en">Public period and contacts</span></h2>
<dl class="facts">
<dt>发布单位</dt><dd>${escapeHtml(p.unitName)}</dd>
<dt>公开期限</dt><dd>${period(p)}</dd>
${contactsList(p.contacts)}
</dl>
</section>
${open && form ? satisfactionForm(p, form) : ''}
${historySection(p, p.history ?? [])}
${open && form ? commentForm(p, form) : closed}`,
    { script: open },
  );
}

export function renderPortalMissing(kind: 'unknown' | 'gone'): string {
  const [zh, en] =
    kind === 'gone'
      ? ['该通报已撤回或公开期已结束，不再公开。', 'This notice has been withdrawn or its public period is over.']
      : ['找不到该通报，请检查网址是否正确。', 'There is no such notice; check the address.'];
  return page(
    kind === 'gone' ? '通报已不再公开' : '找不到该通报',
    `<section class="panel"><h1 class="page-title">${kind === 'gone' ? '通报已不再公开' : '找不到该通报'}</h1>
<p>${zh}</p><p class="en" lang="en">${en}</p><p><a href="/public">返回通报列表</a></p></section>`,
  );
}

/** The page a form post without script comes back to when the server refuses it, and the confirmation after success. */
export const SENT_MESSAGE = '提交成功，感谢您的意见建议！';

/** The notice page's words after a satisfaction answer was stored. */
export const SATISFACTION_SENT_MESSAGE = '评价已提交，感谢您的参与！';
// ---- issue 15: a notice corrected in place (更正) shows it, with its earlier texts kept in a history

/** An earlier text of a corrected notice. */
export interface HistoryEntry {
  number: number;
  title: string;
  publishedAt: string | null;
}

/** The day (China time) a version was published. */
const dayOf = (iso: string | null) => (iso ? zhDate(todayInChina(new Date(iso))) : '—');

function correctionNoteHtml(p: PublicationView, history: HistoryEntry[]): string {
  if (!p.correctedAt) return '';
  const previous = history[0];
  const link = previous ? `；<a href="/public/notices/${p.id}/versions/${previous.number}">查看更正前版本</a>` : '';
  return `<p class="correction" role="note"><span class="badge correction-badge">更正</span>本公告于${zhDate(p.correctedAt)}更正${link}<span class="en" lang="en"> Corrected on ${escapeHtml(p.correctedAt)}.</span></p>`;
}

function historySection(p: PublicationView, history: HistoryEntry[]): string {
  if (history.length === 0) return '';
  const rows = history
    .map(
      (v) =>
        `<li class="history-entry"><a href="/public/notices/${p.id}/versions/${v.number}">第 ${v.number} 版（${dayOf(v.publishedAt)}发布）</a></li>`,
    )
    .join('\n');
  return `<section class="panel history" aria-labelledby="history-title">
<h2 class="section-title" id="history-title">更正记录 <span class="en" lang="en">Corrections</span></h2>
<p class="meta">现行为第 ${p.shownVersion} 版，于${zhDate(p.correctedAt ?? p.publicFrom)}更正。更正前的版本保留如下，仅供查阅。</p>
<ul class="history-list">${rows}</ul>
</section>`;
}

/** An earlier text of a notice, marked as superseded, with the way back to the current one. */
export function renderPortalOldVersion(p: PublicationView, v: HistoryEntry & { body: { html: string } }): string {
  return page(
    `${v.title}（更正前版本）`,
    `<p class="breadcrumb"><a href="/public/notices/${p.id}">← 返回现行版本</a></p>
<p class="correction superseded" role="note"><span class="badge">更正前版本</span>这是本公告第 ${v.number} 版（${dayOf(v.publishedAt)}发布），已于${p.correctedAt ? zhDate(p.correctedAt) : '—'}更正，以<a href="/public/notices/${p.id}">现行版本</a>为准。<span class="en" lang="en"> An earlier text, since corrected.</span></p>
<article class="notice" lang="zh-CN" aria-label="更正前版本正文">
${v.body.html}
</article>`,
  );
}
