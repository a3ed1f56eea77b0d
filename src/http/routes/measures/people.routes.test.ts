import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, expectRefusals, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildMeasure, buildWorld, type World } from '../../../test/factories.ts';
import { readWorkbook } from '../../../test/ledger-fixtures.ts';
import type { itemDetail, ledgerPage } from '../items/items.schema.ts';
import type { planResponses } from '../plan/plan.schema.ts';

type Item = Static<typeof itemDetail>;

/**
 * 责任人 (issue 13): a measure's responsible person is an account or a written name, and every place that prints it —
 * the item page, the 责任清单, the ledger list, the Excel export, the reports — prints the same name; what a form
 * sends is what a re-read shows.
 */
describe.each(testDialects())('responsible people on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let unitAdmin: TestClient;
  /** A second measure of itemA1, written as a unit writes a deputy head without an account. */
  let writtenMeasure: number;

  const item = async (id: number) => (await unitAdmin.get(`/api/items/${id}`)).json<Item>();
  const measureOf = async (itemId: number, measureId?: number) => {
    const m = (await item(itemId)).measures;
    return measureId === undefined ? m[0] : (m.find((x) => x.id === measureId) ?? m[0]);
  };

  /** Every place the ledger's 责任人 reaches, read back through the API, for the item's measures. */
  const everywhere = async (itemId: number) => {
    const detail = await item(itemId);
    const plan = (await unitAdmin.get(`/api/plan/inspections/${w.inspectionA}`)).json<
      Static<(typeof planResponses)[200]>
    >();
    const planItem = plan.items.find((i) => i.id === itemId);
    const ledger = (await unitAdmin.get(`/api/items?inspectionId=${w.inspectionA}`)).json<Static<typeof ledgerPage>>();
    const workbook = await readWorkbook(
      (await unitAdmin.get(`/api/inspections/${w.inspectionA}/ledger.xlsx`)).rawPayload,
    );
    const sheet = workbook.worksheets[0];
    // Merged cells (an item's cells over its measures' rows) hold their master's value, and a blank master has none.
    const text = (cell: { value: unknown }) => (typeof cell.value === 'string' ? cell.value : '');
    let personColumn = 0;
    let titleColumn = 0;
    let headerRow = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell, c) => {
        if (text(cell) === '责任人' && personColumn === 0) [personColumn, headerRow] = [c, n];
        if (text(cell) === '具体问题' && titleColumn === 0) titleColumn = c;
      });
    });
    const exported: string[] = [];
    let inItem = false;
    sheet.eachRow((row, n) => {
      if (n <= headerRow) return;
      const title = text(row.getCell(titleColumn));
      if (title) inItem = title === detail.title;
      if (inItem && text(row.getCell(personColumn))) exported.push(text(row.getCell(personColumn)));
    });
    const report = (await unitAdmin.get(`/api/inspections/${w.inspectionA}/documents/report?format=txt`)).body;
    return {
      page: detail.measures.map((m) => m.responsiblePerson),
      plan: planItem?.measures.map((m) => m.responsiblePerson),
      ledger: ledger.items.find((i) => i.id === itemId)?.responsiblePeople,
      exported,
      report,
    };
  };

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    unitAdmin = await t.login('unitadmina');
    // An account with a person's name, chosen as the measure's person the way the demo, the bulk editor and older
    // rows store it: the account, and no text.
    await handle.db.updateTable('users').set({ display_name: '王晓东' }).where('id', '=', w.users.deptA1.id).execute();
    const [first] = (await item(w.itemA1)).measures;
    await handle.db
      .updateTable('measures')
      .set({ responsible_person_id: w.users.deptA1.id, responsible_person_name: null })
      .where('id', '=', first.id)
      .execute();
    writtenMeasure = await buildMeasure(handle.db, w.itemA1, {
      content: '健全财务审批制度',
      sortOrder: 2,
      departmentId: w.deptA1.id,
      responsiblePersonName: '张某某（分管副局长）',
    });
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('prints an account’s name and a written name alike on the page, the 责任清单, the ledger, the export and the report', async () => {
    const seen = await everywhere(w.itemA1);
    expect(seen.page).toEqual(['王晓东', '张某某（分管副局长）']);
    expect(seen.plan).toEqual(['王晓东', '张某某（分管副局长）']);
    expect(seen.ledger).toEqual(['王晓东', '张某某（分管副局长）']);
    expect(seen.exported).toEqual(['王晓东', '张某某（分管副局长）']);
    expect(seen.report).toContain('责任人：王晓东');
    expect(seen.report).toContain('责任人：张某某（分管副局长）');
  });

  it('follows the account when its display name changes', async () => {
    await handle.db.updateTable('users').set({ display_name: '王晓冬' }).where('id', '=', w.users.deptA1.id).execute();
    try {
      const seen = await everywhere(w.itemA1);
      expect(seen.page[0]).toBe('王晓冬');
      expect(seen.exported[0]).toBe('王晓冬');
    } finally {
      await handle.db
        .updateTable('users')
        .set({ display_name: '王晓东' })
        .where('id', '=', w.users.deptA1.id)
        .execute();
    }
  });

  it('saves what the form sends, and a re-read shows it: account → written name → account → nobody', async () => {
    const save = async (body: object) => {
      const m = await measureOf(w.itemA2);
      const res = await unitAdmin.patch(`/api/measures/${m.id}`, { ...body, version: m.version });
      expect(res.statusCode, res.body).toBe(204);
      return measureOf(w.itemA2);
    };
    const person = (m: Item['measures'][number]) => [
      m.responsiblePersonId,
      m.responsiblePersonName,
      m.responsiblePerson,
    ];

    // An account chosen: stored as the account, printed with its name.
    expect(person(await save({ responsiblePersonId: w.users.deptA2.id }))).toEqual([w.users.deptA2.id, null, 'deptA2']);
    // A written name replaces the account: no reminder goes to the old account while the page prints another person.
    expect(person(await save({ responsiblePersonName: ' 张某某（分管副局长） ' }))).toEqual([
      null,
      '张某某（分管副局长）',
      '张某某（分管副局长）',
    ]);
    // Back to an account: the written name does not linger.
    expect(person(await save({ responsiblePersonId: w.users.deptA2.id }))).toEqual([w.users.deptA2.id, null, 'deptA2']);
    // An account with the title the unit writes beside it: both kept, the written form printed.
    expect(
      person(await save({ responsiblePersonId: w.users.deptA2.id, responsiblePersonName: 'deptA2（财务科科长）' })),
    ).toEqual([w.users.deptA2.id, 'deptA2（财务科科长）', 'deptA2（财务科科长）']);
    // Nobody.
    expect(person(await save({ responsiblePersonId: null }))).toEqual([null, null, null]);
    expect((await everywhere(w.itemA2)).page).toEqual([null]);

    // The ledger's 责任人 filter finds the account's measures.
    await save({ responsiblePersonId: w.users.deptA2.id });
    const mine = (await unitAdmin.get(`/api/items?responsiblePersonId=${w.users.deptA2.id}`)).json<
      Static<typeof ledgerPage>
    >();
    expect(mine.items.map((i) => [i.id, i.responsiblePeople])).toEqual([[w.itemA2, ['deptA2']]]);
  });

  it('refuses an account outside the unit and changes nothing', async () => {
    const before = await measureOf(w.itemA1, writtenMeasure);
    await expectRefusals(
      [
        [
          'a person of another unit',
          () =>
            unitAdmin.patch(`/api/measures/${before.id}`, {
              responsiblePersonId: w.users.deptB1.id,
              version: before.version,
            }),
          400,
          'person_outside_unit',
        ],
        [
          'a name too long',
          () =>
            unitAdmin.patch(`/api/measures/${before.id}`, {
              responsiblePersonName: '张'.repeat(51),
              version: before.version,
            }),
          400,
          'validation',
        ],
      ],
      expect,
    );
    expect(await measureOf(w.itemA1, writtenMeasure)).toEqual(before);
  });
});
