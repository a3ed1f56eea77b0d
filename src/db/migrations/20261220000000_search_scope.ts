import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn, type MigrationContext } from '../migration-helpers.ts';
import { up as firstIndex } from './20261217100000_search_index.ts';

// Issue 16, search everything at speed. The first index (20261217100000) named only the item of each text, so a search
// limited to one unit listed that unit's item ids on every query (10 ms and more at 100,000 items) before the index
// could narrow anything; and it had no room for texts that belong to no item. Each indexed text now also carries the
// unit and the inspection it belongs to, which the access scope tests directly (subtree: unit_id, team: inspection_id),
// and item_id may be null:
// - a public comment not linked to an item is indexed under its notice's inspection and unit;
// - a problem's title and description (问题, the inspection's wording, which several units' items may share) are part
//   of each of its items' text, so a word of the problem finds the items that answer it, in every reader's scope.
// The index is rebuilt: triggers, FTS table and rows. Evidence texts already read (a PDF's text layer, OCR) are kept.

type Source = {
  kind: string;
  table: string;
  /** The columns whose change re-indexes the row. */
  columns: string[];
  /** The index row's values (kind, source_id, item_id, unit_id, inspection_id, body, extract_state) for source row r. */
  values: (r: string, nl: string) => string;
  /** Where the unit and inspection come from, joined to the source row r. */
  via?: { from: string; on: (r: string) => string };
};

const itemBody = (i: string, nl: string) =>
  `${i}.title || ${nl} || coalesce(${i}.description, '') || coalesce((select ${nl} || p.title || ${nl} || coalesce(p.description, '') from problems p where p.id = ${i}.problem_id), '')`;

/** A text under an item: its unit and inspection are the item's. */
const underItem = (
  kind: string,
  table: string,
  columns: string[],
  body: (r: string, nl: string) => string,
  extract = 'null',
): Source => ({
  kind,
  table,
  columns,
  values: (r, nl) => `'${kind}', ${r}.id, ${r}.item_id, i.unit_id, i.inspection_id, ${body(r, nl)}, ${extract}`,
  via: { from: 'items i', on: (r) => `i.id = ${r}.item_id` },
});

const SOURCES: Source[] = [
  {
    kind: 'item',
    table: 'items',
    columns: ['title', 'description', 'problem_id', 'unit_id', 'inspection_id'],
    values: (r, nl) => `'item', ${r}.id, ${r}.id, ${r}.unit_id, ${r}.inspection_id, ${itemBody(r, nl)}, null`,
  },
  underItem('measure', 'measures', ['content', 'item_id'], (r) => `${r}.content`),
  underItem('progress', 'progress_entries', ['content', 'item_id'], (r) => `${r}.content`),
  underItem('outcome', 'outcomes', ['title', 'item_id'], (r) => `${r}.title`),
  underItem(
    'evidence',
    'evidence',
    ['file_name', 'note', 'item_id'],
    (r, nl) => `${r}.file_name || ${nl} || coalesce(${r}.note, '')`,
    `'pending'`,
  ),
  {
    kind: 'comment',
    table: 'public_comments',
    columns: ['content', 'answer', 'item_id'],
    values: (r, nl) =>
      `'comment', ${r}.id, ${r}.item_id, n.unit_id, n.id, ${r}.content || ${nl} || coalesce(${r}.answer, ''), null`,
    via: {
      from: 'publications p join inspections n on n.id = p.inspection_id',
      on: (r) => `p.id = ${r}.publication_id`,
    },
  },
];

const NL = { sqlite: 'char(10)', postgres: 'chr(10)' } as const;
const COLUMNS = 'kind, source_id, item_id, unit_id, inspection_id, body, extract_state';

/** The SELECT of the index row of one source row (a trigger's new). */
const selectOne = (s: Source, r: string, nl: string) =>
  `select ${s.values(r, nl)}${s.via ? ` from ${s.via.from} where ${s.via.on(r)}` : ''}`;

const OLD_TABLES = ['items', 'measures', 'progress_entries', 'outcomes', 'public_comments', 'evidence'];

