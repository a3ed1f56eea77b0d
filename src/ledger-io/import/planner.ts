import { DomainError } from '../../domain/errors.ts';
import type { Field } from '../../domain/ledger-columns.ts';
import { immediateDeadline, matchAspect, splitLeadingNumber } from '../../domain/ledger-matching.ts';
import type { MeasureKind } from '../../domain/measure.ts';
import { assertResultFits, type ResultLabel } from '../../domain/result.ts';
import type { WorkflowState } from '../../domain/workflow.ts';
import type { MeasureInput } from '../../repositories/item-parts.repository.ts';
import { columnLetter } from '../spreadsheet.ts';
import {
  type CellValue,
  cellText,
  findDate,
  isCellError,
  leadingDate,
  MEASURE_KIND_WORDS,
  matchKey,
  normalise,
  readDeadline,
  readResult,
  STATE_WORDS,
  splitMeasures,
  splitNumbering,
  withoutLeadingDate,
} from './cells.ts';
import { type ColumnMap, headerOf, withSubHeader } from './columns.ts';

/** How the user resolves names the importer could not match: to a code / username, or null to keep only the text. */
export interface ImportMapping {
  departments?: Record<string, string | null>;
  people?: Record<string, string | null>;
  /** A written 问题类别 → the id of the round's aspect the user confirmed it means (a suggestion of the preview). */
  aspects?: Record<string, number>;
}

/** What the planner matches against: the inspection's round aspects, the unit's departments and people. */
export interface ImportLookups {
  feedbackOn: string | null;
  today: string;
  aspects: { id: number; name: string }[];
  departments: { id: number; code: string; name: string }[];
  people: { id: number; username: string; displayName: string }[];
  existingProblems: { id: number; title: string }[];
  mapping: ImportMapping;
  /** Days after the feedback date a 立行立改 row naming no deadline is due (RECTIFY_IMMEDIATE_DEADLINE_DAYS). */
  immediateDeadlineDays: number;
}

/** A 问题类别 matched to no aspect by name, and the round's aspect it most resembles, for the user to confirm. */
export interface AspectSuggestion {
  written: string;
  aspectId: number;
  aspectName: string;
  similarity: number;
}

export interface ImportError {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** A measure as the import will insert it: imported work is never marked done. */
export type PlannedMeasure = Omit<MeasureInput, 'completedOn'>;

export interface PlannedItem {
  sheet: string;
  row: number;
  aspectId: number | null;
  /** matchKey of the 反馈问题, or null when the ledger has none for this item. */
  problemKey: string | null;
  number: string | null;
  title: string;
  description: string | null;
  kind: MeasureKind;
  deadline: string | null;
  /** Whether a 整改时限 cell gave the deadline (false when blank, or 立行立改's default): a blank never overwrites one. */
  deadlineWritten: boolean;
  leadDepartmentId: number | null;
  responsibleLeader: string | null;
  state: WorkflowState;
  result: ResultLabel;
  closedOn: string | null;
  /** 不宜公开 and 挂牌督办, as the export writes them into 备注. */
  withheld: boolean;
  withheldReason: string | null;
  flagged: boolean;
  measures: PlannedMeasure[];
  /** measure: index into measures, or null for the item as a whole. */
  progress: { measure: number | null; entryOn: string; content: string }[];
}

export interface PlannedProblem {
  key: string;
  number: string | null;
  title: string;
  aspectId: number | null;
}

/** The dry run's answer; counts are of what the import would create (aspects: matched ones it uses, never created). */
export interface LedgerSummary {
  aspects: number;
  problems: number;
  items: number;
  measures: number;
  errors: ImportError[];
  unmatched: { people: string[]; departments: string[] };
  /** Aspects written otherwise than the round names them: what each most resembles ("did you mean …"). */
  aspectSuggestions: AspectSuggestion[];
}

const HEADER_SEARCH_ROWS = 30;
const MAX_LISTED_ERRORS = 200;
const SUBTOTAL = /^(小计|合计|总计|共计)/;
/** A lone cell read as an aspect heading even when it names no aspect of the round (reported, with a suggestion). */
const ASPECT_HEADING = /方面(存在的?|的)?(问题)?$/;

interface OpenItem {
  planned: PlannedItem;
  stateCell: { text: string; column: string; row: number } | null;
  resultCell: { text: string; column: string; row: number } | null;
  notes: string[];
  /** Owner cells of the last measure row, carried down over blank (merged) cells. */
  owner: Owner;
}

interface Owner {
  leader: string;
  department: string;
  person: string;
  deadline: CellValue | null;
  kind: string;
}

interface SheetState {
  name: string;
  columns: ColumnMap | null;
  headerText: string[];
  headerRow: number;
  scanned: number;
  aspect: { key: string; id: number | null } | null;
  problem: { key: string; text: string } | null;
  item: OpenItem | null;
}

/**
 * Reads ledger rows into items, measures and progress, sheet by sheet, and says what is wrong where. Pure: it matches
 * against lookups loaded beforehand and hands finished items to whoever drains `ready`, so memory stays bounded.
 */
export class LedgerPlanner {
  readonly ready: PlannedItem[] = [];
  readonly newProblems: PlannedProblem[] = [];
  private readonly errors: ImportError[] = [];
  private errorCount = 0;
  private readonly aspectsUsed = new Set<number>();
  private readonly problemKeys = new Set<string>();
  private readonly reportedAspects = new Set<string>();
  private readonly reportedMappings = new Set<string>();
  private readonly unmatchedPeople = new Set<string>();
  private readonly unmatchedDepartments = new Set<string>();
  private readonly aspectSuggestions: AspectSuggestion[] = [];
  private readonly departmentByName = new Map<string, number>();
  private readonly personByName = new Map<string, number>();
  private readonly personDisplayName = new Map<number, string>();
  private items = 0;
  private measures = 0;
  private sheetsWithContent = 0;
  private sheet: SheetState | null = null;

