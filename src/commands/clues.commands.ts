import { type CommandContext, today } from '../context.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import {
  CLUE_STATE_ZH,
  type ClueEvent,
  type ClueOutcome,
  type ClueProblem,
  type ClueState,
  type ClueStep,
  clueNext,
  handOverProblem,
  lastStepOn,
  normalizeClueDescription,
  normalizeReceivingBody,
  outcomeProblem,
  stepDateProblem,
} from '../domain/clues.ts';
import { appError } from '../errors.ts';
import { authorizeClue, authorizeClueTarget } from '../policies/authorize.ts';
import { type Clue, clueOn, deleteMarkedClue, insertClue, patchClue } from '../repositories/clues.repository.ts';
import { change } from './context.ts';

/*
 * Issue 15 (问题线索): the office marks a problem or an item as a problem clue, hands it over (移交) to the 纪委监委 and,
 * with the supervisors, records how it is handled and what came of it. Every write names the version it read, so of two
 * hand-overs sent at once one wins and the other hears 409; every refusal is decided before anything is written.
 */

const refuseProblem = (p: ClueProblem): never => {
  const details = { fields: [{ field: p.field }] };
  switch (p.key) {
    case 'clue_date_format':
    case 'clue_receiving_body_invalid':
      throw appError(p.key, details);
    case 'clue_date_future':
      throw appError(p.key, { today: p.today }, details);
    case 'clue_date_before_previous':
      throw appError(p.key, { previous: p.previous }, details);
    case 'clue_deadline_not_after_transfer':
      throw appError(p.key, { handedOverOn: p.handedOverOn }, details);
  }
};

const refuseStep = (clue: Clue, event: ClueEvent): ClueState | null => {
  const next = clueNext(clue.state, event);
  if (next === undefined) throw appError('clue_invalid_step', { state: CLUE_STATE_ZH[clue.state] });
  return next;
};

const shown = (c: Clue) => ({
  id: c.id,
  state: c.state,
  description: c.description,
  handedOverOn: c.handedOverOn,
  receivingBody: c.receivingBody,
  handlingDeadline: c.handlingDeadline,
});

/** Marks a problem or an item as a problem clue, with a short description; one clue per problem and per item. */
export async function markClue(
  ctx: CommandContext,
  target: { itemId: number } | { problemId: number },
  description: string,
): Promise<{ id: number }> {
  const where = await authorizeClueTarget(ctx, target, 'mark');
  const text = normalizeClueDescription(description);
  if (text === null) throw appError('clue_description_invalid', { fields: [{ field: 'description' }] });
  if ((await clueOn(ctx.db, target)) !== null) throw appError('clue_already_marked');
  try {
    return await change(ctx, async ({ trx, audit }) => {
      const input = {
        roundId: where.roundId,
        inspectionId: where.inspectionId,
        unitId: where.unitId,
        problemId: 'problemId' in target ? target.problemId : null,
        itemId: 'itemId' in target ? target.itemId : null,
        description: text,
        markedBy: ctx.actor.id,
        markedOn: today(ctx),
      };
      const id = await insertClue(trx, input, ctx.now());
      await audit({ action: 'clue.mark', entity: 'clue', entityId: id, after: { id, ...input } });
      return { id };
    });
  } catch (error) {
    // Two marks at once: the unique index lets one in.
    if (isUniqueViolation(error)) throw appError('clue_already_marked');
    throw error;
  }
}

/** Takes the mark off while the clue is not yet handed over. */
export async function unmarkClue(ctx: CommandContext, id: number, version: number): Promise<void> {
  const clue = await authorizeClue(ctx, id, 'mark');
  refuseStep(clue, 'unmark');
  if (clue.version !== version) {
    throw appError('stale_version', { currentVersion: clue.version, yourVersion: version });
  }
  await change(ctx, async ({ trx, audit }) => {
    if (!(await deleteMarkedClue(trx, id, version))) {
      // Handed over or changed in between: nothing was deleted.
      const versions = { currentVersion: version + 1, yourVersion: version };
      throw appError('stale_version', versions, versions);
    }
    await audit({ action: 'clue.unmark', entity: 'clue', entityId: id, before: shown(clue) });
  });
}

