import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, NewItem } from '../db/schema.ts';
import type { ArchivedFilter } from '../domain/archive.ts';
import { type WarningThresholds, warningLevel } from '../domain/deadline.ts';
import { adjustedDeadlineOf, isLate, originalDeadlineOf } from '../domain/extensions.ts';
import type { MeasureKind } from '../domain/measure.ts';
import { type ResponsiblePerson, responsibleNames } from '../domain/people.ts';
import type { ResultLabel } from '../domain/result.ts';
import { searchTerms } from '../domain/search.ts';
import { isReturned } from '../domain/todos.ts';
import type { ItemSort } from '../domain/views.ts';
import type { CloseStage, WorkflowState } from '../domain/workflow.ts';
import { AppError, appError } from '../errors.ts';
import type { ReadScope, ScopedResource } from '../policies/policies.ts';
import { archivedRoundIds } from './rounds.repository.ts';
import { itemsMatching } from './search-match.ts';
import { cachedTreeLookup } from './units.repository.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface ItemFilter {
  unitId?: number;
  roundId?: number;
  inspectionId?: number;
  /** With inspectionId: also the open items of earlier inspections carried over into it (carried_items). */
  includeCarriedOver?: boolean;
  aspectId?: number;
  problemId?: number;
  departmentId?: number;
  responsiblePersonId?: number;
  states?: WorkflowState[];
  results?: ResultLabel[];
  overdue?: boolean;
  flagged?: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  text?: string;
  /** Issue 12: archived rounds; absent, every round (a list route passes its default, archivedFilterOf). */
  archived?: ArchivedFilter;
}

export interface ItemListQuery {
  scope: ReadScope;
  filter: ItemFilter;
  sort: ItemSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Keyset cursor from the previous page; deep pages cost the same as the first. */
  after?: string;
  /** Count the matching rows on a later page too (the first page always counts them). */
  count?: boolean;
  today: string;
  thresholds: WarningThresholds;
}

export interface LedgerRow {
  id: number;
  number: string | null;
  title: string;
  unitId: number;
  unit: string;
  inspectionId: number;
  roundId: number;
  aspectId: number | null;
  aspect: string | null;
  problemId: number | null;
  problem: string | null;
  kind: MeasureKind;
  deadline: string | null;
  leadDepartmentId: number | null;
  leadDepartment: string | null;
  responsibleLeader: string | null;
  /** Its measures' 责任人 as printed (responsibleNames), each once. */
  responsiblePeople: string[];
  state: WorkflowState;
  closeStage: CloseStage | null;
  result: ResultLabel;
  closedOn: string | null;
  /** Issue 13: 原定时限 (the deadline before any extension), 调整后时限 (null without one) and the extensions approved. */
  originalDeadline: string | null;
  adjustedDeadline: string | null;
  extensionCount: number;
  overdue: boolean;
  wasLate: boolean;
  warning: 'none' | 'green' | 'yellow' | 'red';
  withheld: boolean;
  flagged: boolean;
  reopenedCount: number;
  returned: boolean;
  version: number;
  updatedAt: string;
}

/**
 * Units whose path starts with `prefix`, as an index range rather than LIKE (which SQLite cannot index
 * case-sensitively): paths are digits and '/', and '0' sorts right after '/'.
 */
export function pathPrefix(prefix: string) {
  const upper = `${prefix.slice(0, -1)}0`;
  return (eb: ExpressionBuilder<Database, 'units'>) => eb.and([eb('path', '>=', prefix), eb('path', '<', upper)]);
}

type ItemsDb = Database & { i: Database['items'] };
export type ItemsQuery = SelectQueryBuilder<ItemsDb, 'i', object>;
type ItemsEb = ExpressionBuilder<ItemsDb, 'i'>;

/** The kind of the item's last close-out move (request_close, approve, return, …), or null when it never had one. */
export const lastReviewEvent = sql<
  string | null
>`(select cr.event from close_reviews cr where cr.item_id = i.id order by cr.id desc limit 1)`;

const NO_DEADLINE = '9999-12-31';
const deadlineKey = sql<string>`coalesce(i.deadline, ${sql.lit(NO_DEADLINE)})`;

