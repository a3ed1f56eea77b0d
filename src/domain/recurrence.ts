import { type AspectMatch, aspectKey, matchAspect, SAME_TITLE_THRESHOLD } from './ledger-matching.ts';
import { DEFAULT_THRESHOLD, shapeOf, shapeSimilarity, type TitleShape } from './similarity.ts';

/**
 * 屡查屡犯 across rounds (issue 15): rounds rename their aspects (问题方面), so an item of an earlier round repeats one of
 * a later round when their aspects correspond — the same name once numbering and the customary suffixes are gone
 * (`aspectKey`, the ledger import's rule), or a pair the office mapped between the two rounds — and their titles are
 * alike; or, whatever the aspects, when the titles are very alike. Until the office has saved a mapping between two
 * rounds, aspect names that are merely alike still count, as before the mapping existed; once saved, the mapping decides.
 */

/** Titles this alike are the same problem whatever their aspects (the ledger import's "same item" bar). */
export const VERY_SIMILAR_TITLE = SAME_TITLE_THRESHOLD;

export interface NamedAspect {
  id: number;
  name: string;
}

/** One pair of the office's mapping: an earlier round's aspect and a later round's aspect it became. */
export interface AspectPair {
  earlierRoundId: number;
  laterRoundId: number;
  earlierAspectId: number;
  /** null: the office said this aspect has no counterpart in the later round. */
  laterAspectId: number | null;
}

/** The saved mappings, asked by aspect pair and by round pair. */
export class AspectCorrespondence {
  private readonly pairs = new Set<string>();
  private readonly rounds = new Set<string>();

  constructor(pairs: readonly AspectPair[] = []) {
    for (const p of pairs) {
      this.rounds.add(`${p.earlierRoundId}>${p.laterRoundId}`);
      if (p.laterAspectId !== null) this.pairs.add(`${p.earlierAspectId}>${p.laterAspectId}`);
    }
  }

  /** Whether the office has saved a mapping from the earlier round to the later one. */
  covers(earlierRoundId: number, laterRoundId: number): boolean {
    return this.rounds.has(`${earlierRoundId}>${laterRoundId}`);
  }

  maps(earlierAspectId: number, laterAspectId: number): boolean {
    return this.pairs.has(`${earlierAspectId}>${laterAspectId}`);
  }
}

/** One side of a possible repeat: where the item sits and its title, shaped once by the caller. */
export interface RepeatSide {
  roundId: number;
  aspectId: number | null;
  aspect: string | null;
  title: TitleShape;
}

/** Why two items are a repeat, as the page words it. */
export type RepeatReason =
  /** Same aspect, or the same name after numbering and suffixes; or one side has no aspect. */
  | { kind: 'same_aspect' }
  /** The office's mapping between the two rounds. */
  | { kind: 'mapped'; earlierAspect: string; laterAspect: string }
  /** No mapping saved for these rounds; the aspect names are alike. */
  | { kind: 'similar_aspect'; earlierAspect: string; laterAspect: string }
  /** The titles are very alike, whatever the aspects. */
  | { kind: 'title' };

export interface RepeatMatch {
  similarity: number;
  reason: RepeatReason;
}

/** An aspect name ready for comparing: its key and the key's shape. */
export interface AspectShape {
  key: string;
  shape: TitleShape;
}

export function aspectShape(name: string): AspectShape {
  const key = aspectKey(name);
  return { key, shape: shapeOf(key) };
}

/**
 * Whether `later` repeats `earlier`, and why; null when it does not. `aspectShapeOf` gives a name's shape (cached by the
 * caller, a round has a handful of aspects). The title bar is `threshold` under corresponding aspects, and
 * VERY_SIMILAR_TITLE (or `threshold` if higher) under any.
 */
export function repeatOf(
  earlier: RepeatSide,
  later: RepeatSide,
  mapping: AspectCorrespondence,
  threshold = DEFAULT_THRESHOLD,
  aspectShapeOf: (name: string) => AspectShape = aspectShape,
): RepeatMatch | null {
  const similarity = Math.round(shapeSimilarity(earlier.title, later.title) * 100) / 100;
  if (similarity < threshold) return null;
  const reason = aspectReason(earlier, later, mapping, threshold, aspectShapeOf);
  if (reason) return { similarity, reason };
  if (similarity >= Math.max(VERY_SIMILAR_TITLE, threshold)) return { similarity, reason: { kind: 'title' } };
  return null;
}

