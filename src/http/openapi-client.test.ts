import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_SCHEMA, generateApiTypes } from '../../scripts/generate-api.ts';

/** The first line where the two differ, so the failure names the route that changed without 8,000 lines of diff. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}: checked in ${JSON.stringify(left[at] ?? '')}, generated ${JSON.stringify(right[at] ?? '')}`;
}

describe('the web client generated from the OpenAPI document', () => {
  it('is up to date with the routes', async () => {
    const checkedIn = readFileSync(GENERATED_SCHEMA, 'utf8');
    const fresh = await generateApiTypes();
    expect(
      fresh === checkedIn,
      `web/src/api/generated/schema.ts is stale: run npm run api:generate (${firstDifference(checkedIn, fresh)})`,
    ).toBe(true);
  });
});
