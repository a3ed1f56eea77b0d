import type { Db } from '../db/database.ts';
import type { ViewPage } from '../domain/views.ts';

export interface SavedView {
  id: number;
  page: ViewPage;
  name: string;
  state: Record<string, unknown>;
  updatedAt: string;
}

type ViewRow = { id: number; page: string; name: string; state_json: string; updated_at: string };

const toView = (r: ViewRow): SavedView => ({
  id: r.id,
  page: r.page as ViewPage,
  name: r.name,
  state: JSON.parse(r.state_json) as Record<string, unknown>,
  updatedAt: r.updated_at,
});

const columns = ['id', 'page', 'name', 'state_json', 'updated_at'] as const;

/** One person's views of a page, by name; nobody else's are ever read here. */
export async function listViews(db: Db, userId: number, page: ViewPage): Promise<SavedView[]> {
  const rows = await db
    .selectFrom('saved_views')
    .select(columns)
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .orderBy('name')
    .execute();
  return rows.map(toView);
}

export async function findViewByName(db: Db, userId: number, page: ViewPage, name: string): Promise<SavedView | null> {
  const row = await db
    .selectFrom('saved_views')
    .select(columns)
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

/** A view by id only when it is this person's: another user's view does not exist for them. */
export async function findOwnView(db: Db, userId: number, id: number): Promise<SavedView | null> {
  const row = await db
    .selectFrom('saved_views')
    .select(columns)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

export async function countViews(db: Db, userId: number, page: ViewPage): Promise<number> {
  const r = await db
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertView(
  trx: Db,
  userId: number,
  view: { page: ViewPage; name: string; state: Record<string, unknown> },
  at: Date,
): Promise<SavedView> {
  const now = at.toISOString();
  const row = await trx
    .insertInto('saved_views')
    .values({
      user_id: userId,
      page: view.page,
      name: view.name,
      state_json: JSON.stringify(view.state),
      created_at: now,
      updated_at: now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toView(row);
}

export async function replaceViewState(
  trx: Db,
  id: number,
  state: Record<string, unknown>,
  at: Date,
): Promise<SavedView> {
  const row = await trx
    .updateTable('saved_views')
    .set({ state_json: JSON.stringify(state), updated_at: at.toISOString() })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toView(row);
}

export async function deleteView(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('saved_views').where('id', '=', id).execute();
}