  constructor(private readonly lookups: ImportLookups) {
    for (const d of lookups.departments) {
      this.departmentByName.set(normalise(d.code), d.id);
      this.departmentByName.set(normalise(d.name), d.id);
    }
    for (const p of lookups.people) {
      this.personByName.set(normalise(p.displayName), p.id);
      this.personByName.set(normalise(p.username), p.id);
      this.personDisplayName.set(p.id, p.displayName);
    }
    for (const p of lookups.existingProblems) this.problemKeys.add(matchKey(p.title));
  }

  startSheet(name: string): void {
    this.finishSheet();
    this.sheet = {
      name,
      columns: null,
      headerText: [],
      headerRow: 0,
      scanned: 0,
      aspect: null,
      problem: null,
      item: null,
    };
  }

  row(number: number, cells: CellValue[]): void {
    const s = this.sheet;
    if (!s) throw new Error('startSheet first');
    const blank = cells.every((c) => c === null || c === undefined || (!isCellError(c) && cellText(c) === ''));
    if (blank) return;
    if (!s.columns) {
      this.sheetsWithContent += s.scanned === 0 ? 1 : 0;
      s.scanned++;
      if (s.scanned > HEADER_SEARCH_ROWS) return;
      const header = headerOf(cells);
      if (header) {
        s.columns = header;
        s.headerRow = number;
        s.headerText = cells.map((c) => cellText(c));
        if (header.item === undefined && header.problem === undefined) {
          this.error(s.name, number, null, '表头缺少“具体问题”或“反馈问题”列，无法确定每一行属于哪个问题');
        }
      }
      return;
    }
    if (number === s.headerRow + 1 && s.item === null) {
      const combined = withSubHeader(s.columns, cells);
      if (combined) {
        s.columns = combined;
        for (const [i, c] of cells.entries()) if (cellText(c)) s.headerText[i] = cellText(c);
        return;
      }
    }
    this.dataRow(s, number, cells);
  }

  /** Closes the file: the counts, and every problem found. */
  finish(): LedgerSummary {
    this.finishSheet();
    if (this.sheetsWithContent === 0) this.error('', null, null, '文件中没有任何数据');
    const errors = [...this.errors];
    if (this.errorCount > errors.length) {
      errors.push({
        sheet: '',
        row: null,
        column: null,
        message: `另有 ${this.errorCount - errors.length} 处问题未列出，请先改正以上问题`,
      });
    }
    return {
      aspects: this.aspectsUsed.size,
      problems: this.newProblems.length,
      items: this.items,
      measures: this.measures,
      errors,
      unmatched: { people: [...this.unmatchedPeople], departments: [...this.unmatchedDepartments] },
      aspectSuggestions: [...this.aspectSuggestions],
    };
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  private finishSheet() {
    const s = this.sheet;
    if (!s) return;
    this.closeItem(s);
    if (!s.columns && s.scanned > 0) {
      this.error(
        s.name,
        null,
        null,
        '找不到表头：前 30 行中没有同时含“具体问题/反馈问题”“整改措施”等列名的一行；如此表不是整改台账，请删除后再导入',
      );
    }
    this.sheet = null;
  }

  private error(sheet: string, row: number | null, column: string | null, message: string) {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ sheet, row, column, message });
  }

