import { type CommandContext, today } from '../context.ts';
import type { TodoKind } from '../domain/todos.ts';
import { extensionStepFor, readScope, readsBusinessData, todoKindsFor } from '../policies/policies.ts';
import {
  closeRequestsWaiting,
  commentsTransferred,
  commentsWaiting,
  extensionsWaiting,
  noticesWaiting,
  ordersWaiting,
  returnedItems,
  type TodoGroup,
} from '../repositories/todos.repository.ts';

export interface Todos {
  total: number;
  groups: (TodoGroup & { kind: TodoKind })[];
}

/**
 * What waits for the signed-in user, by kind, each with its count and its `limit` oldest entries (0 for the counts
 * alone, as the header polls them). Only the kinds the user may act on are listed, even when nothing waits, so a page
 * can say "nothing waits for you" rather than leave the user wondering.
 */
export async function listTodos(ctx: CommandContext, limit: number): Promise<Todos> {
  const { actor, db } = ctx;
  if (!readsBusinessData(actor)) return { total: 0, groups: [] };
  const scope = readScope(actor);
  const day = today(ctx);
  const group = (kind: TodoKind): Promise<TodoGroup> => {
    switch (kind) {
      case 'close_to_approve':
        return closeRequestsWaiting(db, { scope, stage: 'unit_review', actorId: actor.id, today: day, limit });
      case 'close_to_confirm':
        return closeRequestsWaiting(db, { scope, stage: 'office_review', actorId: actor.id, today: day, limit });
      case 'returned_to_redo':
        return returnedItems(db, { scope, today: day, limit });
      case 'order_to_answer':
        return ordersWaiting(db, { unitPath: actor.unitPath, statuses: ['open', 'returned'], limit });
      case 'answer_to_review':
        return ordersWaiting(db, { unitPath: actor.unitPath, statuses: ['answered'], limit });
      case 'comment_to_handle':
        return commentsWaiting(db, { unitPath: actor.unitPath, limit });
      case 'comment_transferred':
        return commentsTransferred(db, { departmentPath: actor.unitPath, today: day, limit });
      case 'notice_to_approve':
        return noticesWaiting(db, { unitPath: actor.unitPath, actorId: actor.id, limit });
      case 'extension_to_decide':
        return extensionsWaiting(db, {
          scope,
          step: extensionStepFor(actor),
          actorId: actor.id,
          today: day,
          limit,
        });
    }
  };
  const groups = [];
  for (const kind of todoKindsFor(actor)) groups.push({ kind, ...(await group(kind)) });
  return { total: groups.reduce((n, g) => n + g.count, 0), groups };
}
