import type { Db } from '../db/database.ts';
import { outcomeSums } from './dashboard.repository.ts';

/**
 * Issue 15 (point 6): what the round summary adds to the round overview (dashboard.repository.ts `roundOverview`), per
 * unit of the round: its problems, its outcomes (制度, 问责, 追缴资金) and its current 报送. One grouped statement each;
 * the caller keeps only the units its scope lists.
 */
export interface UnitExtras {
  problems: number;
  rulesMade: number;
  rulesRevised: number;
  peopleHeld: number;
  fundsFen: number;
  reportSubmittedOn: string | null;
  reportDocNumber: string | null;
}

export async function roundSummaryExtras(db: Db, roundId: number): Promise<Map<number, UnitExtras>> {
  const [problems, outcomes, reports] = await Promise.all([
    db
      .selectFrom('problems as p')
      .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
      .select(['n.unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('n.round_id', '=', roundId)
      .groupBy('n.unit_id')
      .execute(),
    db
      .selectFrom('outcomes as o')
      .innerJoin('items as i', 'i.id', 'o.item_id')
      .select('i.unit_id')
      .select(outcomeSums)
      .where('i.round_id', '=', roundId)
      .groupBy('i.unit_id')
      .execute(),
    db
      .selectFrom('report_submissions as s')
      .innerJoin('inspections as n', 'n.id', 's.inspection_id')
      .select(['n.unit_id', 's.submitted_on', 's.doc_number'])
      .where('n.round_id', '=', roundId)
      .where('s.superseded_at', 'is', null)
      .orderBy('s.submitted_on')
      .orderBy('s.id')
      .execute(),
  ]);
  const out = new Map<number, UnitExtras>();
  const of = (unitId: number) => {
    let e = out.get(unitId);
    if (!e) {
      e = {
        problems: 0,
        rulesMade: 0,
        rulesRevised: 0,
        peopleHeld: 0,
        fundsFen: 0,
        reportSubmittedOn: null,
        reportDocNumber: null,
      };
      out.set(unitId, e);
    }
    return e;
  };
  for (const r of problems) of(r.unit_id).problems = Number(r.n);
  for (const r of outcomes) {
    const e = of(r.unit_id);
    e.rulesMade = Number(r.rules_made);
    e.rulesRevised = Number(r.rules_revised);
    e.peopleHeld = Number(r.acc_people);
    e.fundsFen = Number(r.funds);
  }
  // A unit inspected twice in the round: the latest report is the one it stands by.
  for (const r of reports) {
    const e = of(r.unit_id);
    e.reportSubmittedOn = r.submitted_on;
    e.reportDocNumber = r.doc_number;
  }
  return out;
}
