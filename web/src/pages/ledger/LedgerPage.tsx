import { DownloadOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Spin, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { todayInChina } from '../../../../src/domain/dates.ts';
import { download } from '../../api/client.ts';
import type { Role } from '../../api/queries/auth.ts';
import { type Inspection, useInspections } from '../../api/queries/inspections.ts';
import { closeoutFormsUrl, type LedgerRow, ledgerExportUrl, useLedger } from '../../api/queries/items.ts';
import type { ViewState } from '../../api/queries/views.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type LedgerCardField, LedgerCards, useNarrow } from '../../components/ItemCards.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { columnWidth, DEFAULT_COLUMNS, ledgerColumns, SORT_OF, sanitizeColumns, useColumnChoice } from './columns.tsx';
import { FilterBar } from './FilterBar.tsx';
import {
  filterQuery,
  itemsQuery,
  type LedgerFilters,
  type LedgerQuery,
  ledgerSearch,
  MAX_OFFSET,
  OFFSET_ROWS,
  parseLedgerQuery,
} from './ledgerQuery.ts';
import { ledgerMessages } from './messages.ts';
import { Pager } from './Pager.tsx';
import { SavedViews } from './SavedViews.tsx';

/** One empty list while the inspections load, so the memoised filter bar is not drawn again for a new []. */
const NO_INSPECTIONS: Inspection[] = [];

/** Roles whose ledger spans several inspected units, so the unit column tells rows apart. */
const CROSS_UNIT_ROLES: Role[] = ['admin', 'office', 'team', 'supervisor'];

/** A phone's sort choices, as `sort:order` (the table's headers sort on a wide screen). */
const PHONE_SORTS = [
  ['number:asc', 'sortDefault'],
  ['deadline:asc', 'sortDeadline'],
  ['updated:desc', 'sortUpdated'],
] as const;

/**
 * The one next step a card offers, by role and state: the department records progress, the unit leader and the office
 * review a request at their stage, everyone else opens the item.
 */
function NextStep({ row, role }: { row: LedgerRow; role: Role }) {
  const t = useT(ledgerMessages);
  const navigate = useNavigate();
  const reviews =
    row.state === 'close_requested' &&
    ((role === 'unit_leader' && row.closeStage === 'unit_review') ||
      (role === 'office' && row.closeStage === 'office_review'));
  if (reviews)
    return (
      <Button
        type="primary"
        aria-label={t('reviewFor', { title: row.title })}
        onClick={() => navigate(`/items/${row.id}`)}
      >
        {t('review')}
      </Button>
    );
  if (role === 'department' && (row.state === 'not_started' || row.state === 'in_progress'))
    return (
      <Button
        type="primary"
        ghost
        icon={<EditOutlined />}
        aria-label={t('recordProgressFor', { title: row.title })}
        onClick={() => navigate(`/items/${row.id}?record=1`)}
      >
        {t('recordProgress')}
      </Button>
    );
  return (
    <Button aria-label={t('viewFor', { title: row.title })} onClick={() => navigate(`/items/${row.id}`)}>
      {t('view')}
    </Button>
  );
}

/** 整改台账: the Excel-like ledger, filtered, sorted and paged on the server, its state in the address bar. */
export default function LedgerPage() {
  const t = useT(ledgerMessages);
  const c = useT(common);
  const { lang } = useLang();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const q = useMemo(() => parseLedgerQuery(params), [params]);
  const [columns, setColumns] = useColumnChoice(user.id);
  const narrow = useNarrow();
  const inspections = useInspections().data?.inspections;
  const selectionKey = filterQuery(q.filters) + q.sort + q.order + q.size;
  // The server counts a selection on its first page only; later pages show the total kept from it. A page opened
  // before its first page was seen (a link, a reload) asks for the count, and keeps asking on refetch so its query
  // stays the same one.
  const totals = useRef(new Map<string, number>());
  const countedPages = useRef(new Set<string>());
  const pageKey = `${selectionKey}|${q.page}`;
  if (q.page > 1 && !totals.current.has(selectionKey)) countedPages.current.add(pageKey);
  const ledger = useLedger(itemsQuery(q, countedPages.current.has(pageKey)));
  const answeredTotal = ledger.data?.total;
  if (answeredTotal != null) totals.current.set(selectionKey, answeredTotal);
  const [exporting, setExporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  // Cursors of deep pages already visited, so "previous" can step back without an offset scan.
  const cursors = useRef(new Map<string, string>());

  const go = useCallback((next: LedgerQuery) => setParams(ledgerSearch(next)), [setParams]);
  const setFilters = useCallback((filters: LedgerFilters) => go({ ...q, filters, page: 1, after: undefined }), [go, q]);

  const pageAt = (page: number): LedgerQuery => {
    const offset = (page - 1) * q.size;
    const cursor = cursors.current.get(`${selectionKey}|${page}`);
    return { ...q, page, after: page > 1 && offset >= OFFSET_ROWS && cursor ? cursor : undefined };
  };
  const nextCursor = ledger.data?.nextCursor ?? null;
  const total = answeredTotal ?? totals.current.get(selectionKey) ?? 0;
  const hasNext = nextCursor !== null && q.page * q.size < total;
  const goNext = () => {
    if (!nextCursor) return;
    const page = q.page + 1;
    cursors.current.set(`${selectionKey}|${page}`, nextCursor);
    go({ ...q, page, after: q.page * q.size >= OFFSET_ROWS ? nextCursor : undefined });
  };
  const previous = pageAt(q.page - 1);
  const hasPrevious = q.page > 1 && (previous.after !== undefined || (q.page - 2) * q.size <= MAX_OFFSET);

  const spansUnits = CROSS_UNIT_ROLES.includes(user.role) && !q.filters.inspectionId && !q.filters.unitId;
  const visible = useMemo(() => columns.filter((k) => k !== 'unit' || spansUnits), [columns, spansUnits]);
  const tableColumns = useMemo(
    () => ledgerColumns({ keys: visible, sort: q.sort, order: q.order, lang, t, c }),
    [visible, q.sort, q.order, lang, t, c],
  );

  const viewState: ViewState = { filters: q.filters, sort: q.sort, order: q.order, columns, pageSize: q.size };
  const applyView = (view: ViewState) => {
    setColumns(sanitizeColumns(view.columns) ?? DEFAULT_COLUMNS);
    go({ filters: view.filters, sort: view.sort, order: view.order, size: view.pageSize, page: 1 });
  };

  const exportExcel = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await download(ledgerExportUrl(q.filters), 'ledger.xlsx');
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  /** Issue 14: the 销号审批表 of the rows on this page, one document with a page each, for the paper file. */
  const printForms = async () => {
    const ids = ledger.data?.items.map((row) => row.id) ?? [];
    if (ids.length === 0) return;
    setPrinting(true);
    setExportError(null);
    try {
      await download(closeoutFormsUrl(ids), 'closeout-forms.docx');
    } catch (e) {
      setExportError(e);
    } finally {
      setPrinting(false);
    }
  };

  // The latest address-bar state for handlers that must keep one identity while it changes.
  const latest = useRef({ q, go });
  latest.current = { q, go };
  const sortBy = useCallback((_pagination: unknown, _filters: unknown, sorter: unknown) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<LedgerRow>;
    const sort = SORT_OF[s.columnKey as keyof typeof SORT_OF];
    if (!sort) return;
    const { q, go } = latest.current;
    go({ ...q, sort, order: s.order === 'descend' ? 'desc' : 'asc', page: 1, after: undefined });
  }, []);

  const items = ledger.data?.items;
  const filtered = Object.keys(q.filters).length > 0;
  // Kept apart from the loading flag, so the rows render once per answer rather than again when loading starts and ends.
  const table = useMemo(
    () => (
      <Table<LedgerRow>
        rowKey="id"
        size="small"
        sticky
        bordered
        columns={tableColumns}
        dataSource={items}
        pagination={false}
        scroll={{ x: columnWidth(visible, lang) }}
        locale={{
          emptyText: items ? <Empty description={filtered ? t('noRows') : t('noRowsAtAll')} /> : ' ',
        }}
        onChange={sortBy}
      />
    ),
    [items, tableColumns, visible, lang, filtered, sortBy, t],
  );
  // Issue 14: on a phone each row is a card led by its whole title, with its deadline, state and one next step.
  const cardFields = useMemo(
    (): LedgerCardField[] => ['warning', 'state', ...(spansUnits ? ['unit' as const] : []), 'department', 'leader'],
    [spansUnits],
  );
  const cards = useMemo(
    () =>
      items ? (
        <LedgerCards
          label={t('title')}
          rows={items}
          fields={cardFields}
          today={todayInChina()}
          empty={filtered ? t('noRows') : t('noRowsAtAll')}
          action={(row) => <NextStep row={row} role={user.role} />}
        />
      ) : null,
    [items, cardFields, filtered, t, user.role],
  );
  const phoneSort = `${q.sort}:${q.order}`;

  return (
    <section aria-labelledby="ledger-title">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} id="ledger-title" style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <SavedViews current={viewState} onApply={applyView} />
          {!narrow && <ColumnChooser value={columns} onChange={setColumns} />}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportExcel}>
            {exporting ? t('exporting') : t('exportExcel')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            loading={printing}
            disabled={!ledger.data?.items.length}
            onClick={printForms}
          >
            {t('printForms', { n: ledger.data?.items.length ?? 0 })}
          </Button>
        </Flex>
      </Flex>
      <FilterBar
        filters={q.filters}
        onChange={setFilters}
        user={user}
        spansUnits={spansUnits}
        inspections={inspections ?? NO_INSPECTIONS}
      />
      <ErrorAlert error={exportError} />
      <ErrorAlert error={ledger.error} onRetry={ledger.refetch} />
      {narrow && (
        <Select
          aria-label={t('sortBy')}
          style={{ width: '100%', marginBottom: 8 }}
          value={PHONE_SORTS.some(([v]) => v === phoneSort) ? phoneSort : undefined}
          placeholder={t('sortBy')}
          options={PHONE_SORTS.map(([value, label]) => ({ value, label: t(label) }))}
          onChange={(v: string) => {
            const [sort, order] = v.split(':') as [LedgerQuery['sort'], LedgerQuery['order']];
            go({ ...q, sort, order, page: 1, after: undefined });
          }}
        />
      )}
      <Spin spinning={ledger.isFetching}>{narrow ? cards : table}</Spin>
      {ledger.data && (
        <Pager
          page={q.page}
          size={q.size}
          total={total}
          hasNext={hasNext}
          hasPrevious={hasPrevious}
          onFirst={() => go({ ...q, page: 1, after: undefined })}
          onPrevious={() => go(previous)}
          onNext={goNext}
          onJump={(page) => go({ ...q, page, after: undefined })}
          onSize={(size) => go({ ...q, size, page: 1, after: undefined })}
        />
      )}
    </section>
  );
}
