import { analyseNotice, type NoticeAnalysis, type TotalField } from './analyse.ts';
import { toHalfWidth } from './normalize.ts';

export interface LintFinding {
  severity: 'error' | 'warning';
  code: string;
  /** zh-CN first, then ' / ' and English. */
  message: string;
  line: number | null;
  excerpt: string | null;
}

/** The ledger the notice should have been generated from; only titles are needed to spot omissions. */
export interface LedgerReference {
  itemTitles: string[];
}

const EXCERPT_CHARS = 60;

function excerptOf(a: NoticeAnalysis, line: number | null): string | null {
  if (line === null) return null;
  const text = (a.lines[line - 1] ?? '').replace(/\[bookmark:[^\]]{0,300}\]/gi, '').trim();
  if (text === '') return null;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Letters and digits only, for comparing titles written with different punctuation or width. */
function key(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/**
 * Checks a notice against the rules a published notice must meet: stated totals agree with the listed items, dates in
 * order, a public period and contacts, a result for every item, continuous numbering, a title, and (given a ledger)
 * every ledger item present.
 */
export function lintNotice(text: string, ledger?: LedgerReference): LintFinding[] {
  const a = analyseNotice(text);
  const n = a.notice;
  const findings: LintFinding[] = [];
  const add = (severity: LintFinding['severity'], code: string, message: string, line: number | null) => {
    findings.push({ severity, code, message, line, excerpt: excerptOf(a, line) });
  };

  if (typeof text !== 'string' || text.trim() === '') {
    add('error', 'empty', '通报内容为空 / the notice is empty', null);
    return findings;
  }

  // Title and signature.
  if (n.title === null) {
    add('warning', 'title_missing', '缺少标题（…关于…巡察整改进展情况的通报） / the notice has no title line', 1);
  }
  if (n.issuer === null) add('warning', 'issuer_missing', '缺少落款单位 / no issuer signs the notice', null);
  if (n.title && n.issuer && a.issuerLine !== a.titleLine) {
    const m = /^(.{2,40}?)关于/.exec(n.title);
    if (m && key(m[1]) !== key(n.issuer)) {
      add(
        'warning',
        'issuer_mismatch',
        `标题中的发文单位“${m[1]}”与落款“${n.issuer}”不一致 / the issuer in the title ("${m[1]}") differs from the signature ("${n.issuer}")`,
        a.issuerLine,
      );
    }
  }

  // Dates.
  for (const d of a.invalidDates) {
    add('error', 'date_invalid', `日期无效：${d.text} / invalid date: ${d.text}`, d.line);
  }
  if (!n.inspection.from || !n.inspection.to) {
    add('warning', 'date_missing', '未写明巡察起止日期 / the inspection period is not stated', a.inspectionLine);
  }
  if (!n.inspection.feedback_on) {
    add('warning', 'date_missing', '未写明反馈日期 / the feedback date is not stated', a.feedbackLine);
  }
  if (!n.issued_on) add('warning', 'date_missing', '未写明落款日期 / the notice date is not stated', a.issuedLine);
  checkDateOrder(a, add);

  // Public period and contacts.
  if (n.publication_period === null) {
    add(
      'error',
      a.periodUnreadable ? 'period_unreadable' : 'period_missing',
      a.periodUnreadable
        ? '公开期限的起止日期无法识别 / the public period has no readable start and end dates'
        : '未写明公开期限 / the public period (公开期限) is missing',
      a.periodLine,
    );
  }
  const c = n.contacts;
  if (c.phone.length === 0 && c.email.length === 0 && c.postal === null) {
    add(
      'error',
      'contacts_missing',
      '未提供联系方式（电话、邮箱或邮政地址） / no contacts (phone, e-mail or postal address) for public comments',
      a.contactLine,
    );
  }

  // Structure and items.
  const items = n.sections.flatMap((s, si) => s.items.map((it, ii) => ({ it, line: a.sections[si].items[ii].line })));
  if (items.length === 0) {
    add('warning', 'no_items', '未识别出整改事项 / no rectified items could be recognised', null);
  }
  if (!n.has_next_steps_section && items.length > 0) {
    add('warning', 'next_steps_missing', '缺少“下一步打算”部分 / there is no next-steps section', null);
  }
  const withStatus = items.filter((x) => x.it.status !== null);
  const withoutStatus = items.filter((x) => x.it.status === null);
  if (withStatus.length > 0) {
    for (const x of withoutStatus) {
      add(
        'error',
        'item_status_missing',
        `第 ${x.it.number ?? '?'} 项${x.it.title ? `“${x.it.title}”` : ''}未标明整改结果 / item ${x.it.number ?? '?'} has no result (完成/阶段性完成/未完成)`,
        x.line,
      );
    }
  } else if (withoutStatus.length > 0) {
    add(
      'warning',
      'item_status_missing',
      `${withoutStatus.length} 个事项均未标明整改结果（完成/阶段性完成/未完成） / none of the ${withoutStatus.length} items states its result`,
      withoutStatus[0].line,
    );
  }
  for (const x of items) {
    if (x.it.title === null) {
      add(
        'warning',
        'item_title_missing',
        `第 ${x.it.number ?? '?'} 项没有标题 / item ${x.it.number ?? '?'} has no title`,
        x.line,
      );
    }
  }
  checkNumbering(a, add);

  // Stated totals against the list.
  checkTotals(a, add);

  // Ledger.
  if (ledger) {
    const titles = items.map((x) => key(x.it.title ?? ''));
    const body = key(text);
    for (const t of ledger.itemTitles) {
      const k = key(t);
      if (k === '') continue;
      const found =
        titles.some((it) => it !== '' && (it === k || it.includes(k) || k.includes(it))) || body.includes(k);
      if (!found) {
        add(
          'error',
          'ledger_item_missing',
          `台账事项未出现在通报中：“${t}” / ledger item missing from the notice: "${t}"`,
          null,
        );
      }
    }
  }
  return findings;
}

type Add = (severity: LintFinding['severity'], code: string, message: string, line: number | null) => void;

function checkDateOrder(a: NoticeAnalysis, add: Add) {
  const n = a.notice;
  const chain: { name: string; en: string; value: string | null; line: number | null }[] = [
    { name: '巡察开始', en: 'inspection start', value: n.inspection.from, line: a.inspectionLine },
    { name: '巡察结束', en: 'inspection end', value: n.inspection.to, line: a.inspectionLine },
    { name: '反馈日期', en: 'feedback date', value: n.inspection.feedback_on, line: a.feedbackLine },
    { name: '通报日期', en: 'notice date', value: n.issued_on, line: a.issuedLine },
    { name: '公开开始', en: 'public period start', value: n.publication_period?.from ?? null, line: a.periodLine },
    { name: '公开结束', en: 'public period end', value: n.publication_period?.to ?? null, line: a.periodLine },
  ];
  // Between neighbours: from ≤ to < feedback ≤ notice ≤ period start < period end.
  const strictAfter = [false, true, false, false, true];
  let prev = -1;
  for (let i = 0; i < chain.length; i++) {
    if (!chain[i].value) continue;
    if (prev >= 0) {
      const p = chain[prev];
      const cur = chain[i];
      const strict = strictAfter.slice(prev, i).some(Boolean);
      const bad = strict ? (cur.value as string) <= (p.value as string) : (cur.value as string) < (p.value as string);
      if (bad) {
        const rel = strict ? '早于' : '不晚于';
        const relEn = strict ? 'before' : 'on or before';
        add(
          'error',
          'date_order',
          `日期顺序错误：${p.name}（${p.value}）应${rel}${cur.name}（${cur.value}） / dates out of order: the ${p.en} (${p.value}) must be ${relEn} the ${cur.en} (${cur.value})`,
          cur.line ?? p.line,
        );
      }
    }
    prev = i;
  }
}

function checkSequence(
  numbers: { number: number | null; line: number }[],
  first: number[],
  what: { zh: string; en: string },
  add: Add,
): number | null {
  let prev: number | null = null;
  for (const x of numbers) {
    if (x.number === null) continue;
    if (prev === null) {
      if (!first.includes(x.number)) {
        add(
          'error',
          'numbering_gap',
          `${what.zh}编号不连续：应为 ${first.join(' 或 ')}，实为 ${x.number} / ${what.en} numbering skips: expected ${first.join(' or ')}, found ${x.number}`,
          x.line,
        );
      }
    } else if (x.number === prev) {
      add(
        'error',
        'numbering_repeat',
        `${what.zh}编号重复：${x.number} / ${what.en} number ${x.number} repeats`,
        x.line,
      );
    } else if (x.number !== prev + 1) {
      add(
        'error',
        x.number > prev ? 'numbering_gap' : 'numbering_repeat',
        `${what.zh}编号不连续：${prev} 之后是 ${x.number} / ${what.en} numbering jumps from ${prev} to ${x.number}`,
        x.line,
      );
    }
    prev = x.number;
  }
  return prev;
}

function checkNumbering(a: NoticeAnalysis, add: Add) {
  checkSequence(
    a.parts.map((p) => ({ number: p.number, line: p.line })),
    [1],
    { zh: '一级标题（一、二、三…）', en: 'part' },
    add,
  );
  for (const p of a.parts) {
    if (p.slipped) {
      add(
        'warning',
        'numbering_style',
        `一级标题使用了阿拉伯数字编号：“${p.heading}” / a part heading uses Arabic numbering: "${p.heading}"`,
        p.line,
      );
    }
    checkSequence(p.subsections, [1], { zh: '二级标题（（一）（二）…）', en: 'sub-heading' }, add);
  }
  // Items may run on across the sections of a part or restart in each; either is fine, a jump is not.
  let lastPart: number | null | undefined;
  let last: number | null = null;
  for (const s of a.sections) {
    if (s.part !== lastPart) last = null;
    lastPart = s.part;
    const first = last === null ? [1] : [1, last + 1];
    const end = checkSequence(s.items, first, { zh: '整改事项', en: 'item' }, add);
    if (end !== null) last = end;
  }
}

const TOTAL_NAMES: Record<TotalField, [string, string]> = {
  aspects: ['方面', 'aspects'],
  problems: ['具体问题', 'problems'],
  refined_problems: ['细化问题', 'refined problems'],
  completed: ['已完成', 'completed'],
  partially_completed: ['阶段性完成', 'partially completed'],
  funds_recovered_yuan: ['清退/追缴资金', 'funds recovered'],
};

function checkTotals(a: NoticeAnalysis, add: Add) {
  const n = a.notice;
  const t = n.stated_totals;
  const items = n.sections.flatMap((s) => s.items);
  const line = a.totalsLine;
  const listed = items.length;
  const done = items.filter((i) => i.status === '完成').length;
  const partial = items.filter((i) => i.status === '阶段性完成').length;
  const open = items.filter((i) => i.status === '未完成').length;
  const anyStatus = items.some((i) => i.status !== null);

  const stated = Object.values(t).some((v) => v !== null);
  if (!stated && listed > 0) {
    add(
      'warning',
      'totals_missing',
      '未写明汇总数字（截至…已完成整改…个） / no totals sentence states the counts',
      null,
    );
  }
  const statedText = `通报称${t.refined_problems ?? '?'}个细化问题（已完成${t.completed ?? '?'}个、阶段性完成${t.partially_completed ?? '?'}个）`;
  const listedText = `列出${listed}个事项（完成${done}个、阶段性完成${partial}个${open ? `、未完成${open}个` : ''}）`;
  const statedEn = `states ${t.refined_problems ?? '?'} refined problems (${t.completed ?? '?'} completed, ${t.partially_completed ?? '?'} partially completed)`;
  const listedEn = `lists ${listed} items (${done} completed, ${partial} partially completed${open ? `, ${open} not completed` : ''})`;
  const both = `${statedText}，但${listedText} / the notice ${statedEn} but ${listedEn}`;
  if (listed > 0 && t.refined_problems !== null && t.refined_problems !== listed) {
    add('error', 'totals_refined_mismatch', `汇总数与所列事项不符：${both}`, line);
  }
  if (anyStatus && t.completed !== null && t.completed !== done) {
    add('error', 'totals_completed_mismatch', `已完成数与所列事项不符：${both}`, line);
  }
  if (anyStatus && t.partially_completed !== null && t.partially_completed !== partial) {
    add('error', 'totals_partial_mismatch', `阶段性完成数与所列事项不符：${both}`, line);
  }
  if (t.refined_problems !== null && t.completed !== null) {
    const sum = t.completed + (t.partially_completed ?? 0);
    if (sum > t.refined_problems) {
      add(
        'error',
        'totals_sum_mismatch',
        `已完成${t.completed}个与阶段性完成${t.partially_completed ?? 0}个之和超过细化问题总数${t.refined_problems}个 / completed plus partially completed (${sum}) exceeds the ${t.refined_problems} refined problems`,
        line,
      );
    } else if (sum + open < t.refined_problems) {
      add(
        'warning',
        'totals_sum_mismatch',
        `已完成与阶段性完成之和（${sum}个）少于细化问题总数${t.refined_problems}个，其余未说明 / completed plus partially completed (${sum}) is less than the ${t.refined_problems} refined problems and the rest are not accounted for`,
        line,
      );
    }
  }
  // Sections headed 反馈问题/…问题 are the feedback problems; their distinct count should match the stated number.
  if (t.problems !== null) {
    const headings = n.sections.map((s) => s.heading ?? '').filter((h) => /问题/.test(h));
    if (headings.length === n.sections.length && headings.length > 0) {
      const distinct = new Set(headings.map((h) => key(h.replace(/^[(（]\s*[一二三四五六七八九十]+\s*[)）]/, ''))))
        .size;
      if (distinct !== t.problems) {
        add(
          'warning',
          'totals_problems_mismatch',
          `通报称${t.problems}个具体问题，但列出${distinct}个不同的问题标题 / the notice states ${t.problems} problems but lists ${distinct} distinct problem headings`,
          line,
        );
      }
    }
  }
  // Funds may be stated per kind in separate sentences, so only counts must agree everywhere.
  for (const field of Object.keys(a.totals) as TotalField[]) {
    if (field === 'funds_recovered_yuan') continue;
    const values = [...new Set(a.totals[field].map((v) => v.value))];
    if (values.length > 1) {
      const [zh, en] = TOTAL_NAMES[field];
      add(
        'warning',
        'totals_inconsistent',
        `${zh}数目前后不一致：${values.join('、')} / the number of ${en} is stated differently: ${values.join(', ')}`,
        a.totals[field][1].line,
      );
    }
  }
}
