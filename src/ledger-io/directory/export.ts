import { PassThrough } from 'node:stream';
// Loaded when a workbook is made, not at start (see ledger-io/import/source.ts).
import type ExcelJS from 'exceljs';
import {
  ACCOUNT_COLUMN_NAMES,
  ACTIVE_ZH,
  DEPARTMENT_COLUMN_NAMES,
  DIRECTORY_SHEET_NAMES,
  UNIT_COLUMN_NAMES,
  UNIT_KIND_ZH,
} from '../../domain/directory.ts';
import { ROLE_ZH } from '../../domain/roles.ts';
import type { DirectorySnapshot, DirectoryUnit } from '../../repositories/directory.repository.ts';
import { normalise } from '../import/cells.ts';
import { CELL_BORDER, HEADER_STYLE } from '../spreadsheet.ts';

const BODY_STYLE: Partial<ExcelJS.Style> = { border: CELL_BORDER, numFmt: '@' };

const NOTES = [
  '本文件由巡察整改管理系统导出，可在 WPS 或 Excel 中修改后在“单位管理”或“账号管理”页面上传导入。',
  '导入先预检：列出将新增、修改的单位、部门和账号以及每一处问题（表、行、列），确认后一次写入；有任何问题则什么也不写。',
  '导入从不删除：文件中没有的单位和账号保持不变；要停用账号，把“状态”改为“停用”。',
  '单位和部门按“编码”识别，编码不能修改；新增时编码可留空，系统按上级编码自动编号。已有单位的上级和类型不能通过导入修改。',
  '“上级单位”“所属单位”“单位”“部门”可填名称或编码；名称重复时须填编码。',
  '账号按“用户名”识别。新账号的初始密码在确认导入后只显示一次，首次登录须修改。',
  `角色可填：${Object.values(ROLE_ZH).join('、')}。巡察组角色须填“巡察组”，写作“组名（轮次）”。`,
  '“电子邮箱”列留空表示不发邮件提醒；删去整列则保持原有邮箱不变。',
];

/**
 * How a unit is named in another row: by its name where that is unique in the file, else by its code, so the file
 * reads as people write it and still reads back to the same unit.
 */
function referencer(units: DirectoryUnit[]) {
  const count = new Map<string, number>();
  for (const u of units) count.set(normalise(u.name), (count.get(normalise(u.name)) ?? 0) + 1);
  return (u: DirectoryUnit | undefined) => (!u ? '' : count.get(normalise(u.name)) === 1 ? u.name : u.code);
}

type StreamSheet = ExcelJS.Worksheet & { commit(): void };

/**
 * The directory under the actor's unit as one workbook: 单位, 部门, 账号 and a sheet of notes. Written with exceljs's
 * streaming writer, as the ledger export is (about three times faster than building the workbook in memory); a
 * directory is small, so the bytes are gathered and returned whole.
 */
export async function writeDirectoryWorkbook(snapshot: DirectorySnapshot): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => output.on('end', resolve).on('error', reject));
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  wb.creator = 'Rectify';
  const byId = new Map(snapshot.units.map((u) => [u.id, u]));
  const ref = referencer(snapshot.units);
  const units = snapshot.units.filter((u) => u.kind !== 'department');
  const departments = snapshot.units.filter((u) => u.kind === 'department');
  const unitOf = (u: DirectoryUnit): DirectoryUnit => {
    let at: DirectoryUnit | undefined = u;
    while (at && at.kind === 'department') at = at.parentId === null ? undefined : byId.get(at.parentId);
    return at ?? u;
  };
  const teamLabel = new Map(snapshot.teams.map((t) => [t.id, `${t.name}（${t.roundName}）`]));
  // A department's name is looked for under its unit on import, where 办公室 is one of a kind: counted once per unit.
  const sameNameInUnit = new Map<string, number>();
  const inUnit = (department: DirectoryUnit) => `${unitOf(department).id}|${normalise(department.name)}`;
  for (const x of departments) sameNameInUnit.set(inUnit(x), (sameNameInUnit.get(inUnit(x)) ?? 0) + 1);
  const departmentRef = (x: DirectoryUnit) => (sameNameInUnit.get(inUnit(x)) === 1 ? x.name : x.code);

  const sheet = (name: string, headings: string[], widths: number[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] }) as StreamSheet;
    ws.columns = headings.map((header, i) => ({ header, width: widths[i] }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headings.length } };
    const header = ws.getRow(1);
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    header.commit();
    for (const values of rows) {
      const row = ws.addRow(values);
      for (let c = 1; c <= headings.length; c++) {
        // Codes and user names stay text ("001" must not become 1), typed over as well as read back.
        row.getCell(c).style = BODY_STYLE;
      }
      row.commit();
    }
    ws.commit();
  };
  const u = UNIT_COLUMN_NAMES;
  sheet(
    DIRECTORY_SHEET_NAMES.units[0],
    [u.code[0], u.name[0], u.parent[0], u.kind[0], u.sortOrder[0]],
    [18, 36, 30, 16, 8],
    units.map((x) => [
      x.code,
      x.name,
      ref(x.parentId === null ? undefined : byId.get(x.parentId)),
      UNIT_KIND_ZH[x.kind],
      x.sortOrder,
    ]),
  );
  const d = DEPARTMENT_COLUMN_NAMES;
  sheet(
    DIRECTORY_SHEET_NAMES.departments[0],
    [d.code[0], d.name[0], d.parent[0], d.sortOrder[0]],
    [18, 30, 36, 8],
    departments.map((x) => [x.code, x.name, ref(x.parentId === null ? undefined : byId.get(x.parentId)), x.sortOrder]),
  );
  const a = ACCOUNT_COLUMN_NAMES;
  sheet(
    DIRECTORY_SHEET_NAMES.accounts[0],
    [a.username[0], a.displayName[0], a.role[0], a.unit[0], a.department[0], a.team[0], a.email[0], a.active[0]],
    [18, 14, 18, 30, 20, 30, 28, 8],
    snapshot.accounts.map((x) => {
      const at = byId.get(x.unitId);
      const unit = at && unitOf(at);
      const department = at && at.kind === 'department' ? at : undefined;
      return [
        x.username,
        x.displayName,
        ROLE_ZH[x.role],
        ref(unit),
        department ? departmentRef(department) : '',
        x.teamId === null ? '' : (teamLabel.get(x.teamId) ?? ''),
        x.email ?? '',
        x.active ? ACTIVE_ZH.true : ACTIVE_ZH.false,
      ];
    }),
  );
  const notes = wb.addWorksheet('说明') as StreamSheet;
  notes.columns = [{ width: 110 }];
  for (const line of NOTES) {
    const row = notes.addRow([line]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  notes.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
