import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { DEFAULT_CHECKLIST } from '../../../domain/evaluation.ts';
import { insertPublication } from '../../../repositories/publications.repository.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { evaluationDraftResponses, evaluationResponses } from '../supervision/supervision.schema.ts';
import type { publicationSatisfactionResponses } from './satisfaction.schema.ts';

type Draft = Static<(typeof evaluationDraftResponses)[200]>;
type Evaluation = Static<(typeof evaluationResponses)[200]>;
type Results = Static<(typeof publicationSatisfactionResponses)[200]>;

const ALL = (level: string) => ({ overall: level, effect: level, openness: level, change: level });

/** Issue 15, point 4: the portal's 群众满意度测评, its results, and the evaluation opened with suggestions from the ledger. */
describe.each(testDialects())('satisfaction and evaluation from the ledger on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  let office: TestClient;
  let unitAdminA: TestClient;
  let unitAdminB: TestClient;
  let publicationA: number;
  let publicationB: number;
  afterEach(() => t?.resetClock());

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    unitAdminA = await t.login('unitadmina');
    unitAdminB = await t.login('unitadminb');
    const publish = (inspectionId: number, publishedBy: number) =>
      insertPublication(handle.db, {
        inspectionId,
        title: '关于巡察整改进展情况的通报',
        body: { html: '<p>通报</p>', text: '通报' },
        publicFrom: '2026-08-10',
        publicTo: '2026-09-30',
        contacts: { phone: ['0731-6661234'], email: [], postal: null, postcode: null },
        publishedBy,
        publishedAt: TEST_NOW.toISOString(),
      });
    publicationA = await publish(w.inspectionA, w.users.unitAdminA.id);
    publicationB = await publish(w.inspectionB, w.users.unitAdminB.id);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const answer = (publicationId: number, payload: unknown, address = '203.0.113.9') =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/notices/${publicationId}/satisfaction`,
      payload: payload as Record<string, string>,
      remoteAddress: address,
    });
  const stored = async (publicationId: number) =>
    Number(
      (
        await handle.db
          .selectFrom('satisfaction_answers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('publication_id', '=', publicationId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('the questionnaire', () => {
    it('takes one answer per address a day, refuses the second in words, and takes it again the next day', async () => {
      const first = await answer(publicationB, { ...ALL('satisfied'), remark: '整改效果明显' }, '203.0.113.1');
      expect(first.statusCode).toBe(201);
      const before = await tableCounts(handle.db);
      const second = await answer(publicationB, ALL('dissatisfied'), '203.0.113.1');
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('satisfaction_answered_today');
      expect(second.json().error.message).toContain('您今天已经对该通报作过满意度评价');
      expect(await tableCounts(handle.db)).toEqual(before);
      // Another address the same day, and the same address the next (China) day.
      expect((await answer(publicationB, ALL('basic'), '203.0.113.2')).statusCode).toBe(201);
      t.clock.now = new Date(TEST_NOW.getTime() + 24 * 3600_000);
      expect((await answer(publicationB, ALL('dissatisfied'), '203.0.113.1')).statusCode).toBe(201);
      expect(await stored(publicationB)).toBe(3);
      const row = await handle.db
        .selectFrom('satisfaction_answers')
        .select(['address_hash'])
        .where('publication_id', '=', publicationB)
        .executeTakeFirstOrThrow();
      expect(row.address_hash).not.toContain('203.0.113');
    });

    it('stores one of ten answers sent at once from one address', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => answer(publicationA, ALL('satisfied'), '198.51.100.200')),
      );
      expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(9);
      const n = await handle.db
        .selectFrom('satisfaction_answers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('publication_id', '=', publicationA)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    });

    it('refuses bad input, bots and unknown notices, and changes nothing', async () => {
      const before = await tableCounts(handle.db);
      const answersBefore = await stored(publicationA);
      const cases: Refusal[] = [
        ['nothing answered', () => answer(publicationA, {}), 400, 'validation'],
        ['one question missing', () => answer(publicationA, { ...ALL('basic'), change: '' }), 400, 'validation'],
        ['unknown level', () => answer(publicationA, { ...ALL('basic'), effect: 'great' }), 400, 'validation'],
        [
          'remark too long',
          () => answer(publicationA, { ...ALL('basic'), remark: '长'.repeat(501) }),
          400,
          'validation',
        ],
        ['unknown field', () => answer(publicationA, { ...ALL('basic'), score: 100 }), 400, 'validation'],
        ['forged form time', () => answer(publicationA, { ...ALL('basic'), issued: '1.abc' }), 400, 'bad_form'],
        ['unknown notice', () => answer(99999, ALL('basic')), 404, 'not_found'],
      ];
      await expectRefusals(cases, expect);
      const missing = await answer(publicationA, { overall: 'satisfied' });
      expect(missing.json().error.message).toContain('请回答“整改措施是否解决了群众反映的问题”');
      // The honeypot: the same answer as a success, nothing stored.
      const bot = await answer(publicationA, { ...ALL('satisfied'), website: 'http://spam' }, '192.0.2.50');
      expect(bot.statusCode).toBe(201);
      expect(await stored(publicationA)).toBe(answersBefore);
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it('works without script: the notice page shows the questionnaire, a post comes back to the page', async () => {
      const page = await t.app.inject({ method: 'GET', url: `/public/notices/${publicationA}` });
      expect(page.body).toContain('群众满意度测评');
      expect(page.body).toContain(`action="/api/public/notices/${publicationA}/satisfaction"`);
      const token = /name="issued" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      t.clock.now = new Date(TEST_NOW.getTime() + 10_000);
      const form = (fields: Record<string, string>, address: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/public/notices/${publicationA}/satisfaction`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
          remoteAddress: address,
        });
      const ok = await form({ ...ALL('basic'), remark: '希望继续公开', issued: token }, '192.0.2.60');
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/public/notices/${publicationA}?answered=1#satisfaction`);
      const after = await t.app.inject({ method: 'GET', url: ok.headers.location as string });
      expect(after.body).toContain('评价已提交，感谢您的参与！');
      const again = await form({ ...ALL('basic'), issued: token }, '192.0.2.60');
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toContain('text/html');
      expect(again.body).toContain('您今天已经对该通报作过满意度评价');
      // What was chosen stays chosen on the refusal page.
      expect(again.body).toMatch(/name="overall" value="basic" required checked/);
      const tooFast = await form({ ...ALL('basic'), issued: `${t.clock.now.getTime()}.x` }, '192.0.2.61');
      expect(tooFast.statusCode).toBe(400);
    });

    it('gives each notice’s results to its unit and the office, and 404 to another unit', async () => {
      const mine = await unitAdminB.get(`/api/publications/${publicationB}/satisfaction`);
      expect(mine.statusCode).toBe(200);
      const r = mine.json<Results>();
      expect(r.answers).toBe(3);
      expect(r.counts.overall).toEqual({ satisfied: 1, basic: 1, dissatisfied: 1 });
      expect(r.score).toBe(53.3);
      expect(r.remarks.map((x) => x.remark)).toEqual(['整改效果明显']);
      expect(JSON.stringify(r)).not.toContain('hash');
      expect((await office.get(`/api/publications/${publicationB}/satisfaction`)).statusCode).toBe(200);
      const other = await unitAdminA.get(`/api/publications/${publicationB}/satisfaction`);
      expect(other.statusCode).toBe(404);
      expect((await office.get('/api/publications/99999/satisfaction')).statusCode).toBe(404);
    });
  });

  describe('the evaluation opened from the ledger', () => {
    it('suggests deductions with reasons naming the items; the save records suggested and given, and the final score', async () => {
      // The ledger of unit B: its item 4 months overdue and returned twice; a 回头看 found a rebound; the report missing.
      await handle.db
        .updateTable('items')
        .set({ deadline: '2026-04-01', number: '1' })
        .where('id', '=', w.itemB1)
        .execute();
      for (const note of ['材料不全', '仍不完整'])
        await handle.db
          .insertInto('close_reviews')
          .values({
            item_id: w.itemB1,
            event: 'return',
            actor_id: w.users.office.id,
            note,
            created_at: TEST_NOW.toISOString(),
          })
          .execute();
      await handle.db
        .insertInto('lookbacks')
        .values({
          item_id: w.itemB1,
          due_on: '2026-08-01',
          status: 'rebound',
          finding: '问题反弹',
          scheduled_by: w.users.office.id,
          recorded_by: w.users.office.id,
          recorded_on: '2026-08-02',
          created_at: TEST_NOW.toISOString(),
          updated_at: TEST_NOW.toISOString(),
        })
        .execute();

      const res = await office.get(`/api/supervision/evaluations/draft?inspectionId=${w.inspectionB}`);
      expect(res.statusCode).toBe(200);
      const draft = res.json<Draft>();
      expect(draft.entries.map((e) => e.key)).toEqual(DEFAULT_CHECKLIST.map((e) => e.key));
      const completion = draft.entries.find((e) => e.key === 'completion')?.suggestion;
      // 136 days overdue: 1 + 0.5 × 4 = 3; one rebound: 2.
      expect(completion?.deduction).toBe(5);
      expect(completion?.reasons.map((r) => r.code)).toEqual(['overdue_open', 'rebound']);
      expect(completion?.reasons[0].refs[0]).toMatchObject({
        kind: 'item',
        id: w.itemB1,
        number: '1',
        title: '医疗设备采购程序不规范',
        detail: '逾期 136 天',
      });
      const ledger = draft.entries.find((e) => e.key === 'ledger')?.suggestion;
      expect(ledger).toMatchObject({ deduction: 1 });
      expect(ledger?.reasons[0].text).toContain('销号申请被退回 2 次');
      // Feedback 2026-07-01 + 2 months: the report is due 2026-09-01, so nothing yet.
      expect(draft.entries.find((e) => e.key === 'plan')?.suggestion.deduction).toBe(0);
      expect(draft.satisfaction).toMatchObject({ answers: 3, score: 53.3 });
      expect(draft.satisfaction.publications).toEqual([
        { id: publicationB, title: '关于巡察整改进展情况的通报', answers: 3, score: 53.3 },
      ]);
      expect(draft.satisfactionWeight).toBe(0.1);

      // The unit reads what it will be scored on; another unit gets 404.
      expect(
        (await unitAdminB.get(`/api/supervision/evaluations/draft?inspectionId=${w.inspectionB}`)).statusCode,
      ).toBe(200);
      const other = await unitAdminA.get(`/api/supervision/evaluations/draft?inspectionId=${w.inspectionB}`);
      expect(other.statusCode).toBe(404);
      expect((await office.get('/api/supervision/evaluations/draft?inspectionId=99999')).statusCode).toBe(404);

      // The office accepts the completion suggestion, lowers the ledger one, clears nothing else.
      const entries = DEFAULT_CHECKLIST.map((e) => ({
        key: e.key,
        label: e.label,
        points: e.points,
        deduction: e.key === 'completion' ? 5 : e.key === 'ledger' ? 0.5 : 0,
        note: null,
      }));
      const saved = await office.post('/api/supervision/evaluations', { inspectionId: w.inspectionB, entries });
      expect(saved.statusCode).toBe(200);
      const e = saved.json<Evaluation>();
      // 94.5 × 0.9 + 53.3 × 0.1 = 85.05 + 5.33 = 90.38 → 90.4
      expect(e).toMatchObject({
        checklistScore: 94.5,
        satisfactionScore: 53.3,
        satisfactionAnswers: 3,
        satisfactionWeight: 0.1,
        score: 90.4,
        grade: 'good',
      });
      const completionSaved = e.entries.find((x) => x.key === 'completion');
      expect(completionSaved).toMatchObject({ deduction: 5, suggested: 5 });
      expect(completionSaved?.reasons?.[0]).toContain('逾期未完成');
      expect(e.entries.find((x) => x.key === 'ledger')).toMatchObject({ deduction: 0.5, suggested: 1 });
    });

    it('two first saves at once store one evaluation; the other is told it exists', async () => {
      const entries = DEFAULT_CHECKLIST.map((e) => ({ key: e.key, label: e.label, points: e.points, deduction: 0 }));
      // A third inspection of unit A with no evaluation yet.
      const { id: inspectionId } = await handle.db
        .insertInto('inspections')
        .values({
          round_id: w.roundId,
          team_id: w.teamA,
          unit_id: w.unitA.id,
          kind: 'regular',
          from_on: '2026-05-01',
          to_on: '2026-06-01',
          feedback_on: '2026-07-01',
          concentrated_until: null,
          report_due_on: null,
          created_at: TEST_NOW.toISOString(),
          updated_at: TEST_NOW.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const answers = await Promise.all(
        [0, 1].map(() => office.post('/api/supervision/evaluations', { inspectionId, entries })),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.statusCode === 409)?.json().error.code).toBe('evaluation_exists');
      const rows = await handle.db
        .selectFrom('evaluations')
        .select('id')
        .where('inspection_id', '=', inspectionId)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('without answers the satisfaction does not count: the checklist score stands', async () => {
      const entries = DEFAULT_CHECKLIST.map((e) => ({
        key: e.key,
        label: e.label,
        points: e.points,
        deduction: e.key === 'plan' ? 11.5 : 0,
        note: null,
      }));
      // Inspection A's one notice has answers; take them away for this case.
      await handle.db.deleteFrom('satisfaction_answers').where('publication_id', '=', publicationA).execute();
      const saved = await office.post('/api/supervision/evaluations', { inspectionId: w.inspectionA, entries });
      expect(saved.json<Evaluation>()).toMatchObject({
        checklistScore: 88.5,
        satisfactionScore: null,
        satisfactionAnswers: 0,
        satisfactionWeight: 0,
        score: 88.5,
        grade: 'fairly_good',
      });
    });
  });
});
