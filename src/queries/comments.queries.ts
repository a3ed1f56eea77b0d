import type { CommandContext } from '../context.ts';
import { authorizePublication } from '../policies/authorize.ts';
import { listComments, type PublicComment } from '../repositories/comments.repository.ts';

export async function listCommentsFor(ctx: CommandContext, publicationId: number): Promise<PublicComment[]> {
  await authorizePublication(ctx, publicationId, 'read');
  return listComments(ctx.db, publicationId);
}
