import { analyseNotice, type NoticeAnalysis, type NoticeItem, type ParsedNotice, type TotalField } from './analyse.ts';
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

/** A finding before its excerpt is cut from the line it names. */
type Finding = Omit<LintFinding, 'excerpt'>;

function finding(severity: LintFinding['severity'], code: string, message: string, line: number | null): Finding {
  return { severity, code, message, line };
}

/** A listed item with the line it starts on. */
interface ListedItem {
  it: NoticeItem;
  line: number;
}

/** What every check reads: the analysis, the items it found, and what the caller gave. */
interface Linted {
  analysis: NoticeAnalysis;
  notice: ParsedNotice;
  items: ListedItem[];
  text: string;
  ledger: LedgerReference | undefined;
}

/** One rule a published notice must meet; the findings come out in the order of CHECKS. */
type Check = (l: Linted) => Finding[];

function checkTitle({ notice }: Linted): Finding[] {
  if (notice.title !== null) return [];
  return [
    finding('warning', 'title_missing', '缺少标题（…关于…巡察整改进展情况的通报） / the notice has no title line', 1),
  ];
}

function checkSignature({ analysis: a, notice: n }: Linted): Finding[] {
  if (n.issuer === null)
    return [finding('warning', 'issuer_missing', '缺少落款单位 / no issuer signs the notice', null)];
  if (!n.title || a.issuerLine === a.titleLine) return [];
  const m = /^(.{2,40}?)关于/.exec(n.title);
  if (!m || key(m[1]) === key(n.issuer)) return [];
  return [
    finding(
      'warning',
      'issuer_mismatch',
      `标题中的发文单位“${m[1]}”与落款“${n.issuer}”不一致 / the issuer in the title ("${m[1]}") differs from the signature ("${n.issuer}")`,
      a.issuerLine,
    ),
  ];
}

function checkDatesReadable({ analysis: a }: Linted): Finding[] {
  return a.invalidDates.map((d) =>
    finding('error', 'date_invalid', `日期无效：${d.text} / invalid date: ${d.text}`, d.line),
  );
}

function checkDatesStated({ analysis: a, notice: n }: Linted): Finding[] {
  const findings: Finding[] = [];
  if (!n.inspection.from || !n.inspection.to) {
    findings.push(
      finding('warning', 'date_missing', '未写明巡察起止日期 / the inspection period is not stated', a.inspectionLine),
    );
  }
  if (!n.inspection.feedback_on) {
    findings.push(
      finding('warning', 'date_missing', '未写明反馈日期 / the feedback date is not stated', a.feedbackLine),
    );
  }
  if (!n.issued_on) {
    findings.push(finding('warning', 'date_missing', '未写明落款日期 / the notice date is not stated', a.issuedLine));
  }
  return findings;
}

function checkDateOrder({ analysis: a, notice: n }: Linted): Finding[] {
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
  const findings: Finding[] = [];
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
        findings.push(
          finding(
            'error',
            'date_order',
            `日期顺序错误：${p.name}（${p.value}）应${rel}${cur.name}（${cur.value}） / dates out of order: the ${p.en} (${p.value}) must be ${relEn} the ${cur.en} (${cur.value})`,
            cur.line ?? p.line,
          ),
        );
      }
    }
    prev = i;
  }
  return findings;
}

function checkPublicPeriod({ analysis: a, notice: n }: Linted): Finding[] {
  if (n.publication_period !== null) return [];
  return [
    finding(
      'error',
      a.periodUnreadable ? 'period_unreadable' : 'period_missing',
      a.periodUnreadable
        ? '公开期限的起止日期无法识别 / the public period has no readable start and end dates'
        : '未写明公开期限 / the public period (公开期限) is missing',
      a.periodLine,
    ),
  ];
}

function checkContacts({ analysis: a, notice: n }: Linted): Finding[] {
  const c = n.contacts;
  if (c.phone.length > 0 || c.email.length > 0 || c.postal !== null) return [];
  return [
    finding(
      'error',
      'contacts_missing',
      '未提供联系方式（电话、邮箱或邮政地址） / no contacts (phone, e-mail or postal address) for public comments',
      a.contactLine,
    ),
  ];
}