/**
 * The ledger's default 序号 order reads like the paper ledger (issue 14): unit by unit, within a unit the 挂牌督办 items
 * first (the office's pressure is seen first), then 序号. Asked the other way, only 序号 turns round: the units and the
 * flag keep their order. Units are taken in id order, which is the order the tree was created in; ordering by the
 * tree's position itself would need the unit joined into the ordered read, which no index on items can serve. A sort the
 * user picks (deadline, updated, id) is taken as asked.
 */
const unitOrder = (sort: ItemSort) => sort === 'number';

function sortColumn(sort: ItemSort) {
  switch (sort) {
    case 'deadline':
      return deadlineKey;
    case 'updated':
      return sql<string>`i.updated_at`;
    case 'number':
      return sql<number>`i.sort_order`;
    case 'id':
      return sql<number>`i.id`;
  }
}

/** Beyond this many units a scope stays a subquery; below it the ids are listed so the planner sees how few they are. */
const MAX_LISTED_UNITS = 5000;

/** The ids of the units under a path (cached with the tree), or null when there are too many to list. */
export async function unitIdsUnder(db: Db, path: string): Promise<number[] | null> {
  const ids = await cachedTreeLookup(db, `under:${path}`, async () =>
    (
      await db
        .selectFrom('units')
        .select('id')
        .where(pathPrefix(path))
        .limit(MAX_LISTED_UNITS + 1)
        .execute()
    ).map((u) => u.id),
  );
  return ids.length <= MAX_LISTED_UNITS ? ids : null;
}

/**
 * A department's items (those it leads or has a measure of: whereScope's department branch), listed through the two
 * indexes when there are at most `cap`; null when there are more. The search reads a small department's texts by them.
 */
export async function departmentItemIds(db: Db, path: string, cap: number): Promise<number[] | null> {
  const ids = await unitIdsUnder(db, path);
  if (ids?.length === 0) return [];
  const departments = ids ?? db.selectFrom('units').select('id').where(pathPrefix(path));
  const led = await db
    .selectFrom('items')
    .select('id')
    .where('lead_department_id', 'in', departments)
    .limit(cap + 1)
    .execute();
  const measured = await db
    .selectFrom('measures')
    .select('item_id')
    .where('department_id', 'in', departments)
    .limit(cap + 1)
    .execute();
  const all = new Set([...led.map((r) => r.id), ...measured.map((r) => r.item_id)]);
  return led.length > cap || measured.length > cap || all.size > cap ? null : [...all];
}

/**
 * The access scope as SQL; the policies module decided it, this only spells it. A subtree's unit ids are looked up
 * first and listed: given a subquery, PostgreSQL guesses dozens of units where a unit has three, and then walks the
 * whole ledger in deadline order looking for them.
 */
async function whereScope(db: Db, q: ItemsQuery, scope: ReadScope): Promise<ItemsQuery> {
  if (scope.kind === 'team') {
    return q.where('i.inspection_id', 'in', (eb) =>
      eb.selectFrom('inspections').select('id').where('team_id', '=', scope.teamId),
    );
  }
  // The root of the only tree sees every row: no predicate, so counts and sorts use the plain indexes.
  if (await coversWholeTree(db, scope)) return q;
  const listedIds = await unitIdsUnder(db, scope.path);
  const listed = listedIds !== null;
  const ids = listedIds ?? [];
  const unitsUnder = (eb: ItemsEb) => eb.selectFrom('units').select('id').where(pathPrefix(scope.path));
  if (listed && ids.length === 0) return q.where(sql<boolean>`1 = 0`);
  if (scope.kind === 'subtree')
    return listed ? q.where('i.unit_id', 'in', ids) : q.where('i.unit_id', 'in', unitsUnder);
  return q.where((eb) =>
    eb.or([
      listed ? eb('i.lead_department_id', 'in', ids) : eb('i.lead_department_id', 'in', unitsUnder(eb)),
      eb(
        'i.id',
        'in',
        eb
          .selectFrom('measures')
          .select('item_id')
          .where('department_id', 'in', listed ? ids : unitsUnder(eb)),
      ),
    ]),
  );
}