/** Edits the description (any time: what the clue is about is the office's wording). */
export async function describeClue(ctx: CommandContext, id: number, version: number, description: string) {
  const clue = await authorizeClue(ctx, id, 'mark');
  const text = normalizeClueDescription(description);
  if (text === null) throw appError('clue_description_invalid', { fields: [{ field: 'description' }] });
  await change(ctx, async ({ trx, audit }) => {
    await patchClue(trx, id, version, { description: text }, ctx.now());
    await audit({
      action: 'clue.describe',
      entity: 'clue',
      entityId: id,
      before: { description: clue.description },
      after: { description: text },
    });
  });
}

export interface HandOver {
  version: number;
  handedOverOn: string;
  receivingBody: string;
  handlingDeadline: string;
}

/** 移交: the transfer date (not in the future), the receiving body, the handling deadline (after the transfer date). */
export async function handOverClue(ctx: CommandContext, id: number, input: HandOver): Promise<void> {
  const clue = await authorizeClue(ctx, id, 'mark');
  const next = refuseStep(clue, 'hand_over');
  const problem = handOverProblem(input, today(ctx));
  if (problem) refuseProblem(problem);
  const patch = {
    state: next as ClueState,
    handed_over_on: input.handedOverOn,
    receiving_body: normalizeReceivingBody(input.receivingBody),
    handling_deadline: input.handlingDeadline,
  };
  await change(ctx, async ({ trx, audit }) => {
    await patchClue(trx, id, input.version, patch, ctx.now());
    await audit({ action: 'clue.hand_over', entity: 'clue', entityId: id, before: shown(clue), after: patch });
  });
}

const STEP_COLUMN = {
  accept: 'accepted_on',
  file: 'filed_on',
  conclude: 'closed_on',
  decline: 'closed_on',
} as const satisfies Record<ClueStep, string>;

/** Records a step of the handling (受理, 立案, 办结, 不予立案) with the date it happened. */
export async function recordClueStep(
  ctx: CommandContext,
  id: number,
  input: { version: number; step: ClueStep; on: string },
): Promise<void> {
  const clue = await authorizeClue(ctx, id, 'record');
  const next = refuseStep(clue, input.step);
  const problem = stepDateProblem(input.on, lastStepOn(clue), today(ctx));
  if (problem) refuseProblem(problem);
  const patch = { state: next as ClueState, [STEP_COLUMN[input.step]]: input.on };
  await change(ctx, async ({ trx, audit }) => {
    await patchClue(trx, id, input.version, patch, ctx.now());
    await audit({
      action: `clue.${input.step}`,
      entity: 'clue',
      entityId: id,
      before: { state: clue.state },
      after: patch,
    });
  });
}

/** Records the outcome as counts (立案 cases and people, 党纪政务处分, 组织处理, other) and a short note. */
export async function recordClueOutcome(
  ctx: CommandContext,
  id: number,
  input: ClueOutcome & { version: number; note: string | null },
): Promise<void> {
  const clue = await authorizeClue(ctx, id, 'record');
  const problem = outcomeProblem(clue.state, input);
  if (problem) {
    if (problem.key === 'clue_outcome_count_invalid')
      throw appError(problem.key, { fields: [{ field: problem.field }] });
    throw appError(problem.key);
  }
  const note = input.note?.trim() ? input.note.trim().slice(0, 500) : null;
  const patch = {
    filed_cases: input.filedCases,
    filed_people: input.filedPeople,
    disciplined_people: input.disciplinedPeople,
    organisational_people: input.organisationalPeople,
    other_people: input.otherPeople,
    outcome_note: note,
  };
  await change(ctx, async ({ trx, audit }) => {
    await patchClue(trx, id, input.version, patch, ctx.now());
    await audit({
      action: 'clue.outcome',
      entity: 'clue',
      entityId: id,
      before: {
        filedCases: clue.filedCases,
        filedPeople: clue.filedPeople,
        disciplinedPeople: clue.disciplinedPeople,
        organisationalPeople: clue.organisationalPeople,
        otherPeople: clue.otherPeople,
        outcomeNote: clue.outcomeNote,
      },
      after: patch,
    });
  });
}
