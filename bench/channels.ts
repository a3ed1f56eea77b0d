/**
 * node --import tsx bench/channels.ts — issue 13: the reminder sweep fanning out to every channel, against the sweep as
 * it was before (bench/sweep-before-channels.ts), in the same run, on SQLite.
 *
 * Data (built twice, once per sweep, identically): the test world plus 1,000 departments under its two units, 20,000
 * department accounts (BENCH_USERS; 20 per department), 100,000 items (BENCH_ROWS) with one measure each, spread over the
 * departments, each measure naming one account as its responsible person, deadlines over 150 days, a third closed.
 * Every account has an e-mail address; half have a mobile and chose SMS; both units have a 钉钉 robot (加签), a
 * 企业微信 robot and an SMS hook pointing at a local HTTP server that answers {errcode:0}.
 * The sweep before issue 13 queues e-mail and the webhook; the sweep now also queues the robots and SMS by each
 * account's choices. E-mail goes to a sink (no SMTP time counted); the webhook, the robots and the SMS hooks really go
 * over HTTP to the local server. Each sweep works at most 200 deliveries of its outbox, as in production.
 * Measured: the first sweep of the day (every due stage), a quiet sweep (median of 5), and the next day's sweep.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/dates.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { insertUnit } from '../src/repositories/units.repository.ts';
import { type Channels, configuredChannels } from '../src/scheduler/channels.ts';
import { sweep } from '../src/scheduler/sweep.ts';
import { buildWorld, TEST_NOW } from '../src/test/factories.ts';
import { median } from './data.ts';
import { sweep as sweepBefore } from './sweep-before-channels.ts';

const ITEMS = Number(process.env.BENCH_ROWS ?? 100_000);
const USERS = Number(process.env.BENCH_USERS ?? 20_000);
const PER_DEPARTMENT = 20;
const DEPARTMENTS = Math.max(1, Math.round(USERS / PER_DEPARTMENT));
const DAY = '2026-09-15';

const robot = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end('{"errcode":0,"errmsg":"ok"}');
  });
});
await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;

const config = loadConfig({
  RECTIFY_DATA_DIR: '/tmp',
  RECTIFY_WEBHOOK_URL: `${base}/hook`,
  RECTIFY_WEBHOOK_SECRET: 'bench-secret',
});
/** E-mail is counted up to the outbox, not over the wire; the webhook, like the robots, posts to the local server. */
const wired = configuredChannels(config);
const sinks: Channels = { mail: async () => {}, webhook: wired.webhook, close: () => {} };