async function whereFilter(db: Db, q: ItemsQuery, f: ItemFilter, today: string): Promise<ItemsQuery> {
  if (f.unitId !== undefined) q = q.where('i.unit_id', '=', f.unitId);
  if (f.roundId !== undefined) q = q.where('i.round_id', '=', f.roundId);
  if (f.inspectionId !== undefined) {
    const inspection = f.inspectionId;
    q = f.includeCarriedOver
      ? q.where((eb) =>
          eb.or([
            eb('i.inspection_id', '=', inspection),
            eb('i.id', 'in', eb.selectFrom('carried_items').select('item_id').where('inspection_id', '=', inspection)),
          ]),
        )
      : q.where('i.inspection_id', '=', inspection);
  }
  if (f.aspectId !== undefined) q = q.where('i.aspect_id', '=', f.aspectId);
  if (f.problemId !== undefined) q = q.where('i.problem_id', '=', f.problemId);
  if (f.departmentId !== undefined) {
    const dept = f.departmentId;
    q = q.where((eb) =>
      eb.or([
        eb('i.lead_department_id', '=', dept),
        eb('i.id', 'in', eb.selectFrom('measures').select('item_id').where('department_id', '=', dept)),
      ]),
    );
  }
  if (f.responsiblePersonId !== undefined) {
    const person = f.responsiblePersonId;
    q = q.where('i.id', 'in', (eb) =>
      eb.selectFrom('measures').select('item_id').where('responsible_person_id', '=', person),
    );
  }
  if (f.states?.length) q = q.where('i.state', 'in', f.states);
  if (f.results?.length) q = q.where('i.result', 'in', f.results);
  if (f.overdue === true) q = q.where('i.state', '!=', 'closed').where('i.deadline', '<', today);
  if (f.overdue === false) {
    q = q.where((eb) =>
      eb.or([eb('i.state', '=', 'closed'), eb('i.deadline', 'is', null), eb('i.deadline', '>=', today)]),
    );
  }
  if (f.flagged !== undefined) q = q.where('i.flagged', '=', f.flagged ? 1 : 0);
  if (f.deadlineFrom) q = q.where('i.deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('i.deadline', '<=', f.deadlineTo);
  // Issue 16: q reads every indexed text of the item (title, description, measures, progress, outcomes, evidence).
  const terms = searchTerms(f.text ?? '');
  if (terms.length > 0) q = q.where(await itemsMatching(db, terms));
  return q;
}

/** The cursor of the 序号 order carries the row's 挂牌督办 flag and unit too, since the order groups by them. */
export function encodeCursor(
  sortValue: string | number,
  id: number,
  group?: { flagged: number; unitId: number },
): string {
  const key = group === undefined ? [sortValue, id] : [sortValue, id, group.flagged, group.unitId];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort value must be the scalar the sort column holds: an object or a list reached the SQL as a parameter and
 * answered 500, and a number against a text column fails on PostgreSQL (issue 11).
 */
function sortValueFits(value: unknown, sort: ItemSort): value is string | number {
  if (sort === 'number' || sort === 'id') return Number.isSafeInteger(value);
  return typeof value === 'string' && value.length <= 40;
}

/**
 * A cursor of the 序号 order from before issue 14 ([序号, id, flag], no unit) is refused like any other bad cursor: it
 * marks a place in an order that no longer exists, and going on from the same row in the new order would skip or repeat
 * rows without a word. The refusal tells the user to start again from the first page.
 */
function decodeCursor(cursor: string, sort: ItemSort): SeekKey {
  const byUnit = unitOrder(sort);
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === (byUnit ? 4 : 2) &&
      sortValueFits(value[0], sort) &&
      Number.isInteger(value[1]) &&
      (!byUnit || ((value[2] === 0 || value[2] === 1) && Number.isSafeInteger(value[3])))
    )
      return byUnit ? [value[0], value[1], value[2], value[3]] : [value[0], value[1], 0, 0];
  } catch {
    // fall through to the error below
  }
  throw appError('bad_cursor');
}