function aspectReason(
  earlier: RepeatSide,
  later: RepeatSide,
  mapping: AspectCorrespondence,
  threshold: number,
  aspectShapeOf: (name: string) => AspectShape,
): RepeatReason | null {
  if (earlier.aspectId === null || later.aspectId === null || earlier.aspect === null || later.aspect === null) {
    return { kind: 'same_aspect' };
  }
  if (earlier.aspectId === later.aspectId) return { kind: 'same_aspect' };
  const a = aspectShapeOf(earlier.aspect);
  const b = aspectShapeOf(later.aspect);
  if (a.key !== '' && a.key === b.key) return { kind: 'same_aspect' };
  if (earlier.roundId !== later.roundId && mapping.covers(earlier.roundId, later.roundId)) {
    return mapping.maps(earlier.aspectId, later.aspectId)
      ? { kind: 'mapped', earlierAspect: earlier.aspect, laterAspect: later.aspect }
      : null;
  }
  if (shapeSimilarity(a.shape, b.shape) >= threshold) {
    return { kind: 'similar_aspect', earlierAspect: earlier.aspect, laterAspect: later.aspect };
  }
  return null;
}

/** What the mapping page suggests for one earlier aspect. */
export interface SuggestedPair {
  earlierAspect: NamedAspect;
  /** The later aspect suggested, with how: the same name once numbering and suffixes are gone, or alike. */
  suggestion: { aspect: NamedAspect; by: 'same_name' | 'similar'; similarity: number } | null;
}

/**
 * A suggested mapping from each earlier aspect to the later round's: the same name after `aspectKey`, else the most
 * alike (the ledger import's `matchAspect` and its threshold), else none. The office confirms or changes each pair.
 */
export function suggestAspectMapping(earlier: readonly NamedAspect[], later: readonly NamedAspect[]): SuggestedPair[] {
  return earlier.map((aspect) => {
    const match: AspectMatch = matchAspect(aspect.name, later);
    if (match.kind === 'none') return { earlierAspect: aspect, suggestion: null };
    const found = later.find((a) => a.id === match.id) as NamedAspect;
    return {
      earlierAspect: aspect,
      suggestion:
        match.kind === 'exact'
          ? { aspect: found, by: 'same_name', similarity: 1 }
          : { aspect: found, by: 'similar', similarity: match.similarity },
    };
  });
}

/** A mapping as saved: each earlier aspect with the later aspects it became (none: no counterpart). */
export interface MappingInput {
  earlierAspectId: number;
  laterAspectIds: number[];
}

export type MappingProblem =
  | { kind: 'same_round' }
  | { kind: 'earlier_aspect_not_of_round'; index: number; aspectId: number }
  | { kind: 'later_aspect_not_of_round'; index: number; aspectId: number }
  | { kind: 'duplicate_earlier_aspect'; index: number; aspectId: number };

/** The first thing wrong with a mapping between two rounds, or null when it may be saved. */
export function checkMapping(
  earlierRoundId: number,
  laterRoundId: number,
  earlierAspectIds: readonly number[],
  laterAspectIds: readonly number[],
  pairs: readonly MappingInput[],
): MappingProblem | null {
  if (earlierRoundId === laterRoundId) return { kind: 'same_round' };
  const earlierSet = new Set(earlierAspectIds);
  const laterSet = new Set(laterAspectIds);
  const seen = new Set<number>();
  for (const [index, pair] of pairs.entries()) {
    if (!earlierSet.has(pair.earlierAspectId)) {
      return { kind: 'earlier_aspect_not_of_round', index, aspectId: pair.earlierAspectId };
    }
    if (seen.has(pair.earlierAspectId)) {
      return { kind: 'duplicate_earlier_aspect', index, aspectId: pair.earlierAspectId };
    }
    seen.add(pair.earlierAspectId);
    for (const id of pair.laterAspectIds) {
      if (!laterSet.has(id)) return { kind: 'later_aspect_not_of_round', index, aspectId: id };
    }
  }
  return null;
}

/** The rows a checked mapping is stored as: one per pair, and one with no later aspect for an aspect mapped to none. */
export function mappingRows(
  earlierRoundId: number,
  laterRoundId: number,
  pairs: readonly MappingInput[],
): AspectPair[] {
  return pairs.flatMap((p): AspectPair[] => {
    const later = [...new Set(p.laterAspectIds)];
    if (later.length === 0)
      return [{ earlierRoundId, laterRoundId, earlierAspectId: p.earlierAspectId, laterAspectId: null }];
    return later.map((laterAspectId) => ({
      earlierRoundId,
      laterRoundId,
      earlierAspectId: p.earlierAspectId,
      laterAspectId,
    }));
  });
}
