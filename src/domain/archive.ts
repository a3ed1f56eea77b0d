/**
 * Issue 12: archived rounds (归档). A finished round the inspection office archives is read-only and left out of the
 * default lists; a list asks for it with `archived=include` (every round) or `archived=only` (the archive alone).
 */
export const ARCHIVED_FILTERS = ['exclude', 'include', 'only'] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];

/**
 * What a list shows when the request does not say: a list across rounds leaves the archive out, but a list that names
 * one round or one inspection is reading that one on purpose (an archived inspection's page, its export), so it shows it.
 */
export function archivedFilterOf(
  asked: ArchivedFilter | undefined,
  names: { roundId?: number; inspectionId?: number },
): ArchivedFilter {
  if (asked) return asked;
  return names.roundId !== undefined || names.inspectionId !== undefined ? 'include' : 'exclude';
}