  /** A row below the header: a heading for the rows below it, the first row of an item, or more of the open item. */
  private dataRow(s: SheetState, number: number, cells: CellValue[]) {
    const row = viewRow(s, number, cells);
    if (this.reportCellErrors(row)) return;
    const mapped = (Object.values(row.cols) as number[]).map((i) => cellText(cells[i] ?? null)).filter((t) => t !== '');
    if (isNotData(row, mapped) || this.readHeadingRow(row, mapped)) return;
    const { aspectChanged, problemChanged } = this.followContext(row);
    const itemText = row.text('item');
    const startsItem =
      s.item === null ||
      row.text('number') !== '' ||
      aspectChanged ||
      problemChanged ||
      (itemText !== '' && itemText !== s.item.planned.title);
    if (startsItem) {
      this.closeItem(s);
      s.item = this.openItem(row, problemChanged);
      if (!s.item) return;
    }
    const item = s.item as OpenItem;
    readItemCells(item, row);
    item.owner = startsItem ? ownerCells(row) : carryOwner(item.owner, ownerCells(row));
    const measureText = row.text('measure');
    const clauses = measureText ? splitMeasures(measureText) : [];
    this.planMeasures(row, item, clauses, startsItem);
    this.planProgress(row, item, clauses.length);
  }

  /** An error value (#REF!, a formula saved without its result) in any column but 是否逾期 makes the row unreadable. */
  private reportCellErrors(row: RowView): boolean {
    let cellError = false;
    for (const [field, index] of Object.entries(row.cols) as [Field, number][]) {
      const v = row.cells[index];
      if (field === 'overdue' || v === undefined || !isCellError(v)) continue;
      cellError = true;
      this.error(
        row.sheet.name,
        row.number,
        columnName(row.sheet, index),
        v.error === '#?'
          ? '公式的结果是错误值（如 #REF!、#DIV/0!）：请改正公式或直接填入内容'
          : v.error
            ? `单元格是错误值 ${v.error}：请改正公式或直接填入内容`
            : '公式没有保存计算结果：请在 Excel/WPS 中打开、保存后再导入',
      );
    }
    return cellError;
  }

  /** A row holding only "一、党的领导方面" or only a 反馈问题 is a heading for the rows below it, not an item. */
  private readHeadingRow(row: RowView, mapped: string[]): boolean {
    if (mapped.length !== 1 || row.text('measure') || row.text('item')) return false;
    const s = row.sheet;
    const only = mapped[0];
    if (row.text('problem') === only && row.cols.item !== undefined) {
      this.closeItem(s);
      s.problem = { key: matchKey(only), text: only };
      return true;
    }
    const key = matchKey(only);
    if (
      row.text('aspect') === only ||
      (row.cols.aspect === undefined && (this.aspectOf(only) !== null || ASPECT_HEADING.test(key)))
    ) {
      this.closeItem(s);
      const index = row.cells.findIndex((c) => cellText(c ?? null) === only);
      s.aspect = this.resolveAspect(s, row.number, index, only);
      s.problem = null;
      return true;
    }
    return false;
  }

  /** The 问题类别 and 反馈问题 a row names hold for the rows below it until another is named. */
  private followContext(row: RowView): { aspectChanged: boolean; problemChanged: boolean } {
    const s = row.sheet;
    const aspectText = row.text('aspect');
    const problemText = row.text('problem');
    let aspectChanged = false;
    if (aspectText) {
      const key = matchKey(aspectText);
      aspectChanged = s.aspect?.key !== key;
      if (aspectChanged) {
        s.aspect = this.resolveAspect(s, row.number, row.cols.aspect as number, aspectText);
        s.problem = null;
      }
    }
    let problemChanged = false;
    if (problemText) {
      const key = matchKey(problemText);
      problemChanged = s.problem?.key !== key;
      if (problemChanged) s.problem = { key, text: problemText };
    }
    return { aspectChanged, problemChanged };
  }

