import type { CommandContext } from '../context.ts';
import { todayInChina } from '../domain/dates.ts';
import { RESULT_LABEL_ZH } from '../domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../domain/workflow.ts';
import { type CloseoutForm, renderCloseoutForms, type Signed } from '../notices/closeout-form.ts';
import type { CloseReview } from '../repositories/item-parts.repository.ts';
import { getItemDetail } from './items.queries.ts';

/** How many items one printed document may hold: a round's worth for one unit, well under a request's time. */
export const CLOSEOUT_FORMS_MAX = 300;

const signed = (review: CloseReview | undefined): Signed | null =>
  review ? { by: review.actor, on: todayInChina(new Date(review.createdAt)), note: review.note } : null;

/**
 * The request in force and its decisions: the latest 申请销号 and what followed it. A withdrawn or returned request is
 * no longer in force, so an item back at work prints an empty form for the next one.
 */
function requestInForce(state: string, reviews: CloseReview[]) {
  if (state !== 'close_requested' && state !== 'closed') return { request: null, approval: null, confirmation: null };
  const start = reviews.findLastIndex((r) => r.event === 'request_close');
  const after = start < 0 ? [] : reviews.slice(start + 1);
  return {
    request: signed(reviews[start]),
    approval: signed(after.find((r) => r.event === 'approve')),
    confirmation: signed(after.find((r) => r.event === 'confirm')),
  };
}

/** 销号审批表 for items the reader may read (404 for any other, as the item page), one page each, in the order asked. */
export async function getCloseoutForms(ctx: CommandContext, itemIds: number[]): Promise<Buffer> {
  const forms: CloseoutForm[] = [];
  for (const id of itemIds) {
    const item = await getItemDetail(ctx, id);
    forms.push({
      unit: item.inspection.unit,
      round: item.inspection.round,
      team: item.inspection.team,
      number: item.number,
      title: item.title,
      description: item.description,
      deadline: item.deadline,
      leadDepartment: item.leadDepartment,
      responsibleLeader: item.responsibleLeader,
      measures: item.measures.map((m) => ({ content: m.content, completedOn: m.completedOn })),
      evidence: item.evidence.map((e) => ({ fileName: e.fileName, effectiveOn: e.effectiveOn, note: e.note })),
      ...requestInForce(item.state, item.reviews),
      resultLabel: RESULT_LABEL_ZH[item.result],
      stateLabel: WORKFLOW_STATE_ZH[item.state],
      closedOn: item.closedOn,
    });
  }
  return renderCloseoutForms(forms);
}