function checkItemsFound({ items }: Linted): Finding[] {
  if (items.length > 0) return [];
  return [finding('warning', 'no_items', '未识别出整改事项 / no rectified items could be recognised', null)];
}

function checkNextSteps({ notice, items }: Linted): Finding[] {
  if (notice.has_next_steps_section || items.length === 0) return [];
  return [finding('warning', 'next_steps_missing', '缺少“下一步打算”部分 / there is no next-steps section', null)];
}

/** Once one item states its result every item must; a notice stating none gets a single warning. */
function checkResults({ items }: Linted): Finding[] {
  const withoutStatus = items.filter((x) => x.it.status === null);
  if (withoutStatus.length === 0) return [];
  if (withoutStatus.length < items.length) {
    return withoutStatus.map((x) =>
      finding(
        'error',
        'item_status_missing',
        `第 ${x.it.number ?? '?'} 项${x.it.title ? `“${x.it.title}”` : ''}未标明整改结果 / item ${x.it.number ?? '?'} has no result (完成/阶段性完成/未完成)`,
        x.line,
      ),
    );
  }
  return [
    finding(
      'warning',
      'item_status_missing',
      `${withoutStatus.length} 个事项均未标明整改结果（完成/阶段性完成/未完成） / none of the ${withoutStatus.length} items states its result`,
      withoutStatus[0].line,
    ),
  ];
}

function checkItemTitles({ items }: Linted): Finding[] {
  return items
    .filter((x) => x.it.title === null)
    .map((x) =>
      finding(
        'warning',
        'item_title_missing',
        `第 ${x.it.number ?? '?'} 项没有标题 / item ${x.it.number ?? '?'} has no title`,
        x.line,
      ),
    );
}

const TOTAL_NAMES: Record<TotalField, [string, string]> = {
  aspects: ['方面', 'aspects'],
  problems: ['具体问题', 'problems'],
  refined_problems: ['细化问题', 'refined problems'],
  completed: ['已完成', 'completed'],
  partially_completed: ['阶段性完成', 'partially completed'],
  funds_recovered_yuan: ['清退/追缴资金', 'funds recovered'],
};

function checkSequence(
  numbers: { number: number | null; line: number }[],
  first: number[],
  what: { zh: string; en: string },
): Finding[] {
  const findings: Finding[] = [];
  let prev: number | null = null;
  for (const x of numbers) {
    if (x.number === null) continue;
    if (prev === null) {
      if (!first.includes(x.number)) {
        findings.push(
          finding(
            'error',
            'numbering_gap',
            `${what.zh}编号不连续：应为 ${first.join(' 或 ')}，实为 ${x.number} / ${what.en} numbering skips: expected ${first.join(' or ')}, found ${x.number}`,
            x.line,
          ),
        );
      }
    } else if (x.number === prev) {
      findings.push(
        finding(
          'error',
          'numbering_repeat',
          `${what.zh}编号重复：${x.number} / ${what.en} number ${x.number} repeats`,
          x.line,
        ),
      );
    } else if (x.number !== prev + 1) {
      findings.push(
        finding(
          'error',
          x.number > prev ? 'numbering_gap' : 'numbering_repeat',
          `${what.zh}编号不连续：${prev} 之后是 ${x.number} / ${what.en} numbering jumps from ${prev} to ${x.number}`,
          x.line,
        ),
      );
    }
    prev = x.number;
  }
  return findings;
}

function checkHeadingNumbering({ analysis: a }: Linted): Finding[] {
  const partNumbers = a.parts.map((p) => ({ number: p.number, line: p.line }));
  const findings = checkSequence(partNumbers, [1], { zh: '一级标题（一、二、三…）', en: 'part' });
  for (const p of a.parts) {
    if (p.slipped) {
      findings.push(
        finding(
          'warning',
          'numbering_style',
          `一级标题使用了阿拉伯数字编号：“${p.heading}” / a part heading uses Arabic numbering: "${p.heading}"`,
          p.line,
        ),
      );
    }
    findings.push(...checkSequence(p.subsections, [1], { zh: '二级标题（（一）（二）…）', en: 'sub-heading' }));
  }
  return findings;
}

