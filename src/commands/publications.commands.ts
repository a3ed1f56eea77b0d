import type { CommandContext } from '../context.ts';
import type { PublicationView } from '../domain/publication.ts';
import { appError } from '../errors.ts';
import { authorizePublication } from '../policies/authorize.ts';
import { withState } from '../queries/publications.queries.ts';
import { getPublication, markWithdrawn } from '../repositories/publications.repository.ts';
import { change } from './context.ts';

// Issue 15: publishing is a workflow now (publication-versions.commands.ts: a draft submitted, approved, then published).

export async function withdrawPublication(ctx: CommandContext, id: number, version: number): Promise<PublicationView> {
  const p = await authorizePublication(ctx, id, 'editNotice');
  if (p.status === 'withdrawn') throw appError('already_withdrawn');
  await change(ctx, async ({ trx, audit }) => {
    await markWithdrawn(trx, id, version, ctx.actor.id, ctx.now());
    await audit({
      action: 'publication.withdraw',
      entity: 'publication',
      entityId: id,
      before: { status: p.status, state: withState(ctx, p).state },
      after: { status: 'withdrawn' },
    });
  });
  return withState(ctx, await getPublication(ctx.db, id));
}
