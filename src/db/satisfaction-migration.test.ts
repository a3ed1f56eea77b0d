import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEvaluationOf } from '../repositories/supervision.repository.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW, type World } from '../test/factories.ts';
import type { DatabaseHandle } from './database.ts';
import { knownMigrations, migrateToLatest, migrateUpTo } from './migrate.ts';

const MINE = '20261216400000_satisfaction';

/** Issue 15, point 4: evaluations made before the satisfaction existed keep their score and grade through the migration. */
describe.each(testDialects())('the satisfaction migration on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
  });
  afterAll(() => handle.close());

  it('keeps an earlier evaluation’s score as its checklist score, with the satisfaction not counted', async () => {
    const names = await knownMigrations(handle.dialect);
    const before = names[names.indexOf(MINE) - 1];
    await migrateUpTo(handle, before);
    // The evaluations table as it was: no satisfaction columns yet.
    await handle.db
      .insertInto('evaluations')
      .values({
        inspection_id: w.inspectionA,
        entries_json: '[]',
        note: null,
        score: 87.5,
        grade: 'fairly_good',
        evaluated_by: w.users.office.id,
        evaluated_on: '2026-08-14',
        created_at: TEST_NOW.toISOString(),
        updated_at: TEST_NOW.toISOString(),
      } as never)
      .execute();
    await migrateToLatest(handle);
    expect(await findEvaluationOf(handle.db, w.inspectionA)).toMatchObject({
      score: 87.5,
      grade: 'fairly_good',
      checklistScore: 87.5,
      satisfactionScore: null,
      satisfactionAnswers: 0,
      satisfactionWeight: 0,
    });
  });
});