function rowSortValue(
  row: { sort_order: number; deadline: string | null; updated_at: string; id: number },
  sort: ItemSort,
) {
  switch (sort) {
    case 'deadline':
      return row.deadline ?? NO_DEADLINE;
    case 'updated':
      return row.updated_at;
    case 'number':
      return row.sort_order;
    case 'id':
      return row.id;
  }
}

/** Whether a subtree scope is the whole tree: its path is a root's and there is no other root. */
export async function coversWholeTree(db: Db, scope: ReadScope): Promise<boolean> {
  if (scope.kind !== 'subtree' || !/^\/\d+\/$/.test(scope.path)) return false;
  const roots = await cachedTreeLookup(db, 'roots', () =>
    db.selectFrom('units').select('id').where('parent_id', 'is', null).limit(2).execute(),
  );
  return roots.length === 1 && scope.path === `/${roots[0].id}/`;
}

/** The ledger rows an actor may see, narrowed by a filter: the base of the list, the dashboards and the exports. */
export async function scopedItems(db: Db, scope: ReadScope, filter: ItemFilter, today: string): Promise<ItemsQuery> {
  const q = await whereFilter(db, await whereScope(db, db.selectFrom('items as i'), scope), filter, today);
  return whereArchived(db, q, filter.archived);
}

/**
 * The archived rounds' ids are looked up and listed (there are few): with none archived the default list gets no
 * predicate at all, so its plan stays the one the indexes were chosen for.
 */
async function whereArchived(db: Db, q: ItemsQuery, archived: ArchivedFilter | undefined): Promise<ItemsQuery> {
  if (archived === undefined || archived === 'include') return q;
  const ids = await archivedRoundIds(db);
  if (archived === 'only') return ids.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('i.round_id', 'in', ids);
  return ids.length === 0 ? q : q.where('i.round_id', 'not in', ids);
}

/** A position in a sort order: the sort value and id of a row, and in the 序号 order its 挂牌督办 flag and unit. */
type SeekKey = [value: string | number, id: number, flagged: number, unitId: number];

/** The page's items' 责任人, read after the page like its other names: one measures_item range per row of the page. */
async function responsiblePeopleOfItems(db: Db, itemIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('measures as m')
    .leftJoin('users as pu', 'pu.id', 'm.responsible_person_id')
    .select(['m.item_id', 'm.responsible_person_id', 'm.responsible_person_name', 'pu.display_name'])
    .where('m.item_id', 'in', itemIds)
    .where((eb) =>
      eb.or([eb('m.responsible_person_id', 'is not', null), eb('m.responsible_person_name', 'is not', null)]),
    )
    .orderBy('m.item_id')
    .orderBy('m.sort_order')
    .orderBy('m.id')
    .execute();
  const byItem = new Map<number, ResponsiblePerson[]>();
  for (const r of rows) {
    const list = byItem.get(r.item_id) ?? [];
    list.push({
      personId: r.responsible_person_id,
      personName: r.responsible_person_name,
      accountName: r.display_name,
    });
    byItem.set(r.item_id, list);
  }
  for (const [id, people] of byItem) out.set(id, responsibleNames(people));
  return out;
}

