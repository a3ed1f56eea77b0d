/**
 * The province-scale data set of `npm run bench` (bench/run.ts) and bench/ledger-http.ts: 2,000 inspected units with two
 * departments each, 5 rounds, 200,000 items, 600,000 measures and 1,200,000 progress entries (BENCH_SCALE shrinks it).
 * Users: office (the whole tree), unit1–3 (unit administrators) and dept1–3, all with the password BENCH_PASSWORD.
 */

import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.ts';
import { addDays, todayInChina } from '../src/domain/dates.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';

export const BENCH_PASSWORD = 'Bench-pass-1';

export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
export const UNITS = Math.max(20, Math.round(2000 * SCALE));
export const ROUNDS = 5;
export const ITEMS_PER_INSPECTION = 20;
export const MEASURES_PER_ITEM = 3;
export const PROGRESS_PER_ITEM = 6;
export const DEPTS_PER_UNIT = 2;
export const TODAY = todayInChina();
export const thresholds = { green: 20, yellow: 10 };
const STATES = [
  'not_started',
  'in_progress',
  'in_progress',
  'in_progress',
  'close_requested',
  'closed',
  'closed',
] as const;
export const TABLES = [
  'units',
  'rounds',
  'aspects',
  'teams',
  'users',
  'inspections',
  'items',
  'measures',
  'progress_entries',
] as const;

export type Row = Record<string, string | number | null>;
export type Rows = Record<(typeof TABLES)[number], Row[]>;

