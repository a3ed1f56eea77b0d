import { describe, expect, it } from 'vitest';
import { acceptsNewMeasures } from './measure.ts';
import { WORKFLOW_STATES } from './workflow.ts';

describe('acceptsNewMeasures', () => {
  it.each(WORKFLOW_STATES.map((state) => [state, state !== 'closed'] as const))('%s: %s', (state, expected) => {
    expect(acceptsNewMeasures(state)).toBe(expected);
  });
});