  /** The item a row starts, under the sheet's current 问题类别 and 反馈问题; null when it names no problem. */
  private openItem(row: RowView, problemChanged: boolean): OpenItem | null {
    const { sheet: s, cols } = row;
    // With no 具体问题 of its own (or no such column), the 反馈问题 is itself the item to rectify.
    const written =
      row.text('item') ||
      (cols.item === undefined || problemChanged ? row.text('problem') || s.problem?.text || '' : '');
    // "1.党组会议…" in the 具体问题 cell: the number is the item's, not part of its title.
    const { number: prefixNumber, title } = splitLeadingNumber(written);
    if (!title) {
      this.error(
        s.name,
        row.number,
        cols.item === undefined ? null : row.column('item'),
        '具体问题为空：每个整改事项都要写明问题',
      );
      return null;
    }
    const problemKey = cols.item !== undefined && s.problem ? this.planProblem(s.problem, s.aspect) : null;
    if (s.aspect?.id) this.aspectsUsed.add(s.aspect.id);
    return {
      planned: newItem({
        sheet: s.name,
        row: row.number,
        aspectId: s.aspect?.id ?? null,
        problemKey,
        number: row.text('number') || prefixNumber,
        title,
      }),
      stateCell: null,
      resultCell: null,
      notes: [],
      owner: { leader: '', department: '', person: '', deadline: null, kind: '' },
    };
  }

  /** The 反馈问题's key, planning the problem the first time the ledger names it. */
  private planProblem(problem: { key: string; text: string }, aspect: SheetState['aspect']): string {
    if (!this.problemKeys.has(problem.key)) {
      this.problemKeys.add(problem.key);
      const { number, title } = splitNumbering(problem.text);
      this.newProblems.push({ key: problem.key, number, title, aspectId: aspect?.id ?? null });
    }
    return problem.key;
  }

  /** The row's 整改措施 clauses as measures, or its owner cells as the item's own when it has none. */
  private planMeasures(row: RowView, item: OpenItem, clauses: string[], startsItem: boolean) {
    const owner = item.owner;
    const ownerGiven = owner.leader !== '' || owner.department !== '' || owner.deadline !== null || owner.kind !== '';
    // An item with no measures (the export writes one row for it) keeps its owner cells as the item's own.
    const itemLevel = clauses.length === 0 && startsItem && ownerGiven;
    if (clauses.length === 0 && !itemLevel) return;
    const { kind, due, written } = this.measureTiming(row, owner);
    if (written) item.planned.deadlineWritten = true;
    const departmentId = owner.department ? this.resolveDepartment(row.sheet, row.number, owner.department) : null;
    if (itemLevel) {
      Object.assign(item.planned, {
        kind,
        deadline: due,
        leadDepartmentId: departmentId,
        responsibleLeader: owner.leader || null,
      });
    }
    const personId = owner.person && !itemLevel ? this.resolvePerson(row.sheet, row.number, owner.person) : null;
    for (const content of clauses) {
      item.planned.measures.push({
        content,
        kind,
        responsibleLeader: owner.leader || null,
        departmentId,
        responsiblePersonId: personId,
        responsiblePersonName: this.writtenPerson(owner.person, personId),
        deadline: due,
      });
    }
  }

  /** 整改时限 and 措施类型: a deadline before the feedback date, or a type not in the vocabulary, is an error. */
  private measureTiming(row: RowView, owner: Owner): { kind: MeasureKind; due: string | null; written: boolean } {
    const { sheet: s, number } = row;
    const deadline = readDeadline(owner.deadline);
    let kind: MeasureKind = 'deadline';
    let due: string | null = null;
    if (!deadline.ok) this.error(s.name, number, row.column('deadline'), deadline.message);
    else {
      due = deadline.deadline;
      kind = deadline.kind ?? 'deadline';
      if (due && this.lookups.feedbackOn && due < this.lookups.feedbackOn) {
        this.error(s.name, number, row.column('deadline'), `整改时限 ${due} 早于反馈日期 ${this.lookups.feedbackOn}`);
      }
    }
    if (owner.kind) {
      const explicit = MEASURE_KIND_WORDS[normalise(owner.kind)];
      if (explicit) kind = explicit;
      else
        this.error(
          s.name,
          number,
          row.column('kind'),
          `无法识别的措施类型“${owner.kind}”（应为立行立改、限期整改或长期坚持）`,
        );
    }
    const written = due !== null;
    // 立行立改 with no date of its own is still due, and overdue like any other, once its days are past.
    if (kind === 'immediate' && due === null && deadline.ok) {
      due = immediateDeadline(this.lookups.feedbackOn, this.lookups.immediateDeadlineDays);
    }
    return { kind, due, written };
  }

