import { MEASURE_KIND_ZH } from '../../domain/measure.ts';
import type { AccountabilityKind, OutcomeKind } from '../../repositories/item-parts.repository.ts';
import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';

/** How the binder's two indexes word an item's measures, progress and outcomes, so the .xlsx and the .docx agree. */

export const OUTCOME_KIND_ZH: Record<OutcomeKind, string> = {
  rule_made: '建立制度',
  rule_revised: '修订制度',
  accountability: '问责',
  funds_recovered: '追缴资金',
  loss_recovered: '挽回损失',
};

export const ACCOUNTABILITY_KIND_ZH: Record<AccountabilityKind, string> = {
  reminder_talk: '提醒谈话',
  criticism: '批评教育',
  admonishment: '诫勉',
  discipline: '纪律处分',
};

export function measureLines(item: SnapshotItem): string[] {
  return item.measures.map((m, i) => {
    const owner = [m.department ?? item.leadDepartment, m.responsiblePersonName].filter(Boolean).join(' ');
    const when = m.deadline ?? MEASURE_KIND_ZH[m.kind];
    return `${i + 1}. ${m.content}（${[owner, when].filter(Boolean).join('，')}）`;
  });
}

export function progressLines(item: SnapshotItem): string[] {
  return item.progress.map((p) => `${p.entryOn} ${p.content}`);
}

export function outcomeLines(item: SnapshotItem): string[] {
  return item.outcomes.map((o) => {
    const facts = [
      o.accountabilityKind && ACCOUNTABILITY_KIND_ZH[o.accountabilityKind],
      o.peopleCount !== null && `${o.peopleCount}人`,
      o.amountYuan !== null && `${o.amountYuan.toLocaleString('zh-CN')}元`,
      o.occurredOn,
    ].filter(Boolean);
    return `${OUTCOME_KIND_ZH[o.kind]}：${o.title}${facts.length ? `（${facts.join('，')}）` : ''}`;
  });
}

export function sizeInKb(bytes: number): number {
  return Math.max(1, Math.round(bytes / 1024));
}
