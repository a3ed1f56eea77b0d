import type { Db } from '../db/database.ts';
import { addMonths, type IsoDate } from '../domain/dates.ts';
import type { EvaluationFacts, ItemFact, OrderFact } from '../domain/suggested-deductions.ts';

/**
 * Issue 15, point 4: the ledger facts of one inspection that the suggested deductions read (domain/suggested-deductions.ts).
 * A handful of grouped queries, each over the inspection's items, so the cost is the inspection's size, not the ledger's.
 */
export async function evaluationFacts(
  db: Db,
  inspectionId: number,
  today: IsoDate,
  reportMonths: number,
): Promise<EvaluationFacts> {
  const inspection = await db
    .selectFrom('inspections')
    .select(['id', 'unit_id', 'report_due_on', 'feedback_on'])
    .where('id', '=', inspectionId)
    .executeTakeFirstOrThrow();
  const itemIds = db.selectFrom('items').select('id').where('inspection_id', '=', inspectionId);

  const [items, returns, rebounds, evidence, report, publications, comments, orders] = await Promise.all([
    db
      .selectFrom('items')
      .select([
        'id',
        'number',
        'title',
        'deadline',
        'missed_deadline',
        'state',
        'closed_on',
        'lead_department_id',
        'responsible_leader',
      ])
      .where('inspection_id', '=', inspectionId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('close_reviews')
      .select(['item_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('item_id', 'in', itemIds)
      .where('event', '=', 'return')
      .groupBy('item_id')
      .execute(),
    db
      .selectFrom('lookbacks')
      .select(['item_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('item_id', 'in', itemIds)
      .where('status', '=', 'rebound')
      .groupBy('item_id')
      .execute(),
    db
      .selectFrom('evidence')
      .select(['item_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('item_id', 'in', itemIds)
      .groupBy('item_id')
      .execute(),
    db
      .selectFrom('report_submissions')
      .select('submitted_on')
      .where('inspection_id', '=', inspectionId)
      .where('superseded_at', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('publications')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('inspection_id', '=', inspectionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('public_comments as c')
      .innerJoin('publications as p', 'p.id', 'c.publication_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('p.inspection_id', '=', inspectionId)
      .where('c.status', '=', 'new')
      .executeTakeFirstOrThrow(),
    // The unit's orders: those about one of the inspection's items, and those about the unit as a whole.
    db
      .selectFrom('supervision_orders')
      .select(['id', 'title', 'due_on', 'status', 'answered_on'])
      .where((eb) =>
        eb.or([
          eb('item_id', 'in', itemIds),
          eb.and([eb('item_id', 'is', null), eb('unit_id', '=', inspection.unit_id)]),
        ]),
      )
      .orderBy('due_on')
      .orderBy('id')
      .execute(),
  ]);
  const countBy = (rows: { item_id: number; n: number | string }[]) =>
    new Map(rows.map((r) => [r.item_id, Number(r.n)]));
  const returnsOf = countBy(returns);
  const reboundsOf = countBy(rebounds);
  const evidenceOf = countBy(evidence);
  const itemFacts: ItemFact[] = items.map((i) => ({
    id: i.id,
    number: i.number,
    title: i.title,
    deadline: i.deadline,
    missedDeadline: i.missed_deadline,
    state: i.state,
    closedOn: i.closed_on,
    returns: returnsOf.get(i.id) ?? 0,
    rebounds: reboundsOf.get(i.id) ?? 0,
    evidence: evidenceOf.get(i.id) ?? 0,
    hasLeadDepartment: i.lead_department_id !== null,
    hasResponsibleLeader: (i.responsible_leader ?? '').trim() !== '',
  }));
  const orderFacts: OrderFact[] = orders.map((o) => ({
    id: o.id,
    title: o.title,
    dueOn: o.due_on,
    status: o.status,
    answeredOn: o.answered_on,
  }));
  return {
    today,
    items: itemFacts,
    // The same due date as the reminders' (reminders.repository.ts): report_due_on, else feedback + the months.
    reportDueOn:
      inspection.report_due_on ?? (inspection.feedback_on ? addMonths(inspection.feedback_on, reportMonths) : null),
    reportSubmittedOn: report?.submitted_on ?? null,
    publications: Number(publications.n),
    unansweredComments: Number(comments.n),
    orders: orderFacts,
  };
}