  /** 整改进展 entries, dated by their leading date or today; with one measure on the row they belong to it. */
  private planProgress(row: RowView, item: OpenItem, clauseCount: number) {
    const { sheet: s, number } = row;
    for (const progress of progressEntries(row.text('progress'))) {
      const dated = leadingDate(progress);
      if (dated === 'invalid')
        this.error(s.name, number, row.column('progress'), `整改进展开头的日期不存在：“${progress.slice(0, 20)}”`);
      else if (dated && dated > this.lookups.today) {
        this.error(s.name, number, row.column('progress'), `整改进展的日期 ${dated} 晚于今天`);
      } else {
        item.planned.progress.push({
          measure: clauseCount === 1 ? item.planned.measures.length - 1 : null,
          entryOn: dated ?? this.lookups.today,
          content: dated ? withoutLeadingDate(progress) : progress,
        });
      }
    }
  }

  /** The aspect the user confirmed a written name means (an own key only: a name may read "constructor"). */
  private chosenAspect(text: string): number | undefined {
    const chosen = this.lookups.mapping.aspects;
    return chosen && Object.hasOwn(chosen, text) ? chosen[text] : undefined;
  }

  /** The round's aspect a written name means: the user's confirmed choice, else an equal name once normalised. */
  private aspectOf(text: string): number | null {
    const chosen = this.chosenAspect(text);
    if (chosen !== undefined && this.lookups.aspects.some((a) => a.id === chosen)) return chosen;
    const found = matchAspect(text, this.lookups.aspects);
    return found.kind === 'exact' ? found.id : null;
  }

  private resolveAspect(s: SheetState, row: number, column: number, text: string): { key: string; id: number | null } {
    const key = matchKey(text);
    const id = this.aspectOf(text);
    if (id === null && !this.reportedAspects.has(key)) {
      this.reportedAspects.add(key);
      const chosen = this.chosenAspect(text);
      const found = matchAspect(text, this.lookups.aspects);
      const known = this.lookups.aspects.map((a) => a.name).join('、') || '（尚未设置）';
      if (chosen !== undefined) {
        this.error(s.name, row, columnName(s, column), `问题类别“${text}”所选的方面不在本轮巡察的方面清单中`);
      } else if (found.kind === 'suggested') {
        this.aspectSuggestions.push({
          written: text,
          aspectId: found.id,
          aspectName: found.name,
          similarity: found.similarity,
        });
        this.error(
          s.name,
          row,
          columnName(s, column),
          `问题类别“${text}”与本轮方面名称不完全一致，是否指“${found.name}”？请在预览中确认后再导入`,
        );
      } else {
        this.error(
          s.name,
          row,
          columnName(s, column),
          `问题类别“${text}”不在本轮巡察的方面清单中（本轮方面：${known}）：请在轮次中添加该方面，或把表中名称改为已有方面`,
        );
      }
    }
    return { key, id };
  }

  private resolveDepartment(s: SheetState, row: number, text: string): number | null {
    const mapped = this.mappedTarget(this.lookups.mapping.departments, text);
    if (mapped !== undefined) {
      if (mapped === null) return null;
      const id = this.departmentByName.get(normalise(mapped));
      if (id === undefined)
        this.badMapping(s, row, `部门映射“${text}”→“${mapped}”：本单位没有这个部门（按编码或名称）`);
      return id ?? null;
    }
    const whole = this.departmentByName.get(normalise(text));
    if (whole !== undefined) return whole;
    const first = firstName(text);
    const id = this.departmentByName.get(normalise(first));
    if (id !== undefined) return id;
    const firstMapped = first === text ? undefined : this.mappedTarget(this.lookups.mapping.departments, first);
    if (firstMapped !== undefined) return firstMapped === null ? null : this.resolveDepartment(s, row, first);
    this.unmatchedDepartments.add(first);
    return null;
  }