/** Drops the index, its table and every trigger and function that keeps it (this migration's and the first one's). */
async function dropIndex(db: Kysely<any>, pg: boolean) {
  if (pg) {
    for (const t of [...OLD_TABLES, 'problems']) {
      await sql.raw(`drop trigger if exists search_sync on ${t}`).execute(db);
      await sql.raw(`drop function if exists search_sync_${t}()`).execute(db);
    }
    await sql`drop table search_docs`.execute(db);
    await sql`drop function if exists search_bigrams(text)`.execute(db);
  } else {
    for (const t of OLD_TABLES)
      for (const w of ['ai', 'au', 'ad']) await sql.raw(`drop trigger if exists search_${t}_${w}`).execute(db);
    await sql`drop trigger if exists search_items_moved`.execute(db);
    await sql`drop trigger if exists search_problems_au`.execute(db);
    await sql`drop table if exists search_vocab`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
    await sql`drop table search_docs`.execute(db);
  }
}

async function createTable(db: Kysely<any>, dialect: Dialect) {
  const id = idColumn(dialect);
  await db.schema
    .createTable('search_docs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'integer')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('inspection_id', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('extract_state', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('search_docs_source').on('search_docs').columns(['kind', 'source_id']).unique().execute();
  await db.schema.createIndex('search_docs_item').on('search_docs').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('search_docs_unit').on('search_docs').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('search_docs_inspection').on('search_docs').columns(['inspection_id', 'id']).execute();
  await db.schema.createIndex('search_docs_pending').on('search_docs').columns(['extract_state', 'id']).execute();
}

/** The statements a trigger runs for a source row: remove its old text, add the new one. */
function syncStatements(s: Source, nl: string, op: 'insert' | 'update' | 'delete') {
  const del = `delete from search_docs where kind = '${s.kind}' and source_id = old.id;`;
  const ins = `insert into search_docs (${COLUMNS}) ${selectOne(s, 'new', nl)};`;
  return [op !== 'insert' ? del : '', op !== 'delete' ? ins : ''].join('\n');
}

/** What follows from a change of an item or a problem beyond its own row. */
const MOVED_ITEM = `update search_docs set unit_id = new.unit_id, inspection_id = new.inspection_id where item_id = new.id and kind <> 'item';`;
const problemItems = (
  nl: string,
) => `delete from search_docs where kind = 'item' and source_id in (select id from items where problem_id = new.id);
insert into search_docs (${COLUMNS}) select 'item', i.id, i.id, i.unit_id, i.inspection_id, ${itemBody('i', nl)}, null from items i where i.problem_id = new.id;`;

async function createTriggers(db: Kysely<any>, dialect: Dialect) {
  const nl = NL[dialect];
  if (dialect === 'postgres') {
    for (const s of SOURCES) {
      await sql
        .raw(`create function search_sync_${s.table}() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    ${syncStatements(s, nl, 'delete')}
  elsif tg_op = 'UPDATE' then
    ${syncStatements(s, nl, 'update')}
    ${s.table === 'items' ? `if (new.unit_id, new.inspection_id) is distinct from (old.unit_id, old.inspection_id) then ${MOVED_ITEM} end if;` : ''}
  else
    ${syncStatements(s, nl, 'insert')}
  end if;
  return null;
end $$`)
        .execute(db);
      await sql
        .raw(
          `create trigger search_sync after insert or update of ${s.columns.join(', ')} or delete on ${s.table} for each row execute function search_sync_${s.table}()`,
        )
        .execute(db);
    }
    await sql
      .raw(`create function search_sync_problems() returns trigger language plpgsql as $$
begin
  ${problemItems(nl)}
  return null;
end $$`)
      .execute(db);
    await sql
      .raw(
        'create trigger search_sync after update of title, description on problems for each row execute function search_sync_problems()',
      )
      .execute(db);
    return;
  }
  for (const s of SOURCES) {
    for (const [suffix, op, event] of [
      ['ai', 'insert', 'insert'],
      ['au', 'update', `update of ${s.columns.join(', ')}`],
      ['ad', 'delete', 'delete'],
    ] as const)
      await sql
        .raw(
          `create trigger search_${s.table}_${suffix} after ${event} on ${s.table} begin ${syncStatements(s, nl, op)} end`,
        )
        .execute(db);
  }
  await sql
    .raw(
      `create trigger search_items_moved after update of unit_id, inspection_id on items when new.unit_id <> old.unit_id or new.inspection_id <> old.inspection_id begin ${MOVED_ITEM} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger search_problems_au after update of title, description on problems begin ${problemItems(nl)} end`,
    )
    .execute(db);
}

/** SQLite: the FTS5 trigram table over search_docs, kept by triggers on it. */
async function createFts(db: Kysely<any>) {
  // The indexed text ends in a newline, so that every two-character word is the start of some trigram: a word of two
  // characters is found through the trigrams that begin with it, listed by search_vocab (search-match.ts).
  await sql`create virtual table search_fts using fts5(body, content='search_docs', content_rowid='id', tokenize='trigram')`.execute(
    db,
  );
  await sql`create virtual table search_vocab using fts5vocab(search_fts, 'row')`.execute(db);
  await sql
    .raw(`create trigger search_docs_ai after insert on search_docs begin
  insert into search_fts(rowid, body) values (new.id, new.body || char(10));
end`)
    .execute(db);
  await sql
    .raw(`create trigger search_docs_ad after delete on search_docs begin
  insert into search_fts(search_fts, rowid, body) values ('delete', old.id, old.body || char(10));
end`)
    .execute(db);
  await sql
    .raw(`create trigger search_docs_au after update of body on search_docs begin
  insert into search_fts(search_fts, rowid, body) values ('delete', old.id, old.body || char(10));
  insert into search_fts(rowid, body) values (new.id, new.body || char(10));
end`)
    .execute(db);
}

/** PostgreSQL: pg_trgm over the text, and the distinct bigrams of each text for two-character words. */
async function createPgIndexes(db: Kysely<any>) {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create function search_bigrams(t text) returns text[] language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}') from generate_series(1, length(t) - 1) i
  $$`.execute(db);
  await sql`create index search_docs_body_trgm on search_docs using gin (body gin_trgm_ops)`.execute(db);
  await sql`create index search_docs_body_bigrams on search_docs using gin (search_bigrams(body))`.execute(db);
}

/**
 * Empties the index (through `empty`) and fills it again from every source table, keeping the evidence texts already
 * read (their extraction is slow: OCR). Exported for `rectify search reindex` (search.repository.ts): the index's shape
 * is this migration's, and so is the way to rebuild it.
 */
export async function refillSearchDocs(
  db: Kysely<any>,
  dialect: Dialect,
  empty: () => Promise<void>,
): Promise<Record<string, number>> {
  const kept = await db
    .selectFrom('search_docs')
    .select(['source_id', 'body', 'extract_state', 'note'])
    .where('kind', '=', 'evidence')
    .where('extract_state', '!=', 'pending')
    .execute();
  await empty();
  const counts: Record<string, number> = {};
  for (const s of SOURCES) {
    const from = s.via ? `${s.table} r, ${s.via.from} where ${s.via.on('r')}` : `${s.table} r`;
    const r = await sql
      .raw(`insert into search_docs (${COLUMNS}) select ${s.values('r', NL[dialect])} from ${from} order by r.id`)
      .execute(db);
    counts[s.kind] = Number(r.numAffectedRows ?? 0);
  }
  for (const k of kept)
    await db
      .updateTable('search_docs')
      .set({ body: k.body, extract_state: k.extract_state, note: k.note })
      .where('kind', '=', 'evidence')
      .where('source_id', '=', k.source_id)
      .execute();
  return counts;
}

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  await refillSearchDocs(db, ctx.dialect, async () => {
    await dropIndex(db, pg);
    await createTable(db, ctx.dialect);
    if (!pg) await createFts(db);
    await createTriggers(db, ctx.dialect);
  });
  // Built after the fill, as a restore would: one pass rather than row by row.
  if (pg) await createPgIndexes(db);
}

/** Back to the first index (a test migrating below this one, or a downgrade): built again by its own migration. */
export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await dropIndex(db, ctx.dialect === 'postgres');
  await firstIndex(db, ctx);
}
