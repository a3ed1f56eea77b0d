import { type CommandContext, today } from '../context.ts';
import type { Publication } from '../domain/publication.ts';
import { AppError, appError } from '../errors.ts';
import { type Clue, type ClueTarget, findClue, findClueTarget } from '../repositories/clues.repository.ts';
import { findComment, type PublicComment } from '../repositories/comments.repository.ts';
import { getInspection, type Inspection } from '../repositories/inspections.repository.ts';
import { loadItemScope } from '../repositories/items.repository.ts';
import { findVersion, type PublicationVersion } from '../repositories/publication-versions.repository.ts';
import { findPublication } from '../repositories/publications.repository.ts';
import { getRound, isInspectionArchived, isItemArchived, type Round } from '../repositories/rounds.repository.ts';
import {
  getLookback,
  getOrder,
  type Lookback,
  listOrders,
  type SupervisionOrder,
} from '../repositories/supervision.repository.ts';
import { getUnit, type Unit } from '../repositories/units.repository.ts';
import { getUser, type User } from '../repositories/users.repository.ts';
import {
  allows,
  CLUE_RULES,
  type ClueAbility,
  COMMENT_RULES,
  type CommentAbility,
  canManageInspections,
  canRead,
  canReadInspection,
  canSeeComment,
  type Decision,
  INSPECTION_RULES,
  type InspectionAbility,
  ITEM_RULES,
  type ItemAbility,
  isWithinActorTree,
  ORDER_RULES,
  type OrderAbility,
  type OrderScope,
  PUBLICATION_RULES,
  PUBLICATION_VERSION_RULES,
  type PublicationAbility,
  type PublicationVersionAbility,
  ROUND_RULES,
  type RoundAbility,
  type Rule,
  readScope,
  refusedWhileArchived,
  type ScopedResource,
  UNIT_RULES,
  type UnitAbility,
} from './policies.ts';

/*
 * One shape for every check that needs the database: authorize<Resource>(ctx, id, ability) loads the resource and its
 * scope through a repository, then lets the pure rule of policies.ts decide: 404 when the actor may not see it (so the
 * ids of other units reveal nothing), 403 when they see it but may not do this, and otherwise the loaded record, which
 * the caller usually needs anyway.
 */

type Who = Pick<CommandContext, 'db' | 'actor' | 'now'>;

async function decide<R, S>(
  ctx: Who,
  entity: string,
  id: number,
  rule: Rule<S>,
  seenByDefault: Decision<S>,
  load: () => Promise<{ record: R; scope: S; archived?: boolean } | null>,
): Promise<R> {
  if (rule.role && !rule.role(ctx.actor)) throw AppError.forbidden();
  const found = await load();
  if (!found || !(rule.seen ?? seenByDefault)(ctx.actor, found.scope)) throw AppError.notFound(entity, id);
  if (!allows(rule, ctx.actor, found.scope)) throw AppError.forbidden(rule.refusal);
  // Issue 12: under an archived round only reads pass; every command that loads its scope here gets this for free.
  if (refusedWhileArchived(rule, found.archived ?? false)) throw appError('round_archived');
  return found.record;
}

const noDepartments = (r: { unitPath: string; teamId: number }): ScopedResource => ({
  unitPath: r.unitPath,
  teamId: r.teamId,
  departmentPaths: [],
});

export type ItemScope = ScopedResource & { inspectionId: number };

/**
 * The same decision as authorizeItem over scopes the caller loaded in bulk (the plan's many-item edits): every one is
 * decided before anything is written, in the same order (404, 403, then 409 round_archived).
 */
export function authorizeLoadedItems(
  ctx: Who,
  entity: 'item' | 'measure',
  loaded: { id: number; scope: ScopedResource; archived: boolean }[],
  ability: ItemAbility,
): void {
  const rule: Rule<ScopedResource> = ITEM_RULES[ability];
  for (const { id, scope } of loaded) if (!canRead(ctx.actor, scope)) throw AppError.notFound(entity, id);
  for (const { scope } of loaded) if (!allows(rule, ctx.actor, scope)) throw AppError.forbidden(rule.refusal);
  if (loaded.some((l) => refusedWhileArchived(rule, l.archived))) throw appError('round_archived');
}

export function authorizeItem(ctx: Who, itemId: number, ability: ItemAbility): Promise<ItemScope> {
  return decide(ctx, 'item', itemId, ITEM_RULES[ability], canRead, async () => {
    const scope = await loadItemScope(ctx.db, itemId);
    return { record: scope, scope, archived: scope.archived };
  });
}

export function authorizeInspection(ctx: Who, inspectionId: number, ability: InspectionAbility): Promise<Inspection> {
  return decide(ctx, 'inspection', inspectionId, INSPECTION_RULES[ability], canReadInspection, async () => {
    const inspection = await getInspection(ctx.db, inspectionId);
    return { record: inspection, scope: noDepartments(inspection), archived: inspection.archived };
  });
}

/** The publication, with its comment counts only when the caller shows them (they cost three subqueries). */
export function authorizePublication(
  ctx: Who,
  publicationId: number,
  ability: PublicationAbility,
  { counts = false }: { counts?: boolean } = {},
): Promise<Publication> {
  return decide(ctx, 'publication', publicationId, PUBLICATION_RULES[ability], canReadInspection, async () => {
    const p = await findPublication(ctx.db, publicationId, { counts });
    return p && { record: p, scope: noDepartments(p), archived: await isInspectionArchived(ctx.db, p.inspectionId) };
  });
}