  /**
   * The 责任人 cell as the measure stores it (src/domain/people.ts): a cell that is exactly its account's name stores
   * only the account, so it prints as the form-chosen account does and follows a rename; any other cell (a title added,
   * several names, a person without an account) is kept as written, so the next export gives back the same cell.
   */
  private writtenPerson(cell: string, personId: number | null): string | null {
    if (!cell) return null;
    const accountName = personId === null ? undefined : this.personDisplayName.get(personId);
    return accountName !== undefined && normalise(accountName) === normalise(cell) ? null : cell;
  }

  private resolvePerson(s: SheetState, row: number, text: string): number | null {
    const first = firstName(text);
    for (const name of new Set([text, first])) {
      const mapped = this.mappedTarget(this.lookups.mapping.people, name);
      if (mapped === null) return null;
      if (mapped !== undefined) {
        const id = this.personByName.get(normalise(mapped));
        if (id === undefined) this.badMapping(s, row, `人员映射“${name}”→“${mapped}”：本单位没有这个账号`);
        return id ?? null;
      }
      const id = this.personByName.get(normalise(name));
      if (id !== undefined) return id;
    }
    this.unmatchedPeople.add(first);
    return null;
  }

  private mappedTarget(map: Record<string, string | null> | undefined, name: string): string | null | undefined {
    if (!map || !Object.hasOwn(map, name)) return undefined;
    return map[name];
  }

  private badMapping(s: SheetState, row: number, message: string) {
    if (this.reportedMappings.has(message)) return;
    this.reportedMappings.add(message);
    this.error(s.name, row, null, message);
  }

  private closeItem(s: SheetState) {
    const open = s.item;
    if (!open) return;
    s.item = null;
    const item = open.planned;
    const outcome = this.outcomeOf(s, open);
    if (outcome) {
      item.state = outcome.state;
      item.result = outcome.result;
      if (outcome.state === 'closed') {
        const written = findDate(open.resultCell?.text ?? '') ?? findDate(open.stateCell?.text ?? '');
        item.closedOn = written && written !== 'invalid' ? written : this.lookups.today;
      }
    }
    const first = item.measures[0];
    if (first) {
      item.kind = first.kind;
      item.leadDepartmentId = first.departmentId;
      item.responsibleLeader = first.responsibleLeader;
      item.deadline = item.measures.reduce<string | null>(
        (latest, m) => (m.deadline && (!latest || m.deadline > latest) ? m.deadline : latest),
        null,
      );
    }
    item.description = open.notes.length > 0 ? open.notes.join('\n') : null;
    this.items++;
    this.measures += item.measures.length;
    this.ready.push(item);
  }

  /** 整改状态 when the sheet has it, else what the 整改结果 words imply; both must agree (已销号 cannot be 未完成). */
  private outcomeOf(s: SheetState, open: OpenItem): { state: WorkflowState; result: ResultLabel } | undefined {
    const stateText = open.stateCell ? normalise(open.stateCell.text) : '';
    const explicitState = stateText ? STATE_WORDS[stateText] : undefined;
    let fromWords = open.resultCell ? readResult(open.resultCell.text) : undefined;
    if (open.resultCell && !fromWords) {
      this.error(
        s.name,
        open.resultCell.row,
        open.resultCell.column,
        `无法识别的整改结果“${open.resultCell.text}”（应为完成、阶段性完成或未完成）`,
      );
      return undefined;
    }
    if (stateText && !explicitState) {
      fromWords ??= readResult(open.stateCell?.text ?? '');
      if (!fromWords) {
        this.error(
          s.name,
          open.stateCell?.row ?? null,
          open.stateCell?.column ?? null,
          `无法识别的整改状态“${open.stateCell?.text}”（应为未启动、整改中、申请销号或已销号）`,
        );
        return undefined;
      }
    }
    if (!explicitState) return fromWords ?? { state: 'not_started', result: 'not_completed' };
    const result: ResultLabel = open.resultCell
      ? (fromWords?.result ?? 'not_completed')
      : explicitState === 'closed'
        ? 'completed'
        : 'not_completed';
    try {
      assertResultFits(explicitState, result);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const cell = open.resultCell ?? open.stateCell;
      this.error(s.name, cell?.row ?? null, cell?.column ?? null, error.messageIn('zh'));
      return undefined;
    }
    return { state: explicitState, result };
  }
}

/** One data row seen through its sheet's columns. */
interface RowView {
  sheet: SheetState;
  number: number;
  cells: CellValue[];
  cols: ColumnMap;
  raw(field: Field): CellValue;
  text(field: Field): string;
  /** The column's letter and header, for an error message. */
  column(field: Field): string;
}

