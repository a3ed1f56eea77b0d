import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../context.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { addDays, todayInChina } from '../domain/dates.ts';
import { CodedError } from '../domain/error-codes.ts';
import { type Random, seededRandom } from '../domain/random.ts';
import { getItemDetail } from '../queries/items.queries.ts';
import { listDeadlineHistory } from '../repositories/extensions.repository.ts';
import { getItemRecord } from '../repositories/items.repository.ts';
import { createTestDatabase } from '../test/databases.ts';
import {
  addEvidenceRow,
  buildInspection,
  buildItem,
  buildUser,
  buildWorld,
  TEST_NOW,
  type World,
  type WorldUser,
  worldContext,
} from '../test/factories.ts';
import { decideExtension, requestExtension, submitPlan } from './extensions.commands.ts';
import { transitionItem, updateItem } from './items.commands.ts';

/**
 * The property of src/domain/extensions.test.ts again, through the real commands on SQLite: random sequences of plan
 * submissions, extension requests, decisions (by the right and the wrong people), direct edits, close-outs and
 * reopenings, with the clock moving forward, never turn "was late" from true to false and never lose a deadline from
 * the history. Refusals are part of the sequence: each must leave the item as it was.
 */
describe('property: the real commands never undo lateness nor lose a deadline (SQLite)', () => {
  let handle: DatabaseHandle;
  let w: World;
  let leaderA2: CommandContext['actor'];
  const clock = { now: TEST_NOW };

  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    w = await buildWorld(handle.db);
    leaderA2 = (await buildUser(handle.db, { username: 'leadera2', role: 'unit_leader', unit: w.unitA })).actor;
  });
  afterAll(() => handle.close());

  type Who = WorldUser | 'leaderA2';
  const as = (who: Who): CommandContext => {
    const ctx = worldContext(handle.db, w, who === 'leaderA2' ? 'leaderA' : who);
    return { ...ctx, actor: who === 'leaderA2' ? leaderA2 : ctx.actor, now: () => clock.now };
  };
  const today = () => todayInChina(clock.now);

  /** Runs a command; a refusal (any catalogue error) is an expected outcome of a random step. */
  async function attempt(work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (e) {
      if (e instanceof CodedError) return false;
      throw e;
    }
  }

  async function step(rnd: Random, itemId: number, inspectionId: number): Promise<string> {
    const item = await getItemRecord(handle.db, itemId);
    const base = item.deadline ?? today();
    const op = rnd.pick(['day', 'submit', 'edit', 'request', 'decide', 'close', 'reopen', 'flag'] as const);
    switch (op) {
      case 'day':
        clock.now = new Date(clock.now.getTime() + rnd.int(1, 20) * 86_400_000);
        return op;
      case 'submit':
        await attempt(() => submitPlan(as('unitAdminA'), inspectionId));
        return op;
      case 'flag':
        await attempt(() => updateItem(as('unitAdminA'), itemId, item.version, { flagged: item.flagged === 0 }));
        return op;
      case 'edit':
        await attempt(() =>
          updateItem(as('unitAdminA'), itemId, item.version, { deadline: addDays(base, rnd.int(-30, 30)) }),
        );
        return op;
      case 'request':
        await attempt(() =>
          requestExtension(as(rnd.pick(['deptA1', 'unitAdminA', 'leaderA'] as const)), itemId, {
            deadline: addDays(base, rnd.int(-5, 40)),
            reason: rnd.next() < 0.15 ? ' ' : '客观原因',
          }),
        );
        return op;
      case 'decide': {
        const open = await handle.db
          .selectFrom('deadline_extensions')
          .select(['id', 'version'])
          .where('item_id', '=', itemId)
          .where('status', 'in', ['unit_review', 'office_review'])
          .executeTakeFirst();
        if (!open) return op;
        const who = rnd.pick(['leaderA', 'leaderA2', 'office', 'deptA1'] as const);
        await attempt(() =>
          decideExtension(as(who), open.id, {
            decision: rnd.next() < 0.7 ? 'approve' : 'refuse',
            note: rnd.next() < 0.8 ? '审批意见' : null,
            version: open.version,
          }),
        );
        return op;
      }
      case 'close': {
        if (item.state === 'closed') return op;
        await addEvidenceRow(handle.db, itemId, w.users.deptA1.id);
        for (const [who, event] of [
          ['deptA1', 'request_close'],
          ['leaderA', 'approve'],
          ['office', 'confirm'],
        ] as const) {
          const { version } = await getItemRecord(handle.db, itemId);
          if (!(await attempt(() => transitionItem(as(who), itemId, { event, version, note: '已整改' })))) break;
        }
        return op;
      }
      case 'reopen':
        await attempt(() =>
          transitionItem(as('office'), itemId, { event: 'reopen', version: item.version, note: '回头看发现反弹' }),
        );
        return op;
    }
  }

  it.each([101, 202, 303])('seed %i: 10 items, 35 steps each', async (seed) => {
    const rnd = seededRandom(seed);
    let approvedAfterLate = 0;
    for (let run = 0; run < 10; run++) {
      clock.now = TEST_NOW;
      const inspectionId = await buildInspection(handle.db, {
        roundId: w.roundId,
        teamId: w.teamA,
        unitId: w.unitA.id,
      });
      const initial = addDays(today(), rnd.int(-10, 40));
      const itemId = await buildItem(handle.db, {
        inspection_id: inspectionId,
        unit_id: w.unitA.id,
        round_id: w.roundId,
        deadline: initial,
        lead_department_id: w.deptA1.id,
      });
      const held = new Set<string | null>([initial]);
      let late = false;
      for (let i = 0; i < 35; i++) {
        const before = await getItemDetail(as('office'), itemId);
        const op = await step(rnd, itemId, inspectionId);
        const after = await getItemDetail(as('office'), itemId);
        const where = `seed ${seed} run ${run} step ${i} (${op})`;
        held.add(after.deadline);
        if (after.extensionCount > before.extensionCount && before.wasLate) approvedAfterLate++;
        if (late && !after.wasLate) expect.fail(`${where}: was late, is no longer`);
        late ||= before.wasLate || after.wasLate;
        const history = await listDeadlineHistory(handle.db, itemId);
        let at: string | null = initial;
        for (const h of history) {
          if (h.fromDeadline !== at) expect.fail(`${where}: the history skips from ${at} to ${h.fromDeadline}`);
          at = h.toDeadline;
        }
        if (at !== after.deadline) expect.fail(`${where}: the history ends at ${at}, not ${after.deadline}`);
        const kept = new Set([initial, ...history.map((h) => h.toDeadline)]);
        for (const d of held) if (!kept.has(d)) expect.fail(`${where}: ${d} was lost from the history`);
        const extensions = history.filter((h) => h.source === 'extension');
        expect(after.extensionCount, where).toBe(extensions.length);
        if (extensions.length > 0) expect(after.originalDeadline, where).toBe(extensions[0].fromDeadline);
      }
    }
    // The sequences must reach an approval of a late item's extension, or the property was never at risk.
    expect(approvedAfterLate).toBeGreaterThan(0);
  });
});
