import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 16 point 4: one search index over every text a reader of the ledger may see. One row per indexed text (an item's
// title and description, a measure, a progress note, an outcome, a public comment linked to an item with its answer, an
// evidence file's name, note and extracted text), each naming the item it belongs to, so the ledger's access scope
// (items) narrows it. The rows are kept by triggers on the source tables: every write path (the commands, the ledger
// import, the demo, a hand-made UPDATE) changes the index in its own transaction, and a deleted row leaves it with it.
// SQLite: an external-content FTS5 table with the trigram tokenizer; PostgreSQL: a pg_trgm GIN index. Both need three
// characters; shorter queries scan the scoped rows newest first and stop at the page's limit (search.repository.ts).
// extract_state is the evidence text's background extraction: 'pending' until the worker read the file, then 'done' or
// 'skipped' with the reason in note (no OCR installed, a format without text).

type Source = {
  kind: string;
  table: string;
  itemId: string;
  /** The columns whose change re-indexes the row. */
  columns: string[];
  body: (r: string) => string;
  when?: (r: string) => string;
};

const SOURCES: Source[] = [
  {
    kind: 'item',
    table: 'items',
    itemId: 'id',
    columns: ['title', 'description'],
    body: (r) => `${r}.title || char10 || coalesce(${r}.description, '')`,
  },
  {
    kind: 'measure',
    table: 'measures',
    itemId: 'item_id',
    columns: ['content', 'item_id'],
    body: (r) => `${r}.content`,
  },
  {
    kind: 'progress',
    table: 'progress_entries',
    itemId: 'item_id',
    columns: ['content', 'item_id'],
    body: (r) => `${r}.content`,
  },
  { kind: 'outcome', table: 'outcomes', itemId: 'item_id', columns: ['title', 'item_id'], body: (r) => `${r}.title` },
  {
    kind: 'comment',
    table: 'public_comments',
    itemId: 'item_id',
    columns: ['content', 'answer', 'item_id'],
    body: (r) => `${r}.content || char10 || coalesce(${r}.answer, '')`,
    when: (r) => `${r}.item_id is not null`,
  },
  {
    kind: 'evidence',
    table: 'evidence',
    itemId: 'item_id',
    columns: ['file_name', 'note', 'item_id'],
    body: (r) => `${r}.file_name || char10 || coalesce(${r}.note, '')`,
  },
];

const NL = { sqlite: 'char(10)', postgres: 'chr(10)' } as const;

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  const id = idColumn(ctx.dialect);
  const nl = NL[ctx.dialect];
  const body = (s: Source, r: string) => s.body(r).replaceAll('char10', nl);
  await db.schema
    .createTable('search_docs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('extract_state', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('search_docs_source').on('search_docs').columns(['kind', 'source_id']).unique().execute();
  await db.schema.createIndex('search_docs_item').on('search_docs').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('search_docs_pending').on('search_docs').columns(['extract_state', 'id']).execute();

  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    // Two-character words (北斗, 公车) have no trigram: their own GIN index over the text's distinct bigrams, lower-cased.
    await sql`create function search_bigrams(t text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}') from generate_series(1, length(t) - 1) i
    $$`.execute(db);
    for (const s of SOURCES) {
      const cond = (r: string) => (s.when ? s.when(r) : 'true');
      await sql
        .raw(`create function search_sync_${s.table}() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from search_docs where kind = '${s.kind}' and source_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and ${cond('new')} then
    insert into search_docs (kind, source_id, item_id, body${s.kind === 'evidence' ? ', extract_state' : ''})
    values ('${s.kind}', new.id, new.${s.itemId}, ${body(s, 'new')}${s.kind === 'evidence' ? `, 'pending'` : ''});
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
  } else {
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
  insert into search_fts(search_fts, rowid, body) values ('delete', old.id, old.body);
  insert into search_fts(rowid, body) values (new.id, new.body || char(10));
end`)
      .execute(db);
    for (const s of SOURCES) {
      const insert = (r: string) =>
        `insert into search_docs (kind, source_id, item_id, body${s.kind === 'evidence' ? ', extract_state' : ''})
  select '${s.kind}', ${r}.id, ${r}.${s.itemId}, ${body(s, r)}${s.kind === 'evidence' ? `, 'pending'` : ''} where ${s.when ? s.when(r) : '1'};`;
      const del = `delete from search_docs where kind = '${s.kind}' and source_id = old.id;`;
      await sql
        .raw(`create trigger search_${s.table}_ai after insert on ${s.table} begin ${insert('new')} end`)
        .execute(db);
      await sql
        .raw(
          `create trigger search_${s.table}_au after update of ${s.columns.join(', ')} on ${s.table} begin ${del} ${insert('new')} end`,
        )
        .execute(db);
      await sql.raw(`create trigger search_${s.table}_ad after delete on ${s.table} begin ${del} end`).execute(db);
    }
  }
  // The existing rows.
  for (const s of SOURCES) {
    await sql
      .raw(
        `insert into search_docs (kind, source_id, item_id, body${s.kind === 'evidence' ? ', extract_state' : ''})
         select '${s.kind}', r.id, r.${s.itemId}, ${body(s, 'r')}${s.kind === 'evidence' ? `, 'pending'` : ''}
         from ${s.table} r where ${s.when ? s.when('r') : '1=1'} order by r.id`,
      )
      .execute(db);
  }
  if (pg) {
    await sql`create index search_docs_body_trgm on search_docs using gin (body gin_trgm_ops)`.execute(db);
    await sql`create index search_docs_body_bigrams on search_docs using gin (search_bigrams(body))`.execute(db);
  }
}

export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect === 'postgres') {
    for (const s of SOURCES) {
      await sql.raw(`drop trigger if exists search_sync on ${s.table}`).execute(db);
      await sql.raw(`drop function if exists search_sync_${s.table}()`).execute(db);
    }
    await sql`drop index if exists search_docs_body_bigrams`.execute(db);
    await sql`drop function if exists search_bigrams(text)`.execute(db);
  } else {
    for (const s of SOURCES)
      for (const t of ['ai', 'au', 'ad']) await sql.raw(`drop trigger if exists search_${s.table}_${t}`).execute(db);
    await sql`drop table if exists search_vocab`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
  }
  await db.schema.dropTable('search_docs').execute();
}