function viewRow(sheet: SheetState, number: number, cells: CellValue[]): RowView {
  const cols = sheet.columns as ColumnMap;
  const raw = (field: Field): CellValue => (cols[field] === undefined ? null : (cells[cols[field] as number] ?? null));
  return {
    sheet,
    number,
    cells,
    cols,
    raw,
    text: (field) => cellText(raw(field)),
    column: (field) => columnName(sheet, cols[field] as number),
  };
}

function columnName(s: SheetState, index: number): string {
  const header = s.headerText[index];
  return header ? `${columnLetter(index)}列（${header.replace(/\s+/g, '')}）` : `${columnLetter(index)}列`;
}

/** Rows with nothing in the mapped columns, subtotals, and a header repeated down the sheet (printed page headers pasted in). */
function isNotData(row: RowView, mapped: string[]): boolean {
  if (mapped.length === 0) return true;
  if (mapped.slice(0, 3).some((t) => SUBTOTAL.test(normalise(t)))) return true;
  const probe = row.cols.item ?? row.cols.problem ?? (row.cols.measure as number);
  return cellText(row.cells[probe] ?? null) === row.sheet.headerText[probe] && headerOf(row.cells) !== undefined;
}

/** A planned item as its first row starts it: nothing done, owners and deadline taken from its measures when it closes. */
function newItem(
  start: Pick<PlannedItem, 'sheet' | 'row' | 'aspectId' | 'problemKey' | 'number' | 'title'>,
): PlannedItem {
  return {
    ...start,
    description: null,
    kind: 'deadline',
    deadline: null,
    deadlineWritten: false,
    leadDepartmentId: null,
    responsibleLeader: null,
    state: 'not_started',
    result: 'not_completed',
    closedOn: null,
    withheld: false,
    withheldReason: null,
    flagged: false,
    measures: [],
    progress: [],
  };
}

/** 整改状态 and 整改结果 as first written, 佐证材料 and 备注 as the description; 备注 may say 不宜公开 or 挂牌督办. */
function readItemCells(item: OpenItem, row: RowView): void {
  const { text, column, number } = row;
  if (text('state') && !item.stateCell) item.stateCell = { text: text('state'), column: column('state'), row: number };
  if (text('result') && !item.resultCell) {
    item.resultCell = { text: text('result'), column: column('result'), row: number };
  }
  if (text('evidence')) item.notes.push(`佐证材料：${text('evidence')}`);
  for (const line of text('remark')
    .split('\n')
    .filter((l) => l.trim() !== '')) {
    const withheld = /^不宜公开(?:[：:](.*))?$/.exec(line.trim());
    if (withheld) {
      item.planned.withheld = true;
      item.planned.withheldReason = withheld[1]?.trim() || '台账注明不宜公开';
    } else if (line.trim() === '挂牌督办') item.planned.flagged = true;
    else item.notes.push(`备注：${line.trim()}`);
  }
}

function ownerCells(row: RowView): Owner {
  return {
    leader: row.text('leader'),
    department: row.text('department'),
    person: row.text('person'),
    deadline: row.text('deadline') === '' ? null : row.raw('deadline'),
    kind: row.text('kind'),
  };
}

/**
 * A measure row naming nobody (or no time) sits under merged cells and shares the row above's; one that names
 * anybody names all of its own (the export writes every measure row in full, blank where there is no one).
 */
function carryOwner(previous: Owner, own: Owner): Owner {
  const namesNobody = !own.leader && !own.department && !own.person;
  const namesNoTime = own.deadline === null && !own.kind;
  return {
    ...(namesNobody ? previous : own),
    deadline: namesNoTime ? previous.deadline : own.deadline,
    kind: namesNoTime ? previous.kind : own.kind,
  };
}

/** A 整改进展 cell holding several dated lines ("2026-07-20 …\n2026-08-01 …") is several entries; undated lines continue the one above. */
function progressEntries(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (entries.length === 0 || leadingDate(line) !== null) entries.push(line.trim());
    else entries[entries.length - 1] += `\n${line.trim()}`;
  }
  return entries;
}

/** "办公室、财务科" → 办公室: a cell naming several owners is matched by the first (the lead). */
function firstName(text: string): string {
  return text.split(/[、，,；;/\s]+/).find((t) => t.trim() !== '') ?? text;
}
