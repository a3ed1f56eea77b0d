import { MEASURE_KIND_ZH } from '../../domain/measure.ts';
import { ACCOUNTABILITY_KIND_ZH, OUTCOME_KIND_ZH } from '../../domain/outcome.ts';
import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';

/** How the binder's two indexes word an item's measures, progress and outcomes, so the .xlsx and the .docx agree. */

export function measureLines(item: SnapshotItem): string[] {
  return item.measures.map((m, i) => {
    const owner = [m.department ?? item.leadDepartment, m.responsiblePerson].filter(Boolean).join(' ');
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
