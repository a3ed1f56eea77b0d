import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';

/** Every number a notice or report states, counted from the items it lists (never typed). */
export interface NoticeTotals {
  /** Distinct aspects the items sit under. */
  aspects: number;
  /** Distinct feedback problems; an item entered without a problem is its own problem. */
  problems: number;
  /** 细化问题: the ledger items. */
  items: number;
  completed: number;
  partiallyCompleted: number;
  notCompleted: number;
  withheld: number;
  measures: number;
  itemsWithoutMeasures: number;
  /** 清退、追缴资金. */
  fundsRecoveredYuan: number;
  /** 挽回损失. */
  lossRecoveredYuan: number;
  rulesMade: number;
  rulesRevised: number;
  accountabilityCases: number;
  accountabilityPeople: number;
}

export function computeTotals(items: SnapshotItem[]): NoticeTotals {
  const aspects = new Set<number>();
  const problems = new Set<number>();
  let loose = 0;
  let fundsFen = 0;
  let lossFen = 0;
  const t: NoticeTotals = {
    aspects: 0,
    problems: 0,
    items: items.length,
    completed: 0,
    partiallyCompleted: 0,
    notCompleted: 0,
    withheld: 0,
    measures: 0,
    itemsWithoutMeasures: 0,
    fundsRecoveredYuan: 0,
    lossRecoveredYuan: 0,
    rulesMade: 0,
    rulesRevised: 0,
    accountabilityCases: 0,
    accountabilityPeople: 0,
  };
  for (const item of items) {
    if (item.aspectId !== null) aspects.add(item.aspectId);
    if (item.problemId !== null) problems.add(item.problemId);
    else loose++;
    if (item.result === 'completed') t.completed++;
    else if (item.result === 'partially_completed') t.partiallyCompleted++;
    else t.notCompleted++;
    if (item.withheld) t.withheld++;
    t.measures += item.measures.length;
    if (item.measures.length === 0) t.itemsWithoutMeasures++;
    for (const o of item.outcomes) {
      // Money is summed in whole fen so that 0.1 + 0.2 stays 0.3.
      if (o.kind === 'funds_recovered') fundsFen += Math.round((o.amountYuan ?? 0) * 100);
      else if (o.kind === 'loss_recovered') lossFen += Math.round((o.amountYuan ?? 0) * 100);
      else if (o.kind === 'rule_made') t.rulesMade++;
      else if (o.kind === 'rule_revised') t.rulesRevised++;
      else if (o.kind === 'accountability') {
        t.accountabilityCases++;
        // A record of accountability names at least one person even when the count was left blank.
        t.accountabilityPeople += o.peopleCount ?? 1;
      }
    }
  }
  t.aspects = aspects.size;
  t.problems = problems.size + loose;
  t.fundsRecoveredYuan = fundsFen / 100;
  t.lossRecoveredYuan = lossFen / 100;
  return t;
}

/** 12345.6 → "12345.6": plain yuan with at most two decimals, exactly what a reader (and the parser) adds up. */
export function formatYuan(yuan: number): string {
  return (Math.round(yuan * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
}
