import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewLedgerImport } from '../../commands/ledger-import.commands.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase, testDialects } from '../../test/databases.ts';
import { buildWorld, type World, worldContext } from '../../test/factories.ts';
import { hasLibreOffice, LIBREOFFICE_MISSING } from '../../test/libreoffice.ts';
import { customaryLedger, fixtureDir } from './fixtures.ts';

const run = promisify(execFile);

/** Opens and saves a file in LibreOffice Calc, as a unit does before mailing its ledger. */
async function resave(file: string, filter: string, extension: string): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'rectify-calc-'));
  const profile = pathToFileURL(mkdtempSync(path.join(tmpdir(), 'rectify-calc-profile-'))).href;
  await run(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, file],
    {
      timeout: 120_000,
    },
  );
  return path.join(outDir, `${path.basename(file, path.extname(file))}.${extension}`);
}

describe.skipIf(!hasLibreOffice()).each(testDialects())('a ledger saved again by an office suite (%s)', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  const ctx = () => worldContext(handle.db, world, 'unitAdminA');

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('reads the same from the file Calc wrote as from the original, as .xlsx and as .csv', async () => {
    const original = await customaryLedger(fixtureDir());
    const expected = await previewLedgerImport(ctx(), world.inspectionA, { filePath: original, fileName: 'a.xlsx' });
    expect(expected.errors).toEqual([]);
    const xlsx = await resave(original, 'xlsx:Calc MS Excel 2007 XML', 'xlsx');
    // The token hashes the file's bytes, which the resave changes; everything read from it is the same.
    expect(await previewLedgerImport(ctx(), world.inspectionA, { filePath: xlsx, fileName: 'b.xlsx' })).toEqual({
      ...expected,
      token: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A CSV holds only the first sheet: its counts are the first sheet's.
    const csv = await resave(original, 'csv:Text - txt - csv (StarCalc):44,34,76,1', 'csv');
    const fromCsv = await previewLedgerImport(ctx(), world.inspectionA, { filePath: csv, fileName: 'c.csv' });
    expect(fromCsv).toMatchObject({ items: 5, measures: 10, errors: [] });
  }, 240_000);
});

if (!hasLibreOffice()) describe.skip(LIBREOFFICE_MISSING, () => {});