async function buildData() {
  const handle = openSqlite(':memory:');
  await migrateToLatest(handle);
  const world = await buildWorld(handle.db, { feedbackOn: '2026-06-01' });
  const db = handle.db;
  const departments = await db.transaction().execute(async (trx) => {
    const out: { id: number; unitId: number; inspectionId: number }[] = [];
    for (let d = 0; d < DEPARTMENTS; d++) {
      const inA = d % 2 === 0;
      const unit = inA ? world.unitA : world.unitB;
      const dept = await insertUnit(
        trx,
        { parentId: unit.id, name: `处室 ${d + 1}`, code: `D${d + 1}`, kind: 'department' },
        TEST_NOW,
      );
      out.push({ id: dept.id, unitId: unit.id, inspectionId: inA ? world.inspectionA : world.inspectionB });
    }
    return out;
  });
  const at = TEST_NOW.toISOString();
  await bulkInsert(
    db,
    'users',
    Array.from({ length: DEPARTMENTS * PER_DEPARTMENT }, (_, u) => ({
      username: `bench${u}`,
      display_name: `职员 ${u}`,
      password_hash: 'x',
      role: 'department',
      unit_id: departments[Math.floor(u / PER_DEPARTMENT)].id,
      team_id: null,
      locked_until: null,
      password_changed_at: at,
      email: `u${u}@bench.example`,
      phone: u % 2 === 0 ? `138${String(u).padStart(8, '0')}` : null,
      notify_sms: u % 2 === 0 ? 1 : 0,
      created_at: at,
      updated_at: at,
    })),
  );
  const firstUser = Number(
    (await db.selectFrom('users').where('username', '=', 'bench0').select('id').executeTakeFirstOrThrow()).id,
  );
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const d = departments[i % DEPARTMENTS];
    const closed = i % 3 === 0;
    return {
      inspection_id: d.inspectionId,
      unit_id: d.unitId,
      round_id: world.roundId,
      aspect_id: world.aspectIds[i % 3],
      problem_id: null,
      number: String(i + 1),
      title: `事项 ${i + 1}`,
      description: null,
      suggestion: null,
      target: null,
      kind: 'deadline',
      lead_department_id: d.id,
      responsible_leader: null,
      close_stage: null,
      close_requested_by: null,
      close_approved_by: null,
      withheld_reason: null,
      sort_order: i,
      deadline: addDays('2026-08-01', i % 150),
      state: closed ? 'closed' : 'in_progress',
      result: closed ? 'completed' : 'not_completed',
      closed_on: closed ? '2026-08-01' : null,
    };
  });
  await bulkInsert(db, 'items', items);
  const rows = await db
    .selectFrom('items')
    .where('title', 'like', '事项 %')
    .select(['id', 'deadline', 'lead_department_id', 'sort_order'])
    .orderBy('id')
    .execute();
  await bulkInsert(
    db,
    'measures',
    rows.map((r) => {
      const i = r.sort_order;
      const dept = i % DEPARTMENTS;
      const person = firstUser + dept * PER_DEPARTMENT + (Math.floor(i / DEPARTMENTS) % PER_DEPARTMENT);
      return {
        item_id: r.id,
        sort_order: 1,
        content: '整改措施',
        kind: 'deadline',
        responsible_leader: null,
        department_id: r.lead_department_id,
        responsible_person_id: person,
        responsible_person_name: null,
        deadline: r.deadline,
        completed_on: null,
      };
    }),
  );
  for (const unit of [world.unitA, world.unitB]) {
    await db
      .insertInto('unit_channels')
      .values({
        unit_id: unit.id,
        dingtalk_url: `${base}/robot/send?access_token=bench`,
        dingtalk_secret: 'SECbench',
        wecom_url: `${base}/cgi-bin/webhook/send?key=bench`,
        sms_url: `${base}/sms`,
        sms_method: 'POST',
        sms_content_type: 'json',
        sms_body: '{"mobile":"{phone}","content":"{text}"}',
        sms_secret: null,
        updated_at: at,
        updated_by: null,
      })
      .execute();
  }
  return handle;
}

type Sweep = typeof sweep;
const at = (day: string) => new Date(`${day}T02:00:00Z`);

async function measure(name: string, run: Sweep) {
  const handle = await buildData();
  const deps = (day: string) => ({ db: handle.db, config, now: () => at(day), channels: sinks });
  const timed = async (day: string) => {
    const start = performance.now();
    const counts = await run(deps(day));
    return { ms: performance.now() - start, counts };
  };
  const first = await timed(DAY);
  const quiet = await median(() => run(deps(DAY)));
  const next = await timed(addDays(DAY, 1));
  const byChannel = await handle.db
    .selectFrom('deliveries')
    .groupBy('channel')
    .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
    .orderBy('channel')
    .execute();
  await handle.close();
  return { name, first, quiet, next, byChannel };
}

const before = await measure('before issue 13 (e-mail + webhook)', sweepBefore as Sweep);
const now = await measure('with channels (e-mail, 钉钉, 企业微信, SMS, webhook)', sweep);
robot.close();

const what = (c: { reminders: number; notifications: number; queued: number; delivered: number }) =>
  `${c.reminders.toLocaleString('en')} reminders, ${c.notifications.toLocaleString('en')} notifications, ${c.queued.toLocaleString('en')} queued, ${c.delivered} sent`;
console.log(
  `\nReminder sweep with fan-out: ${ITEMS.toLocaleString('en')} items, ${(DEPARTMENTS * PER_DEPARTMENT).toLocaleString('en')} accounts (SQLite)\n`,
);
console.log('| sweep | first sweep ms | quiet sweep ms (median of 5) | next day ms | first sweep did |');
console.log('|---|---:|---:|---:|---|');
for (const r of [before, now]) {
  console.log(
    `| ${r.name} | ${r.first.ms.toFixed(0)} | ${r.quiet.toFixed(1)} | ${r.next.ms.toFixed(0)} | ${what(r.first.counts)} |`,
  );
}
console.log(
  `\nratio now ÷ before: first ${(now.first.ms / before.first.ms).toFixed(2)}, quiet ${(now.quiet / before.quiet).toFixed(2)}, next day ${(now.next.ms / before.next.ms).toFixed(2)}`,
);
for (const r of [before, now]) {
  console.log(
    `${r.name}: outbox by channel ${r.byChannel.map((c) => `${c.channel} ${Number(c.n).toLocaleString('en')}`).join(', ')}`,
  );
}
