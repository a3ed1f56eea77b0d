import { type CommandContext, today } from '../context.ts';
import { publicCommentStatus, transferOverdue } from '../domain/comments.ts';
import { authorizeComment, authorizeItem, authorizePublication } from '../policies/authorize.ts';
import { allows, COMMENT_RULES, type CommentAbility, type ScopedResource } from '../policies/policies.ts';
import {
  departmentsUnder,
  itemsOfInspection,
  listComments,
  listCommentsOfItem,
  listRemarks,
  type PublicComment,
} from '../repositories/comments.repository.ts';
import { getPublication } from '../repositories/publications.repository.ts';

export async function listCommentsFor(ctx: CommandContext, publicationId: number): Promise<PublicComment[]> {
  await authorizePublication(ctx, publicationId, 'read');
  const comments = await listComments(ctx.db, publicationId);
  // Issue 15: a department sees only the comments passed to it (转办), as on each comment's own page.
  if (ctx.actor.role !== 'department') return comments;
  return comments.filter((c) => c.transferDepartmentPath?.startsWith(ctx.actor.unitPath));
}

/** One comment for the unit's page: its 转办, its item, the remarks, what the reader may do, and the choices to do it. */
export async function getCommentDetail(ctx: CommandContext, commentId: number) {
  const comment = await authorizeComment(ctx, commentId, 'read');
  const p = await getPublication(ctx.db, comment.publicationId);
  const scope: ScopedResource = {
    unitPath: p.unitPath,
    teamId: p.teamId,
    departmentPaths: comment.transferDepartmentPath ? [comment.transferDepartmentPath] : [],
  };
  const may = (ability: CommentAbility) => allows(COMMENT_RULES[ability], ctx.actor, scope);
  const can = {
    answer: may('answer'),
    transfer: may('transfer') && comment.status !== 'handled',
    linkItem: may('linkItem'),
    draft: may('draft') && comment.status !== 'handled',
    remark: may('remark'),
  };
  const day = today(ctx);
  const [remarks, departments, items] = await Promise.all([
    may('readRemarks') ? listRemarks(ctx.db, commentId) : [],
    can.transfer ? departmentsUnder(ctx.db, p.unitPath) : [],
    can.linkItem ? itemsOfInspection(ctx.db, p.inspectionId) : [],
  ]);
  const { transferDepartmentPath: _path, ...shown } = comment;
  return {
    comment: {
      ...shown,
      publicStatus: publicCommentStatus(comment),
      transferOverdue: transferOverdue(comment, day),
    },
    publication: { id: p.id, title: p.title, inspectionId: p.inspectionId, unitName: p.unitName },
    remarks,
    can,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    items,
  };
}

/** The public comments linked to an item, for the item's page. */
export async function listItemComments(ctx: CommandContext, itemId: number) {
  await authorizeItem(ctx, itemId, 'read');
  const day = today(ctx);
  return (await listCommentsOfItem(ctx.db, itemId)).map((c) => ({
    id: c.id,
    content: c.content,
    createdAt: c.createdAt,
    status: c.status,
    publicStatus: publicCommentStatus(c),
    transferDepartmentName: c.transferDepartmentName,
    transferDueOn: c.transferDueOn,
    transferOverdue: transferOverdue(c, day),
  }));
}
