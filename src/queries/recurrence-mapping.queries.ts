import type { CommandContext } from '../context.ts';
import { type NamedAspect, type SuggestedPair, suggestAspectMapping } from '../domain/recurrence.ts';
import { authorizeRound } from '../policies/authorize.ts';
import { aspectMappingOf } from '../repositories/recurrence-mapping.repository.ts';
import { getRound } from '../repositories/rounds.repository.ts';

/** The mapping page for a pair of rounds: each earlier aspect, what is saved for it, and what is suggested. */
export interface AspectMappingView {
  earlierRound: { id: number; name: string };
  laterRound: { id: number; name: string };
  /** Whether the office has saved a mapping between these rounds (then it decides the repeats). */
  saved: boolean;
  laterAspects: NamedAspect[];
  pairs: (SuggestedPair & { savedLaterAspectIds: number[] | null })[];
}

export async function getAspectMapping(
  ctx: CommandContext,
  laterRoundId: number,
  earlierRoundId: number,
): Promise<AspectMappingView> {
  const later = await authorizeRound(ctx, laterRoundId, 'readAspectMapping');
  const earlier = await getRound(ctx.db, earlierRoundId);
  const named = (aspects: { id: number; name: string }[]) => aspects.map(({ id, name }) => ({ id, name }));
  const saved = earlierRoundId === laterRoundId ? [] : await aspectMappingOf(ctx.db, earlierRoundId, laterRoundId);
  const savedFor = new Map<number, number[]>();
  for (const pair of saved) {
    const list = savedFor.get(pair.earlierAspectId) ?? [];
    if (pair.laterAspectId !== null) list.push(pair.laterAspectId);
    savedFor.set(pair.earlierAspectId, list);
  }
  const laterAspects = named(later.aspects);
  return {
    earlierRound: { id: earlier.id, name: earlier.name },
    laterRound: { id: later.id, name: later.name },
    saved: saved.length > 0,
    laterAspects,
    pairs: suggestAspectMapping(named(earlier.aspects), laterAspects).map((p) => ({
      ...p,
      savedLaterAspectIds: savedFor.get(p.earlierAspect.id) ?? null,
    })),
  };
}
