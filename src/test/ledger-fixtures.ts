import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DatabaseHandle, Db } from '../db/database.ts';
import type { Dialect } from '../db/migration-helpers.ts';
import { insertProblem } from '../repositories/inspections.repository.ts';
import { insertEvidence } from '../repositories/item-parts.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { createTestDatabase } from './databases.ts';
import { buildItem, buildMeasure, buildProgress, buildWorld, TEST_NOW, type World } from './factories.ts';

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
  const place = {
    inspection_id: world.inspectionA,
    unit_id: world.unitA.id,
    round_id: world.roundId,
    aspect_id: world.aspectIds[1],
    problem_id: problemA2,
    lead_department_id: world.deptA1.id,
    responsible_leader: '钱副局长',
  };
  const overdue = await addOverdueItem(db, world, place);
  const itemLate = await addLateItem(db, world, place);
  const itemBare = await buildItem(db, {
    ...place,
    number: '5',
    title: '干部档案材料归档不及时',
    kind: 'immediate',
    state: 'close_requested',
  });
  const { itemId: itemOverdue, measureIds } = overdue;
  const evidenceFiles = await attachEvidence(db, world.users.unitAdminA.id, store, [
    [itemOverdue, null, '会议纪要.pdf', '专题会议纪要'],
    [itemOverdue, measureIds[0], '会议纪要.pdf', '动议会议纪要'],
    [itemOverdue, measureIds[1], '规程:修订稿?.pdf', '规程修订稿'],
    [itemLate, null, '考核意见.pdf', '考核意见'],
    [world.itemA1, null, 'proof.pdf', '财务审批'],
  ]);
  return { problemA2, itemOverdue, itemLate, itemBare, evidenceFiles };
}

type ItemPlace = Pick<
  Parameters<typeof buildItem>[1],
  'inspection_id' | 'unit_id' | 'round_id' | 'aspect_id' | 'problem_id' | 'lead_department_id' | 'responsible_leader'
>;

/** 不宜公开 and 挂牌督办, due 2026-07-31 and still open; one measure of each kind, progress on the item and on two measures. */
async function addOverdueItem(db: Db, world: World, place: ItemPlace) {
  const itemId = await buildItem(db, {
    ...place,
    number: '3',
    title: '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐',
    deadline: '2026-07-31',
    state: 'in_progress',
    withheld: 1,
    withheld_reason: '涉及干部个人信息',
    flagged: 1,
  });
  const immediate = await buildMeasure(db, itemId, {
    content: '立即补齐2025年以来干部动议记录',
    kind: 'immediate',
    departmentId: world.deptA1.id,
    responsiblePersonName: '孙主任',
  });
  const revision = await buildMeasure(db, itemId, {
    sortOrder: 2,
    content: '修订干部选拔任用工作规程，明确动议酝酿环节的记录要求',
    responsibleLeader: '钱副局长',
    departmentId: world.deptA2.id,
    responsiblePersonName: '周科长',
    deadline: '2026-07-31',
  });
  await buildMeasure(db, itemId, { sortOrder: 3, content: '每半年开展一次选人用人专项检查', kind: 'ongoing' });
  const authorId = world.users.unitAdminA.id;
  await buildProgress(db, { itemId, entryOn: '2026-07-05', content: '召开专题会议部署整改', authorId });
  await buildProgress(db, {
    itemId,
    measureId: immediate,
    entryOn: '2026-07-10',
    content: '已补齐动议记录12份',
    authorId,
  });
  await buildProgress(db, {
    itemId,
    measureId: revision,
    entryOn: '2026-08-01',
    content: '规程修订稿已征求意见',
    authorId,
  });
  return { itemId, measureIds: [immediate, revision] };
}

/** Due 2026-07-20, closed 2026-08-01 as completed: 逾期完成. */
async function addLateItem(db: Db, world: World, place: ItemPlace): Promise<number> {
  const itemId = await buildItem(db, {
    ...place,
    number: '4',
    title: '试用期满考核流于形式',
    deadline: '2026-07-20',
    state: 'closed',
    result: 'completed',
    closed_on: '2026-08-01',
  });
  await buildMeasure(db, itemId, {
    content: '重新组织试用期满考核并形成书面意见',
    responsibleLeader: '钱副局长',
    departmentId: world.deptA1.id,
    responsiblePersonName: '孙主任',
    deadline: '2026-07-20',
  });
  return itemId;
}

/** Evidence dated 2026-08-01 from one uploader: each file a small PDF holding its text, saved in the store if given. */
async function attachEvidence(
  db: Db,
  uploadedBy: number,
  store: EvidenceStore | undefined,
  files: [itemId: number, measureId: number | null, fileName: string, text: string][],
): Promise<LedgerDetail['evidenceFiles']> {
  const evidenceFiles: LedgerDetail['evidenceFiles'] = [];
  for (const [itemId, measureId, fileName, text] of files) {
    const bytes = pdf(text);
    const stored = store
      ? await store.save(fileName, Readable.from([bytes]), 10 * 1024 * 1024)
      : { sha256: 'b'.repeat(64), sizeBytes: bytes.length, contentType: 'application/pdf' };
    const { contentType, sizeBytes, sha256 } = stored;
    const row = { itemId, measureId, fileName, contentType, sizeBytes, sha256, effectiveOn: '2026-08-01', note: null };
    await insertEvidence(db, { ...row, uploadedBy }, TEST_NOW);
    evidenceFiles.push({ itemId, fileName, bytes });
  }
  return evidenceFiles;
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
