import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DatabaseHandle, Db } from '../db/database.ts';
import type { Dialect } from '../db/migration-helpers.ts';
import { insertProblem } from '../repositories/inspections.repository.ts';
import { insertEvidence, insertMeasure, insertProgress } from '../repositories/item-parts.repository.ts';
import { insertItem } from '../repositories/items.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { createTestDatabase } from './databases.ts';
import { buildWorld, TEST_NOW, type World } from './factories.ts';

/** What addLedgerDetail added to inspection A of the world, for the export and binder tests. */
export interface LedgerDetail {
  problemA2: number;
  /** Three measures (立行立改 without a date, 限期整改, 长期坚持), overdue on 2026-08-15, 不宜公开 and 挂牌督办. */
  itemOverdue: number;
  /** Closed on 2026-08-01 after its deadline of 2026-07-20: 逾期完成. */
  itemLate: number;
  /** No measures at all: 立行立改 without a deadline, awaiting close-out. */
  itemBare: number;
  /** Every evidence file saved, by file name; the same name twice in itemOverdue to test numbering. */
  evidenceFiles: { itemId: number; fileName: string; bytes: Buffer }[];
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');

/**
 * Fills inspection A of buildWorld with a second problem under the second aspect and three items that exercise the ledger
 * layout: several measures, no measures, overdue, closed late, withheld, flagged, progress and evidence at both levels.
 * With a store, evidence bytes are saved in it (the binder reads them); without, only the rows exist.
 */
export async function addLedgerDetail(db: Db, world: World, store?: EvidenceStore): Promise<LedgerDetail> {
  const uploader = world.users.unitAdminA.id;
  const problemA2 = await insertProblem(
    db,
    {
      inspectionId: world.inspectionA,
      aspectId: world.aspectIds[1],
      number: '2',
      title: '干部选拔任用程序执行不严格',
      description: null,
    },
    TEST_NOW,
  );
  const base = {
    inspection_id: world.inspectionA,
    unit_id: world.unitA.id,
    round_id: world.roundId,
    aspect_id: world.aspectIds[1],
    problem_id: problemA2,
    description: null,
    suggestion: null,
    target: null,
    lead_department_id: world.deptA1.id,
    responsible_leader: '钱副局长',
    close_stage: null,
    close_requested_by: null,
    close_approved_by: null,
  };
  const itemOverdue = await insertItem(db, {
    ...base,
    number: '3',
    title: '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐',
    kind: 'deadline',
    deadline: '2026-07-31',
    state: 'in_progress',
    result: 'not_completed',
    closed_on: null,
    withheld: 1,
    withheld_reason: '涉及干部个人信息',
    flagged: 1,
  });
  const m1 = await insertMeasure(
    db,
    itemOverdue,
    1,
    {
      content: '立即补齐2025年以来干部动议记录',
      kind: 'immediate',
      responsibleLeader: null,
      departmentId: world.deptA1.id,
      responsiblePersonId: null,
      responsiblePersonName: '孙主任',
      deadline: null,
    },
    TEST_NOW,
  );
  const m2 = await insertMeasure(
    db,
    itemOverdue,
    2,
    {
      content: '修订干部选拔任用工作规程，明确动议酝酿环节的记录要求',
      kind: 'deadline',
      responsibleLeader: '钱副局长',
      departmentId: world.deptA2.id,
      responsiblePersonId: null,
      responsiblePersonName: '周科长',
      deadline: '2026-07-31',
    },
    TEST_NOW,
  );
  await insertMeasure(
    db,
    itemOverdue,
    3,
    {
      content: '每半年开展一次选人用人专项检查',
      kind: 'ongoing',
      responsibleLeader: null,
      departmentId: null,
      responsiblePersonId: null,
      responsiblePersonName: null,
      deadline: null,
    },
    TEST_NOW,
  );
  await insertProgress(
    db,
    {
      itemId: itemOverdue,
      measureId: null,
      entryOn: '2026-07-05',
      content: '召开专题会议部署整改',
      authorId: uploader,
    },
    TEST_NOW,
  );
  await insertProgress(
    db,
    {
      itemId: itemOverdue,
      measureId: m1,
      entryOn: '2026-07-10',
      content: '已补齐动议记录12份',
      authorId: uploader,
    },
    TEST_NOW,
  );
  await insertProgress(
    db,
    {
      itemId: itemOverdue,
      measureId: m2,
      entryOn: '2026-08-01',
      content: '规程修订稿已征求意见',
      authorId: uploader,
    },
    TEST_NOW,
  );

  const itemLate = await insertItem(db, {
    ...base,
    number: '4',
    title: '试用期满考核流于形式',
    kind: 'deadline',
    deadline: '2026-07-20',
    state: 'closed',
    result: 'completed',
    closed_on: '2026-08-01',
  });
  await insertMeasure(
    db,
    itemLate,
    1,
    {
      content: '重新组织试用期满考核并形成书面意见',
      kind: 'deadline',
      responsibleLeader: '钱副局长',
      departmentId: world.deptA1.id,
      responsiblePersonId: null,
      responsiblePersonName: '孙主任',
      deadline: '2026-07-20',
    },
    TEST_NOW,
  );

  const itemBare = await insertItem(db, {
    ...base,
    number: '5',
    title: '干部档案材料归档不及时',
    kind: 'immediate',
    deadline: null,
    state: 'close_requested',
    result: 'not_completed',
    closed_on: null,
  });

  const evidenceFiles: LedgerDetail['evidenceFiles'] = [];
  const attach = async (itemId: number, measureId: number | null, fileName: string, bytes: Buffer) => {
    const stored = store
      ? await store.save(fileName, Readable.from([bytes]), 10 * 1024 * 1024)
      : { sha256: 'b'.repeat(64), sizeBytes: bytes.length, contentType: 'application/pdf' };
    await insertEvidence(
      db,
      {
        itemId,
        measureId,
        fileName,
        contentType: stored.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        effectiveOn: '2026-08-01',
        note: null,
        uploadedBy: uploader,
      },
      TEST_NOW,
    );
    evidenceFiles.push({ itemId, fileName, bytes });
  };
  await attach(itemOverdue, null, '会议纪要.pdf', pdf('专题会议纪要'));
  await attach(itemOverdue, m1, '会议纪要.pdf', pdf('动议会议纪要'));
  await attach(itemOverdue, m2, '规程:修订稿?.pdf', pdf('规程修订稿'));
  await attach(itemLate, null, '考核意见.pdf', pdf('考核意见'));
  await attach(world.itemA1, null, 'proof.pdf', pdf('财务审批'));
  return { problemA2, itemOverdue, itemLate, itemBare, evidenceFiles };
}

/** A fresh database of the dialect holding buildWorld with addLedgerDetail: what the export, binder and round-trip tests share. */
export async function createLedgerWorld(
  dialect: Dialect,
  store?: EvidenceStore,
): Promise<{ handle: DatabaseHandle; world: World; detail: LedgerDetail }> {
  const handle = await createTestDatabase(dialect);
  const world = await buildWorld(handle.db);
  const detail = await addLedgerDetail(handle.db, world, store);
  return { handle, world, detail };
}

/** Runs a prepared export or binder into memory (test ledgers are small). */
export async function exportToBuffer(prepared: { write(output: Writable): Promise<unknown> }): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await prepared.write(sink);
  return Buffer.concat(chunks);
}

export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}
