import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './domain/error-codes.ts';

const SRC = path.dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

const files = sources(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));

/** Every way a refusal is raised by key: appError, domainError, the coded error classes, and the local helpers. */
const THROWN_KEY =
  /\b(?:appError|domainError|refuse|new (?:AppError|DomainError|NoticeInputError|EvaluationError)|AppError\.(?:forbidden|unauthorized))\(\s*'([a-z_]+)'|\bbad\([^,]+,\s*'([a-z_]+)'|requireStatus\([^)]*'([a-z_]+)'\)|requireNote\([^,]+,\s*'([a-z_]+)'\)|refusal: '([a-z_]+)'/g;

describe('refusals by code', () => {
  it('throws only keys of the catalogue', () => {
    const unknown: string[] = [];
    let thrown = 0;
    for (const { file, text } of files) {
      for (const match of text.matchAll(THROWN_KEY)) {
        const key = match.slice(1).find(Boolean) as string;
        thrown++;
        if (!(key in ERRORS)) unknown.push(`${file}: ${key}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(thrown).toBeGreaterThan(120);
  });

  it('writes no message at a throw site: no error is built from a code and words', () => {
    const inline = files.flatMap(({ file, text }) =>
      [
        ...text.matchAll(
          /AppError\.(?:badRequest|conflict)\(|new (?:AppError|DomainError)\(\s*\d{3}|throw new Error\('[^']* \/ /g,
        ),
      ].map((m) => `${file}: ${m[0]}`),
    );
    expect(inline).toEqual([]);
  });
});
