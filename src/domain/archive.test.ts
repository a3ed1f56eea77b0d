import { describe, expect, it } from 'vitest';
import { archivedFilterOf } from './archive.ts';

describe('archivedFilterOf', () => {
  it('leaves archived rounds out of a list across rounds unless asked', () => {
    expect(archivedFilterOf(undefined, {})).toBe('exclude');
    expect(archivedFilterOf('include', {})).toBe('include');
    expect(archivedFilterOf('only', {})).toBe('only');
  });

  it('shows a round or an inspection that the list names', () => {
    expect(archivedFilterOf(undefined, { roundId: 3 })).toBe('include');
    expect(archivedFilterOf(undefined, { inspectionId: 9 })).toBe('include');
    expect(archivedFilterOf('exclude', { roundId: 3 })).toBe('exclude');
  });
});