/** Items may run on across the sections of a part or restart in each; either is fine, a jump is not. */
function checkItemNumbering({ analysis: a }: Linted): Finding[] {
  const findings: Finding[] = [];
  let lastPart: number | null | undefined;
  let last: number | null = null;
  for (const s of a.sections) {
    if (s.part !== lastPart) last = null;
    lastPart = s.part;
    const first = last === null ? [1] : [1, last + 1];
    findings.push(...checkSequence(s.items, first, { zh: '整改事项', en: 'item' }));
    last = s.items.findLast((x) => x.number !== null)?.number ?? last;
  }
  return findings;
}

/** How many items the notice lists, and with which result. */
function tally(items: ListedItem[]) {
  const count = (status: NoticeItem['status']) => items.filter((x) => x.it.status === status).length;
  return {
    listed: items.length,
    done: count('完成'),
    partial: count('阶段性完成'),
    open: count('未完成'),
    anyStatus: items.some((x) => x.it.status !== null),
  };
}

function checkTotalsStated({ notice, items }: Linted): Finding[] {
  const stated = Object.values(notice.stated_totals).some((v) => v !== null);
  if (stated || items.length === 0) return [];
  return [
    finding(
      'warning',
      'totals_missing',
      '未写明汇总数字（截至…已完成整改…个） / no totals sentence states the counts',
      null,
    ),
  ];
}

function checkTotalsAgainstItems({ analysis: a, notice, items }: Linted): Finding[] {
  const t = notice.stated_totals;
  const { listed, done, partial, open, anyStatus } = tally(items);
  const statedText = `通报称${t.refined_problems ?? '?'}个细化问题（已完成${t.completed ?? '?'}个、阶段性完成${t.partially_completed ?? '?'}个）`;
  const listedText = `列出${listed}个事项（完成${done}个、阶段性完成${partial}个${open ? `、未完成${open}个` : ''}）`;
  const statedEn = `states ${t.refined_problems ?? '?'} refined problems (${t.completed ?? '?'} completed, ${t.partially_completed ?? '?'} partially completed)`;
  const listedEn = `lists ${listed} items (${done} completed, ${partial} partially completed${open ? `, ${open} not completed` : ''})`;
  const both = `${statedText}，但${listedText} / the notice ${statedEn} but ${listedEn}`;
  const findings: Finding[] = [];
  if (listed > 0 && t.refined_problems !== null && t.refined_problems !== listed) {
    findings.push(finding('error', 'totals_refined_mismatch', `汇总数与所列事项不符：${both}`, a.totalsLine));
  }
  if (anyStatus && t.completed !== null && t.completed !== done) {
    findings.push(finding('error', 'totals_completed_mismatch', `已完成数与所列事项不符：${both}`, a.totalsLine));
  }
  if (anyStatus && t.partially_completed !== null && t.partially_completed !== partial) {
    findings.push(finding('error', 'totals_partial_mismatch', `阶段性完成数与所列事项不符：${both}`, a.totalsLine));
  }
  return findings;
}

/** Completed and partly completed cannot exceed the refined problems, and with the open ones should account for all. */
function checkTotalsSum({ analysis: a, notice, items }: Linted): Finding[] {
  const t = notice.stated_totals;
  if (t.refined_problems === null || t.completed === null) return [];
  const sum = t.completed + (t.partially_completed ?? 0);
  if (sum > t.refined_problems) {
    return [
      finding(
        'error',
        'totals_sum_mismatch',
        `已完成${t.completed}个与阶段性完成${t.partially_completed ?? 0}个之和超过细化问题总数${t.refined_problems}个 / completed plus partially completed (${sum}) exceeds the ${t.refined_problems} refined problems`,
        a.totalsLine,
      ),
    ];
  }
  if (sum + tally(items).open < t.refined_problems) {
    return [
      finding(
        'warning',
        'totals_sum_mismatch',
        `已完成与阶段性完成之和（${sum}个）少于细化问题总数${t.refined_problems}个，其余未说明 / completed plus partially completed (${sum}) is less than the ${t.refined_problems} refined problems and the rest are not accounted for`,
        a.totalsLine,
      ),
    ];
  }
  return [];
}