/** Issue 15: a version of a notice (draft to published), seen and decided as its inspection. */
export function authorizePublicationVersion(
  ctx: Who,
  versionId: number,
  ability: PublicationVersionAbility,
): Promise<PublicationVersion> {
  return decide(
    ctx,
    'publication_version',
    versionId,
    PUBLICATION_VERSION_RULES[ability],
    canReadInspection,
    async () => {
      const v = await findVersion(ctx.db, versionId);
      return v && { record: v, scope: noDepartments(v), archived: await isInspectionArchived(ctx.db, v.inspectionId) };
    },
  );
}

/**
 * A public comment, seen and decided as its publication, except that a department sees only a comment passed to it
 * (转办): the scope's departmentPaths is that department's path.
 */
export function authorizeComment(ctx: Who, commentId: number, ability: CommentAbility): Promise<PublicComment> {
  return decide(ctx, 'comment', commentId, COMMENT_RULES[ability], canSeeComment, async () => {
    const comment = await findComment(ctx.db, commentId);
    const p = comment && (await findPublication(ctx.db, comment.publicationId));
    if (!comment || !p) return null;
    const scope = {
      ...noDepartments(p),
      departmentPaths: comment.transferDepartmentPath ? [comment.transferDepartmentPath] : [],
    };
    return { record: comment, scope, archived: await isInspectionArchived(ctx.db, p.inspectionId) };
  });
}

export function authorizeOrder(ctx: Who, orderId: number, ability: OrderAbility): Promise<SupervisionOrder> {
  return decide(
    ctx,
    'supervision_order',
    orderId,
    ORDER_RULES[ability],
    (_actor, r: OrderScope) => r.listed,
    async () => {
      const order = await getOrder(ctx.db, orderId, today(ctx));
      // Issue 15: a recalled order has left the unit's list; only the office still sees it.
      const filter = { unitId: order.unitId, withRecalled: canManageInspections(ctx.actor) };
      const listed = (await listOrders(ctx.db, readScope(ctx.actor), filter, today(ctx))).some((o) => o.id === orderId);
      // An order about an item is under that item's round; an order to a whole unit is under none.
      const archived = order.itemId !== null && (await isItemArchived(ctx.db, order.itemId));
      return { record: order, scope: { unitPath: order.unitPath, listed }, archived };
    },
  );
}

/** A look-back, seen and decided as its item. */
export function authorizeLookback(ctx: Who, lookbackId: number, ability: ItemAbility): Promise<Lookback> {
  return decide(ctx, 'lookback', lookbackId, ITEM_RULES[ability], canRead, async () => {
    const lookback = await getLookback(ctx.db, lookbackId, today(ctx));
    const scope = await loadItemScope(ctx.db, lookback.itemId);
    return { record: lookback, scope, archived: scope.archived };
  });
}

const inActorTree = (actor: CommandContext['actor'], r: { unitPath: string }) => isWithinActorTree(actor, r.unitPath);

export function authorizeUnit(ctx: Who, unitId: number, ability: UnitAbility): Promise<Unit> {
  return decide(ctx, 'unit', unitId, UNIT_RULES[ability], inActorTree, async () => {
    const unit = await getUnit(ctx.db, unitId);
    return { record: unit, scope: { unitPath: unit.path } };
  });
}

/**
 * A round, seen by every signed-in user; its managing writes are refused while it is archived, except archiving itself.
 * Writes that name a round in a body (a new team, a new inspection, a notice read into a round) ask this too.
 */
export function authorizeRound(ctx: Who, roundId: number, ability: RoundAbility): Promise<Round> {
  return decide(
    ctx,
    'round',
    roundId,
    ROUND_RULES[ability],
    () => true,
    async () => {
      const round = await getRound(ctx.db, roundId);
      return { record: round, scope: null, archived: round.archivedAt !== null };
    },
  );
}

/** An account, seen through the unit it belongs to. */
export function authorizeUser(ctx: Who, userId: number, ability: UnitAbility): Promise<User> {
  return decide(ctx, 'user', userId, UNIT_RULES[ability], inActorTree, async () => {
    const user = await getUser(ctx.db, userId);
    return { record: user, scope: { unitPath: (await getUnit(ctx.db, user.unitId)).path } };
  });
}

/**
 * Issue 15 (问题线索): a clue, seen by the office and the supervisors within their part of the tree. Every other role is
 * refused (403) before anything is loaded, so a clue's id reveals nothing to a unit, a department or a team.
 */
export function authorizeClue(ctx: Who, clueId: number, ability: ClueAbility): Promise<Clue> {
  const rule: Rule<{ unitPath: string }> = CLUE_RULES[ability];
  return decide(
    ctx,
    'clue',
    clueId,
    rule,
    () => true,
    async () => {
      const clue = await findClue(ctx.db, clueId);
      return clue && { record: clue, scope: { unitPath: clue.unitPath }, archived: clue.archived };
    },
  );
}

/** The problem or item a clue is to mark (or whose clues are read), decided by the same rules as a clue. */
export function authorizeClueTarget(
  ctx: Who,
  target: { itemId: number } | { problemId: number },
  ability: ClueAbility,
): Promise<ClueTarget> {
  const rule: Rule<{ unitPath: string }> = CLUE_RULES[ability];
  const [entity, id] = 'itemId' in target ? ['item', target.itemId] : ['problem', target.problemId];
  return decide(
    ctx,
    entity,
    id,
    rule,
    () => true,
    async () => {
      const found = await findClueTarget(ctx.db, target);
      return found && { record: found, scope: { unitPath: found.unitPath }, archived: found.archived };
    },
  );
}