export async function listItems(
  db: Db,
  query: ItemListQuery,
): Promise<{ items: LedgerRow[]; total: number | null; nextCursor: string | null }> {
  const base = await scopedItems(db, query.scope, query.filter, query.today);
  const column = sortColumn(query.sort);
  const dir = query.order;
  const byUnit = unitOrder(query.sort);
  // The whole order. In 序号 order the unit and the flag lead in fixed directions, which is why each direction has an
  // index of its own (items_unit_flagged_sort_order and …_desc): a mixed order is not a backward scan of the other.
  const ordered = <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) =>
    (byUnit ? q.orderBy(sql`i.unit_id`, 'asc').orderBy(sql`i.flagged`, 'desc') : q)
      .orderBy(column, dir)
      .orderBy(sql`i.id`, dir);
  // The page's rows first (filter, order, limit on items alone), then the names they show. Joined before the limit,
  // PostgreSQL guessed a unit's 63 rows at 171 and hashed the whole units table twice for them (11 of a 12.5 ms page
  // at 200,000 items); joined after it, the names are 50 primary-key lookups on either database.
  const read = (q: ItemsQuery, limit: number) =>
    ordered(
      db
        .selectFrom(
          ordered(
            q.select([
              'i.id',
              'i.number',
              'i.title',
              'i.unit_id',
              'i.inspection_id',
              'i.round_id',
              'i.aspect_id',
              'i.problem_id',
              'i.kind',
              'i.deadline',
              'i.lead_department_id',
              'i.responsible_leader',
              'i.state',
              'i.close_stage',
              'i.result',
              'i.closed_on',
              'i.withheld',
              'i.flagged',
              'i.reopened_count',
              'i.sort_order',
              'i.version',
              'i.updated_at',
              'i.original_deadline',
              'i.extension_count',
              'i.missed_deadline',
            ]),
          )
            .limit(limit)
            .as('i'),
        )
        .leftJoin('units as u', 'u.id', 'i.unit_id')
        .leftJoin('aspects as a', 'a.id', 'i.aspect_id')
        .leftJoin('problems as p', 'p.id', 'i.problem_id')
        .leftJoin('units as d', 'd.id', 'i.lead_department_id')
        .selectAll('i')
        .select([
          'u.name as unit_name',
          'a.name as aspect_name',
          'p.title as problem_title',
          'd.name as lead_department_name',
          lastReviewEvent.as('last_review'),
        ]),
    ).execute();
  type Rows = Awaited<ReturnType<typeof read>>;
  const keyset = (q: ItemsQuery, value: string | number, id: number) => {
    const op = dir === 'asc' ? sql.raw('>') : sql.raw('<');
    if (query.sort === 'id') return q.where(sql<boolean>`i.id ${op} ${id}`);
    const after = q.where(sql<boolean>`(${column}, i.id) ${op} (${value}, ${id})`);
    if (query.sort !== 'deadline') return after;
    // Implied by the row comparison, but SQLite seeks an expression index (coalesce(deadline, …)) only with the bound
    // on the expression alone: without it a deep cursor page scanned the index from its start.
    return after.where(sql<boolean>`${column} ${sql.raw(dir === 'asc' ? '>=' : '<=')} ${value}`);
  };

  /**
   * The row just before `position` in the sort order, read from the sort's index alone (its key and id, in 序号 order
   * also the flag and unit; no joins, no other columns), so an offset page becomes a keyset page: skipping 50,000 index
   * entries costs milliseconds where reading, joining and dropping 50,000 rows cost seconds. Null when the position is
   * past the end.
   */
  const seek = async (q: ItemsQuery, position: number): Promise<SeekKey | null> => {
    const row = await ordered(
      q
        .select([sql<string | number>`${column}`.as('k'), 'i.id'])
        .$if(byUnit, (keyed) => keyed.select(['i.flagged', 'i.unit_id'])),
    )
      .limit(1)
      .offset(position - 1)
      .executeTakeFirst();
    return row ? [row.k, row.id, row.flagged ?? 0, row.unit_id ?? 0] : null;
  };
  /**
   * A 序号 page from a position reads on in up to three ranges of the unit index, each a seek, until the page is full:
   * the rest of the position's (unit, flag) group, then the unit's unflagged items when the position was among its
   * flagged ones, then the later units in the whole order. A row comparison across the mixed directions of the order
   * would be one predicate but no index range.
   */
  const readOnByUnit = async ([value, id, flagged, unitId]: SeekKey): Promise<Rows> => {
    const unit = base.where('i.unit_id', '=', unitId);
    const ranges = [keyset(unit.where('i.flagged', '=', flagged), value, id)];
    if (flagged === 1) ranges.push(unit.where('i.flagged', '=', 0));
    ranges.push(base.where('i.unit_id', '>', unitId));
    const rows: Rows = [];
    for (const range of ranges) {
      rows.push(...(await read(range, query.limit - rows.length)));
      if (rows.length === query.limit) break;
    }
    return rows;
  };
  const readPage = async () => {
    let from: SeekKey | null = query.after ? decodeCursor(query.after, query.sort) : null;
    if (!from && query.offset > 0) {
      from = await seek(base, query.offset);
      if (!from) return [];
    }
    if (!from) return read(base, query.limit);
    return byUnit ? readOnByUnit(from) : read(keyset(base, from[0], from[1]), query.limit);
  };
  // The total is counted on the first page (or when asked): a later page of the same list would count the same rows
  // again, and for the office that count is most of a deep page's cost. Both at once: on PostgreSQL they run on two
  // pooled connections.
  const firstPage = !query.after && query.offset === 0;
  const [rows, countRow] = await Promise.all([
    readPage(),
    firstPage || query.count ? base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow() : null,
  ]);
  const peopleOf = await responsiblePeopleOfItems(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map(
    (r): LedgerRow => ({
      id: r.id,
      number: r.number,
      title: r.title,
      unitId: r.unit_id,
      unit: r.unit_name ?? '',
      inspectionId: r.inspection_id,
      roundId: r.round_id,
      aspectId: r.aspect_id,
      aspect: r.aspect_name,
      problemId: r.problem_id,
      problem: r.problem_title,
      kind: r.kind as MeasureKind,
      deadline: r.deadline,
      leadDepartmentId: r.lead_department_id,
      leadDepartment: r.lead_department_name,
      responsibleLeader: r.responsible_leader,
      responsiblePeople: peopleOf.get(r.id) ?? [],
      state: r.state as WorkflowState,
      closeStage: r.close_stage as CloseStage | null,
      result: r.result as ResultLabel,
      closedOn: r.closed_on,
      ...deadlineColumns(r),
      overdue: r.state !== 'closed' && r.deadline !== null && r.deadline < query.today,
      wasLate: isLate({ deadline: r.deadline, missedDeadline: r.missed_deadline, closedOn: r.closed_on }, query.today),
      warning: warningLevel(r.deadline, r.state as WorkflowState, query.today, query.thresholds),
      withheld: r.withheld === 1,
      flagged: r.flagged === 1,
      reopenedCount: r.reopened_count,
      returned: isReturned(r.state, r.last_review),
      version: r.version,
      updatedAt: r.updated_at,
    }),
  );
  const last = rows.at(-1);
  const nextCursor =
    last && rows.length === query.limit
      ? encodeCursor(
          rowSortValue(last, query.sort),
          last.id,
          byUnit ? { flagged: last.flagged, unitId: last.unit_id } : undefined,
        )
      : null;
  return { items, total: countRow ? Number(countRow.n) : null, nextCursor };
}

