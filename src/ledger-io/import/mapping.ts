import { appError } from '../../errors.ts';
import type { ImportMapping } from './planner.ts';

const bad = (why: string) => appError('bad_mapping', { why });

/**
 * Checks a user-supplied mapping: optional objects of name → string or null (departments, people), and of a written
 * aspect name → the id of the round's aspect the user confirmed it means (aspects), nothing else.
 */
export function parseMapping(value: unknown): ImportMapping {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('不是 JSON 对象');
  const out: ImportMapping = {};
  for (const [key, section] of Object.entries(value)) {
    if (key !== 'departments' && key !== 'people' && key !== 'aspects') throw bad(`未知的键“${key}”`);
    if (typeof section !== 'object' || section === null || Array.isArray(section)) throw bad(`“${key}”不是对象`);
    const entries = Object.entries(section);
    if (key === 'aspects') {
      if (entries.some(([, v]) => !Number.isSafeInteger(v) || (v as number) < 1))
        throw bad('“aspects”的值须为方面编号');
      out.aspects = Object.fromEntries(entries) as Record<string, number>;
      continue;
    }
    if (entries.some(([, v]) => v !== null && typeof v !== 'string')) throw bad(`“${key}”的值须为字符串或 null`);
    out[key] = Object.fromEntries(entries) as Record<string, string | null>;
  }
  return out;
}

export function parseMappingJson(text: string): ImportMapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('不是有效的 JSON');
  }
  return parseMapping(value);
}
