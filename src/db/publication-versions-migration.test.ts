import { afterAll, describe, expect, it } from 'vitest';
import { createUnmigratedTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW } from '../test/factories.ts';
import type { DatabaseHandle } from './database.ts';
import { knownMigrations, migrateToLatest, migrateUpTo } from './migrate.ts';

const THIS = '20261216100000_publication_versions';

describe.each(testDialects())('existing publications become their version 1 on %s', (dialect) => {
  let handle: DatabaseHandle;
  afterAll(async () => {
    await handle?.close();
  });

  it('keeps every publication as it was, published, version 1, with its text, nothing to correct', async () => {
    handle = await createUnmigratedTestDatabase(dialect);
    const names = await knownMigrations(dialect);
    await migrateUpTo(handle, names[names.indexOf(THIS) - 1]);
    const w = await buildWorld(handle.db);
    const at = TEST_NOW.toISOString();
    const row = {
      inspection_id: w.inspectionA,
      title: '关于巡察整改进展情况的通报',
      body_html: '<p>通报正文</p>',
      body_text: '通报正文',
      public_from: '2026-08-15',
      public_to: '2026-08-29',
      contacts_json: JSON.stringify({ phone: ['0731-6661234'], email: [], postal: null, postcode: null }),
      published_by: w.users.unitAdminA.id,
      published_at: at,
      created_at: at,
      updated_at: at,
    };
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before this migration
    const db = handle.db as any;
    await db
      .insertInto('publications')
      .values({ ...row, status: 'published' })
      .execute();
    await db
      .insertInto('publications')
      .values({ ...row, status: 'withdrawn', title: '撤回的通报' })
      .execute();
    await migrateToLatest(handle);
    const versions = await handle.db
      .selectFrom('publication_versions')
      .select(['publication_id', 'number', 'state', 'title', 'body_text', 'public_to', 'prepared_by', 'published_at'])
      .orderBy('publication_id')
      .execute();
    expect(versions.map((v) => [v.number, v.state, v.title, v.body_text, v.public_to, v.prepared_by])).toEqual([
      [1, 'published', row.title, '通报正文', '2026-08-29', w.users.unitAdminA.id],
      [1, 'published', '撤回的通报', '通报正文', '2026-08-29', w.users.unitAdminA.id],
    ]);
    const publications = await handle.db
      .selectFrom('publications')
      .select(['needs_correction', 'corrected_at', 'shown_version', 'status'])
      .orderBy('id')
      .execute();
    expect(publications).toEqual([
      { needs_correction: 0, corrected_at: null, shown_version: 1, status: 'published' },
      { needs_correction: 0, corrected_at: null, shown_version: 1, status: 'withdrawn' },
    ]);
  });
});