/** 原定时限, 调整后时限 and 延期次数 of an item row, as every list and document shows them. */
export function deadlineColumns(r: {
  deadline: string | null;
  original_deadline: string | null;
  extension_count: number;
}) {
  const record = { deadline: r.deadline, originalDeadline: r.original_deadline, extensionCount: r.extension_count };
  return {
    originalDeadline: originalDeadlineOf(record),
    adjustedDeadline: adjustedDeadlineOf(record),
    extensionCount: r.extension_count,
  };
}

/** What the policies need to decide on one item: its unit, its team, its departments. */
export async function loadItemScope(
  db: Db,
  itemId: number,
): Promise<ScopedResource & { inspectionId: number; archived: boolean }> {
  const row = await db
    .selectFrom('items as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('inspections as ins', 'ins.id', 'i.inspection_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .leftJoin('units as d', 'd.id', 'i.lead_department_id')
    .select(['u.path as unit_path', 'ins.team_id', 'd.path as lead_path', 'i.inspection_id', 'r.archived_at'])
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('item', itemId);
  const measureDepts = await db
    .selectFrom('measures as m')
    .innerJoin('units as d', 'd.id', 'm.department_id')
    .select('d.path')
    .where('m.item_id', '=', itemId)
    .execute();
  const departmentPaths = [
    ...new Set([row.lead_path, ...measureDepts.map((m) => m.path)].filter((p): p is string => !!p)),
  ];
  return {
    unitPath: row.unit_path,
    teamId: row.team_id,
    departmentPaths,
    inspectionId: row.inspection_id,
    archived: row.archived_at !== null,
  };
}

export type ItemRecord = Awaited<ReturnType<typeof getItemRecord>>;

export async function getItemRecord(db: Db, id: number) {
  const row = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('item', id);
  return row;
}

/** A whole row as seeds and tests state it; commands use addItem. */
export async function insertItem(trx: Db, values: NewItem): Promise<number> {
  const { id } = await trx.insertInto('items').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An item's fields in the ledger's words (what a change may set); the columns are this module's business. */
export interface ItemChanges {
  number?: string | null;
  title?: string;
  description?: string | null;
  suggestion?: string | null;
  target?: string | null;
  kind?: MeasureKind;
  deadline?: string | null;
  leadDepartmentId?: number | null;
  responsibleLeader?: string | null;
  withheld?: boolean;
  withheldReason?: string | null;
  flagged?: boolean;
  aspectId?: number | null;
  problemId?: number | null;
  result?: ResultLabel;
  state?: WorkflowState;
  closeStage?: CloseStage | null;
  closeRequestedBy?: number | null;
  closeApprovedBy?: number | null;
  closedOn?: string | null;
  reopenedCount?: number;
  // Issue 13: moved only with the deadline, through the domain's moveDeadline / closeRecord.
  originalDeadline?: string | null;
  extensionCount?: number;
  missedDeadline?: string | null;
}

/** A new item: where it belongs, its title and kind, its place in the inspection and its starting state and result. */
export type NewItemFields = ItemChanges & {
  inspectionId: number;
  unitId: number;
  roundId: number;
  title: string;
  kind: MeasureKind;
  state: WorkflowState;
  result: ResultLabel;
  sortOrder: number;
};

const ITEM_COLUMNS = {
  inspectionId: 'inspection_id',
  unitId: 'unit_id',
  roundId: 'round_id',
  number: 'number',
  title: 'title',
  description: 'description',
  suggestion: 'suggestion',
  target: 'target',
  kind: 'kind',
  deadline: 'deadline',
  leadDepartmentId: 'lead_department_id',
  responsibleLeader: 'responsible_leader',
  withheld: 'withheld',
  withheldReason: 'withheld_reason',
  flagged: 'flagged',
  aspectId: 'aspect_id',
  problemId: 'problem_id',
  result: 'result',
  state: 'state',
  closeStage: 'close_stage',
  closeRequestedBy: 'close_requested_by',
  closeApprovedBy: 'close_approved_by',
  closedOn: 'closed_on',
  reopenedCount: 'reopened_count',
  originalDeadline: 'original_deadline',
  extensionCount: 'extension_count',
  missedDeadline: 'missed_deadline',
  sortOrder: 'sort_order',
} as const satisfies Record<keyof NewItemFields, keyof NewItem>;

/** The row of a new item, in the order its fields were given, stamped with the caller's time. */
export function newItemRow(fields: NewItemFields, now: Date): NewItem {
  const at = now.toISOString();
  return { ...columnsOf<NewItem, NewItemFields>(fields, ITEM_COLUMNS), created_at: at, updated_at: at };
}

/** Inserts an item; the row written comes back for the audit event. */
export async function addItem(trx: Db, fields: NewItemFields, now: Date): Promise<{ id: number; row: NewItem }> {
  const row = newItemRow(fields, now);
  return { id: await insertItem(trx, row), row };
}

/** Changes an item at the version the editor read; the columns written come back for the audit event. */
export async function patchItem(
  trx: Db,
  id: number,
  version: number,
  changes: ItemChanges,
  now: Date,
): Promise<VersionedPatch<'items'>> {
  const columns = columnsOf<VersionedPatch<'items'>, ItemChanges>(changes, ITEM_COLUMNS);
  await updateVersioned(trx, 'items', id, version, columns, now);
  return columns;
}

export async function nextItemSortOrder(db: Db, inspectionId: number): Promise<number> {
  const r = await db
    .selectFrom('items')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirst();
  return (r?.m ?? 0) + 1;
}

export async function countEvidence(db: Db, itemId: number): Promise<number> {
  const r = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Items repeat their problem's aspect (for the ledger's filters); a corrected problem carries its items along. */
export async function setAspectOfProblemItems(trx: Db, problemId: number, aspectId: number | null): Promise<void> {
  await trx.updateTable('items').set({ aspect_id: aspectId }).where('problem_id', '=', problemId).execute();
}
