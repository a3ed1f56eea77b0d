import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The layers of docs/ARCHITECTURE.md are rules in biome.json (noRestrictedImports per folder, noImportCycles), so
 * `npm run lint` refuses a forbidden import. These tests prove each rule: they plant imports in a throwaway project
 * linted with this repository's biome.json and expect the refusals, and they lint the real tree and expect none.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const biomeBin = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
const LAYER_RULES = ['lint/style/noRestrictedImports', 'lint/suspicious/noImportCycles'];

interface Diagnostic {
  category: string;
  location: { path: string };
}

function layerDiagnostics(cwd: string): Diagnostic[] {
  const run = spawnSync(process.execPath, [biomeBin, 'lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  return report.diagnostics.filter((d) => LAYER_RULES.includes(d.category));
}

/** Each planted file and whether the layers allow it: the refused ones name the rule that refuses them. */
const planted: Record<string, { source: string; refusedBy: string | null }> = {
  // src/domain imports nothing of ours outside src/domain
  'src/domain/planted-outside.ts': { source: "export { AppError } from '../errors.ts';", refusedBy: 'domain' },
  'src/domain/planted-inside.ts': { source: "export { addDays } from './dates.ts';", refusedBy: null },
  // only src/repositories and src/db import Kysely's values; its type helpers are fine anywhere
  'src/commands/planted-sql.ts': { source: "export { sql } from 'kysely';", refusedBy: 'kysely' },
  'src/http/routes/planted/planted-sql.ts': { source: "export { sql } from 'kysely';", refusedBy: 'kysely' },
  'src/domain/planted-sql.ts': { source: "export { sql } from 'kysely';", refusedBy: 'kysely' },
  'src/notices/planted-sql.ts': { source: "export { sql } from 'kysely';", refusedBy: 'kysely' },
  'src/commands/planted-types.ts': { source: "export type { Insertable } from 'kysely';", refusedBy: null },
  'src/repositories/planted-sql.ts': { source: "export { sql } from 'kysely';", refusedBy: null },
  'src/db/planted-sql.ts': { source: "export { sql } from 'kysely';", refusedBy: null },
  // documents import neither commands, the CLI nor HTTP
  'src/notices/planted-commands.ts': {
    source: "export { change } from '../commands/context.ts';",
    refusedBy: 'documents',
  },
  'src/ledger-io/export/planted-cli.ts': {
    source: "export { main } from '../../cli/main.ts';",
    refusedBy: 'documents',
  },
  'src/notices/generate/planted-http.ts': {
    source: "export { buildApp } from '../../http/app.ts';",
    refusedBy: 'documents',
  },
  'src/ledger-io/binder/planted-reads.ts': {
    source:
      "export { authorizeInspection } from '../../policies/authorize.ts';\nexport { getInspection } from '../../repositories/inspections.repository.ts';",
    refusedBy: null,
  },
  // identity adapters talk to outside directories: no accounts, sessions or HTTP of their own
  'src/identity/planted-repository.ts': {
    source: "export { findCredentials } from '../repositories/users.repository.ts';",
    refusedBy: 'identity',
  },
  'src/identity/planted-commands.ts': {
    source: "export { startSession } from '../commands/session-start.ts';",
    refusedBy: 'identity',
  },
  'src/identity/planted-config.ts': { source: "export type { LdapSettings } from '../config.ts';", refusedBy: null },
  // the web imports from src/ only src/domain, besides its own modules and generated client
  'web/src/pages/planted/planted-server.ts': {
    source: "export { buildApp } from '../../../../src/http/app.ts';",
    refusedBy: 'web',
  },
  'web/src/pages/planted/planted-domain.ts': {
    source: "export { addDays } from '../../../../src/domain/dates.ts';\nexport { api } from '../../api/client.ts';",
    refusedBy: null,
  },
  // no import cycles; a cycle through type-only imports is erased at run time and allowed
  'src/queries/planted-one.ts': {
    source: "import { two } from './planted-two.ts';\nexport const one = () => two;",
    refusedBy: 'cycle',
  },
  'src/queries/planted-two.ts': {
    source: "import { one } from './planted-one.ts';\nexport const two = () => one;",
    refusedBy: 'cycle',
  },
  'src/queries/planted-type-one.ts': {
    source: "import type { B } from './planted-type-two.ts';\nexport type A = { b?: B };",
    refusedBy: null,
  },
  'src/queries/planted-type-two.ts': {
    source: "import type { A } from './planted-type-one.ts';\nexport type B = { a?: A };",
    refusedBy: null,
  },
};

const categoryOf = (refusedBy: string) =>
  refusedBy === 'cycle' ? 'lint/suspicious/noImportCycles' : 'lint/style/noRestrictedImports';

describe('the layers biome.json enforces', () => {
  let project: string;
  let found: Diagnostic[];

  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'rectify-layers-'));
    const { $schema: _schema, ...config } = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8'));
    writeFileSync(path.join(project, 'biome.json'), JSON.stringify(config));
    for (const [file, { source }] of Object.entries(planted)) {
      mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      writeFileSync(path.join(project, file), `${source}\n`);
    }
    found = layerDiagnostics(project);
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it.each(Object.entries(planted))('%s', (file, { refusedBy }) => {
    const categories = found.filter((d) => d.location.path === file).map((d) => d.category);
    if (refusedBy === null) expect(categories).toEqual([]);
    else expect(categories).toContain(categoryOf(refusedBy));
  });

  // The whole tree is linted (a second or two alone; longer beside other test files on two cores).
  it('finds nothing against the layers in the real tree', { timeout: 120_000 }, () => {
    expect(layerDiagnostics(root).map((d) => `${d.category} ${d.location.path}`)).toEqual([]);
  });
});