/** Deterministic pseudo-random numbers, so both databases get the same rows. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TITLES = [
  '落实主体责任不到位',
  '财务报销审核不严',
  '政府采购程序不规范',
  '公务用车管理混乱',
  '干部档案管理不规范',
  '意识形态工作责任制落实不到位',
  '违规发放津补贴',
  '基层党组织生活不规范',
  '项目建设监管缺位',
  '巡察整改不彻底',
];
const now = new Date().toISOString();

/** The rows of units [from, to) and everything under them; ids are assigned here so children can refer to parents. */
export function generate(fromUnit: number, toUnit: number, passwordHash: string, withHeader: boolean): Rows {
  const r = rng(fromUnit + 7);
  const rows: Rows = {
    units: [],
    rounds: [],
    aspects: [],
    teams: [],
    users: [],
    inspections: [],
    items: [],
    measures: [],
    progress_entries: [],
  };
  if (withHeader) {
    rows.units.push({
      id: 1,
      parent_id: null,
      path: '/1/',
      name: '中共某省委',
      code: 'P',
      kind: 'committee',
      sort_order: 0,
      created_at: now,
      updated_at: now,
    });
    for (let k = 1; k <= ROUNDS; k++) {
      rows.rounds.push({
        id: k,
        committee_unit_id: 1,
        name: `第${k}轮巡察`,
        starts_on: addDays(TODAY, -400 + k * 60),
        ends_on: addDays(TODAY, -340 + k * 60),
        created_at: now,
        updated_at: now,
      });
      for (let a = 0; a < 4; a++)
        rows.aspects.push({ id: (k - 1) * 4 + a + 1, round_id: k, name: `方面${a + 1}`, sort_order: a });
      for (let t = 0; t < 20; t++)
        rows.teams.push({
          id: (k - 1) * 20 + t + 1,
          round_id: k,
          name: `第${t + 1}巡察组`,
          leader_name: null,
          created_at: now,
          updated_at: now,
        });
    }
    rows.users.push({
      id: 1,
      username: 'office',
      display_name: '巡察办',
      password_hash: passwordHash,
      role: 'office',
      unit_id: 1,
      team_id: null,
      created_at: now,
      updated_at: now,
    });
  }
  for (let u = fromUnit; u < toUnit; u++) {
    const unitId = 2 + u * (DEPTS_PER_UNIT + 1);
    rows.units.push({
      id: unitId,
      parent_id: 1,
      path: `/1/${unitId}/`,
      name: `单位${u + 1}`,
      code: `U${u + 1}`,
      kind: 'unit',
      sort_order: u,
      created_at: now,
      updated_at: now,
    });
    const depts: number[] = [];
    for (let d = 1; d <= DEPTS_PER_UNIT; d++) {
      const id = unitId + d;
      depts.push(id);
      rows.units.push({
        id,
        parent_id: unitId,
        path: `/1/${unitId}/${id}/`,
        name: `科室${d}`,
        code: `U${u + 1}-${d}`,
        kind: 'department',
        sort_order: d,
        created_at: now,
        updated_at: now,
      });
    }
    if (u < 3) {
      rows.users.push({
        id: 2 + u * 2,
        username: `unit${u + 1}`,
        display_name: `单位管理员${u + 1}`,
        password_hash: passwordHash,
        role: 'unit_admin',
        unit_id: unitId,
        team_id: null,
        created_at: now,
        updated_at: now,
      });
      rows.users.push({
        id: 3 + u * 2,
        username: `dept${u + 1}`,
        display_name: `科室${u + 1}`,
        password_hash: passwordHash,
        role: 'department',
        unit_id: depts[0],
        team_id: null,
        created_at: now,
        updated_at: now,
      });
    }
    for (let k = 1; k <= ROUNDS; k++) {
      const inspectionId = u * ROUNDS + k;
      const feedbackOn = addDays(TODAY, -420 + k * 70 + (u % 30));
      rows.inspections.push({
        id: inspectionId,
        round_id: k,
        team_id: (k - 1) * 20 + (u % 20) + 1,
        unit_id: unitId,
        kind: 'regular',
        from_on: addDays(feedbackOn, -70),
        to_on: addDays(feedbackOn, -20),
        feedback_on: feedbackOn,
        concentrated_until: addDays(feedbackOn, 90),
        report_due_on: addDays(feedbackOn, 61),
        created_at: now,
        updated_at: now,
      });
      for (let i = 0; i < ITEMS_PER_INSPECTION; i++) {
        const itemId = (inspectionId - 1) * ITEMS_PER_INSPECTION + i + 1;
        const state = STATES[Math.floor(r() * STATES.length)];
        const deadline = addDays(feedbackOn, 10 + Math.floor(r() * 200));
        const dept = depts[i % depts.length];
        rows.items.push({
          id: itemId,
          inspection_id: inspectionId,
          unit_id: unitId,
          round_id: k,
          aspect_id: (k - 1) * 4 + (i % 4) + 1,
          problem_id: null,
          number: String(i + 1),
          title: `${TITLES[i % TITLES.length]}（${itemId}）`,
          description: '巡察发现的问题表现，具体情况详见巡察反馈意见。',
          suggestion: null,
          target: null,
          kind: 'deadline',
          deadline,
          lead_department_id: dept,
          responsible_leader: '分管领导',
          state,
          close_stage: state === 'close_requested' ? 'unit_review' : null,
          close_requested_by: null,
          close_approved_by: null,
          result: state === 'closed' ? 'completed' : 'not_completed',
          closed_on: state === 'closed' ? addDays(deadline, -3) : null,
          withheld_reason: null,
          sort_order: i + 1,
          // Two of an inspection's twenty items under 挂牌督办, so the ledger's default order has flagged groups to lead.
          flagged: i % 10 === 3 ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        for (let m = 0; m < MEASURES_PER_ITEM; m++) {
          rows.measures.push({
            id: (itemId - 1) * MEASURES_PER_ITEM + m + 1,
            item_id: itemId,
            sort_order: m + 1,
            content: `整改措施${m + 1}：建立健全相关制度，加强监督检查。`,
            kind: 'deadline',
            responsible_leader: '分管领导',
            department_id: depts[m % depts.length],
            responsible_person_id: null,
            responsible_person_name: '责任人',
            deadline,
            completed_on: null,
            created_at: now,
            updated_at: now,
          });
        }
        for (let p = 0; p < PROGRESS_PER_ITEM; p++) {
          rows.progress_entries.push({
            id: (itemId - 1) * PROGRESS_PER_ITEM + p + 1,
            item_id: itemId,
            measure_id: null,
            entry_on: addDays(feedbackOn, 5 + p * 9),
            content: `第${p + 1}次进展：已召开专题会议研究部署，正在推进落实。`,
            author_id: null,
            created_at: now,
          });
        }
      }
    }
  }
  return rows;
}

export const rowCount = (rows: Rows) => TABLES.reduce((n, t) => n + rows[t].length, 0);

export async function loadWithProject(handle: DatabaseHandle, rows: Rows) {
  await handle.db.transaction().execute(async (trx) => {
    for (const table of TABLES) await bulkInsert(trx, table, rows[table] as never[]);
  });
}

export async function fixSequences(handle: DatabaseHandle) {
  if (handle.dialect !== 'postgres') return;
  for (const t of TABLES) {
    await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce((select max(id) from ${sql.table(t)}), 1))`.execute(
      handle.db,
    );
  }
}

/** Loads the whole data set in chunks of units (memory stays bounded) and analyzes it, as production autovacuum would. */
export async function loadProvince(handle: DatabaseHandle, passwordHash: string): Promise<number> {
  let total = 0;
  const chunk = 100;
  for (let u = 0; u < UNITS; u += chunk) {
    const rows = generate(u, Math.min(UNITS, u + chunk), passwordHash, u === 0);
    total += rowCount(rows);
    await loadWithProject(handle, rows);
  }
  await fixSequences(handle);
  await sql.raw(handle.dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(handle.db);
  return total;
}
