import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNoticeText } from './parse.ts';

/**
 * The published notices and their hand-made answer keys live in ../shared beside the project (never copied in).
 * Every field of every key must match; measures are compared by count only, as the keys record.
 */
const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const seedsDir = `${shared}seeds/`;
const keysDir = `${shared}notices/`;
const available = existsSync(seedsDir) && existsSync(keysDir);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** path → value for every leaf, with array lengths as their own entries so a missing item fails by name. */
function flatten(value: Json, path: string, out: [string, Json][]): [string, Json][] {
  if (Array.isArray(value)) {
    out.push([`${path}.length`, value.length]);
    value.forEach((v, i) => {
      flatten(v, `${path}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.push([path, value]);
  }
  return out;
}

function expectedOf(key: Record<string, Json>): Json {
  const { source: _source, notes: _notes, ...rest } = key;
  const totals = rest.stated_totals as Record<string, Json> | null;
  // Keys written before as_of existed leave it out; the text gives no 截至 date there, so it is null.
  if (totals && !('as_of' in totals)) totals.as_of = null;
  return rest;
}

function actualOf(text: string): Json {
  const { warnings: _warnings, ...parsed } = parseNoticeText(text);
  return {
    ...parsed,
    sections: parsed.sections.map((s) => ({
      heading: s.heading,
      items: s.items.map(({ measures: _measures, ...item }) => item),
    })),
  } as unknown as Json;
}

function lookup(flat: [string, Json][], path: string): Json | undefined {
  return flat.find(([p]) => p === path)?.[1];
}

const seeds = available ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')) : [];

describe.skipIf(!available)('conformance with the answer keys (needs ../shared/seeds and ../shared/notices)', () => {
  it('has an answer key for every seed notice', () => {
    expect(seeds.length).toBeGreaterThan(0);
    for (const f of seeds) expect(existsSync(`${keysDir}${f.replace(/\.txt$/, '.json')}`), f).toBe(true);
  });

  for (const file of seeds) {
    const keyFile = `${keysDir}${file.replace(/\.txt$/, '.json')}`;
    if (!existsSync(keyFile)) continue;
    const expected = flatten(expectedOf(JSON.parse(readFileSync(keyFile, 'utf8'))), '', []);
    const actual = flatten(actualOf(readFileSync(`${seedsDir}${file}`, 'utf8')), '', []);
    describe(file, () => {
      it.each(expected)('%s', (path, value) => {
        expect(lookup(actual, path)).toEqual(value);
      });
      it('has no fields beyond the key', () => {
        const extra = actual.map(([p]) => p).filter((p) => !expected.some(([e]) => e === p));
        expect(extra).toEqual([]);
      });
    });
  }
});
