import { type CommandContext, today } from '../context.ts';
import type { ArchivedFilter } from '../domain/archive.ts';
import {
  type ClueEvent,
  type ClueTotals,
  clueEventsFrom,
  clueListOrder,
  clueOverdue,
  clueTotals,
} from '../domain/clues.ts';
import { AppError } from '../errors.ts';
import { authorizeClue, authorizeClueTarget } from '../policies/authorize.ts';
import { canFollowClues, canMarkClues, readScope } from '../policies/policies.ts';
import {
  type Clue,
  type ClueFilter,
  clueFigures,
  cluesOfItem,
  listClues,
  receivingBodies,
} from '../repositories/clues.repository.ts';

/** A clue as the office and the supervisors read it: overdue derived, and what this user may do to it now. */
export type ClueView = Omit<Clue, 'unitPath'> & { overdue: boolean; events: ClueEvent[]; mayEdit: boolean };

function view(ctx: CommandContext, clue: Clue): ClueView {
  const { unitPath: _path, ...rest } = clue;
  const marks = canMarkClues(ctx.actor);
  const events = clue.archived
    ? []
    : clueEventsFrom(clue.state).filter((e) => (e === 'unmark' || e === 'hand_over' ? marks : true));
  return { ...rest, overdue: clueOverdue(clue, today(ctx)), events, mayEdit: !clue.archived };
}

/** The actor's subtree, or a forbidden answer for anyone the clues are not for. */
function cluePath(ctx: CommandContext): string {
  if (!canFollowClues(ctx.actor)) throw AppError.forbidden();
  const scope = readScope(ctx.actor);
  return scope.kind === 'subtree' ? scope.path : '/nothing/';
}

/** The clue list: the office's and the supervisors', filtered, overdue first. */
export async function listCluesFor(ctx: CommandContext, filter: ClueFilter): Promise<ClueView[]> {
  const path = cluePath(ctx);
  const clues = await listClues(ctx.db, path, filter);
  return clues.sort(clueListOrder(today(ctx))).map((c) => view(ctx, c));
}

export async function getClueView(ctx: CommandContext, id: number): Promise<ClueView> {
  return view(ctx, await authorizeClue(ctx, id, 'read'));
}

/** The clues on an item and on its problem, for the item page's section. */
export async function itemClues(
  ctx: CommandContext,
  itemId: number,
): Promise<{ problemId: number | null; clues: ClueView[]; mayMark: boolean }> {
  const target = await authorizeClueTarget(ctx, { itemId }, 'read');
  const clues = await cluesOfItem(ctx.db, itemId, target.problemId);
  return {
    problemId: target.problemId,
    clues: clues.map((c) => view(ctx, c)),
    mayMark: canMarkClues(ctx.actor) && !target.archived,
  };
}

export async function receivingBodySuggestions(ctx: CommandContext): Promise<string[]> {
  return receivingBodies(ctx.db, cluePath(ctx));
}

/**
 * The clues' totals for the internal dashboard, narrowed as the ledger's totals are; null for whoever does not follow
 * clues (a unit, a department, a team), so their dashboard carries nothing of them.
 */
export async function clueTotalsFor(
  ctx: CommandContext,
  filter: { roundId?: number; unitId?: number; inspectionId?: number; archived?: ArchivedFilter },
): Promise<ClueTotals | null> {
  if (!canFollowClues(ctx.actor)) return null;
  return clueTotals(await clueFigures(ctx.db, cluePath(ctx), filter), today(ctx));
}