/** Sections headed 反馈问题/…问题 are the feedback problems; their distinct count should match the stated number. */
function checkProblemCount({ analysis: a, notice: n }: Linted): Finding[] {
  const stated = n.stated_totals.problems;
  if (stated === null) return [];
  const headings = n.sections.map((s) => s.heading ?? '').filter((h) => /问题/.test(h));
  if (headings.length !== n.sections.length || headings.length === 0) return [];
  const distinct = new Set(headings.map((h) => key(h.replace(/^[(（]\s*[一二三四五六七八九十]+\s*[)）]/, '')))).size;
  if (distinct === stated) return [];
  return [
    finding(
      'warning',
      'totals_problems_mismatch',
      `通报称${stated}个具体问题，但列出${distinct}个不同的问题标题 / the notice states ${stated} problems but lists ${distinct} distinct problem headings`,
      a.totalsLine,
    ),
  ];
}

/** Funds may be stated per kind in separate sentences, so only counts must agree everywhere. */
function checkTotalsConsistent({ analysis: a }: Linted): Finding[] {
  const findings: Finding[] = [];
  for (const field of Object.keys(a.totals) as TotalField[]) {
    if (field === 'funds_recovered_yuan') continue;
    const values = [...new Set(a.totals[field].map((v) => v.value))];
    if (values.length > 1) {
      const [zh, en] = TOTAL_NAMES[field];
      findings.push(
        finding(
          'warning',
          'totals_inconsistent',
          `${zh}数目前后不一致：${values.join('、')} / the number of ${en} is stated differently: ${values.join(', ')}`,
          a.totals[field][1].line,
        ),
      );
    }
  }
  return findings;
}

/** Every ledger item should appear, under its own title or anywhere in the text. */
function checkLedger({ text, items, ledger }: Linted): Finding[] {
  if (!ledger) return [];
  const titles = items.map((x) => key(x.it.title ?? ''));
  const body = key(text);
  const findings: Finding[] = [];
  for (const t of ledger.itemTitles) {
    const k = key(t);
    if (k === '') continue;
    const found = titles.some((it) => it !== '' && (it === k || it.includes(k) || k.includes(it))) || body.includes(k);
    if (!found) {
      findings.push(
        finding(
          'error',
          'ledger_item_missing',
          `台账事项未出现在通报中：“${t}” / ledger item missing from the notice: "${t}"`,
          null,
        ),
      );
    }
  }
  return findings;
}

const CHECKS: Check[] = [
  checkTitle,
  checkSignature,
  checkDatesReadable,
  checkDatesStated,
  checkDateOrder,
  checkPublicPeriod,
  checkContacts,
  checkItemsFound,
  checkNextSteps,
  checkResults,
  checkItemTitles,
  checkHeadingNumbering,
  checkItemNumbering,
  checkTotalsStated,
  checkTotalsAgainstItems,
  checkTotalsSum,
  checkProblemCount,
  checkTotalsConsistent,
  checkLedger,
];

/**
 * Checks a notice against the rules a published notice must meet: stated totals agree with the listed items, dates in
 * order, a public period and contacts, a result for every item, continuous numbering, a title, and (given a ledger)
 * every ledger item present.
 */
export function lintNotice(text: string, ledger?: LedgerReference): LintFinding[] {
  if (typeof text !== 'string' || text.trim() === '') {
    return [
      { severity: 'error', code: 'empty', message: '通报内容为空 / the notice is empty', line: null, excerpt: null },
    ];
  }
  const analysis = analyseNotice(text);
  const items = analysis.notice.sections.flatMap((s, si) =>
    s.items.map((it, ii) => ({ it, line: analysis.sections[si].items[ii].line })),
  );
  const linted: Linted = { analysis, notice: analysis.notice, items, text, ledger };
  return CHECKS.flatMap((check) => check(linted)).map((f) => ({ ...f, excerpt: excerptOf(analysis, f.line) }));
}
