import { Button, Drawer, Result, Select, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CLUE_STATE_EN, CLUE_STATE_ZH, CLUE_STATES, type ClueState } from '../../../../src/domain/clues.ts';
import { type Clue, type ClueFilter, useClues } from '../../api/queries/clues.ts';
import { useRounds } from '../../api/queries/rounds.ts';
import { useUnits } from '../../api/queries/units.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { ClueBlock, ClueDeadline, ClueStateTag, outcomeText } from './ClueBlock.tsx';
import { clueMessages } from './messages.ts';

const numberParam = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

/** Where a clue's problem or item is read: the item's page, or the ledger narrowed to the problem's items. */
const targetLink = (c: Clue) =>
  c.itemId !== null ? `/items/${c.itemId}#clues` : `/ledger?inspectionId=${c.inspectionId}&problemId=${c.problemId}`;

/**
 * Issue 15 (问题线索): the office's and the supervisors' list of clues, filtered by round, unit and state, the overdue
 * first (the server's order). A row opens the clue whole in a drawer, where its handling is recorded.
 */
export default function CluesPage() {
  const t = useT(clueMessages);
  const { lang } = useLang();
  const { abilities } = useSession();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const filter: ClueFilter = {
    roundId: numberParam(params.get('roundId')),
    unitId: numberParam(params.get('unitId')),
    state: (CLUE_STATES as readonly string[]).includes(params.get('state') ?? '')
      ? (params.get('state') as ClueState)
      : undefined,
  };
  const clues = useClues(filter);
  const rounds = useRounds();
  const units = useUnits({ kind: ['unit'] }, abilities.seeClues);
  const openId = numberParam(params.get('clue'));
  const open = clues.data?.clues.find((c) => c.id === openId) ?? null;

  useEffect(() => {
    document.title = t('pageTitle');
  }, [t]);

  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: key !== 'clue' });
  };

  if (!abilities.seeClues) return <Result status="403" title="403" />;

  const stateLabel = (s: ClueState) => (lang === 'zh' ? CLUE_STATE_ZH[s] : CLUE_STATE_EN[s]);
  const target = (c: Clue) => (
    <span style={{ overflowWrap: 'anywhere' }}>
      <Typography.Text type="secondary">{c.itemId !== null ? t('onItem') : t('onProblem')}：</Typography.Text>
      <Link to={targetLink(c)}>
        {c.targetNumber ? `${c.targetNumber} ` : ''}
        {c.targetTitle}
      </Link>
    </span>
  );
  const openButton = (c: Clue) => (
    <Button size="small" onClick={() => set('clue', c.id)}>
      {t('open')}
    </Button>
  );

  const rows = clues.data?.clues ?? [];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t('pageTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pageIntro')}</Typography.Paragraph>
      <Space wrap size={8} style={{ marginBottom: 12, width: '100%' }}>
        <Select
          aria-label={t('round')}
          style={{ width: narrow ? 'calc(100vw - 48px)' : 240, maxWidth: '100%' }}
          allowClear
          placeholder={t('allRounds')}
          value={filter.roundId}
          onChange={(v) => set('roundId', v)}
          options={(rounds.data?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        <Select
          aria-label={t('unit')}
          style={{ width: narrow ? 'calc(100vw - 48px)' : 240, maxWidth: '100%' }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('allUnits')}
          value={filter.unitId}
          onChange={(v) => set('unitId', v)}
          options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Select
          aria-label={t('state')}
          style={{ width: narrow ? 'calc(100vw - 48px)' : 160, maxWidth: '100%' }}
          allowClear
          placeholder={t('allStates')}
          value={filter.state}
          onChange={(v) => set('state', v)}
          options={CLUE_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
        />
      </Space>
      {clues.error ? <ErrorAlert error={clues.error} onRetry={clues.refetch} /> : null}
      {narrow ? (
        <ItemCards<Clue>
          label={t('pageTitle')}
          rows={rows}
          rowKey={(c) => c.id}
          loading={clues.isFetching}
          empty={t('noClues')}
          card={(c) => ({
            title: target(c),
            meta: (
              <>
                <ClueStateTag state={c.state} />
                <ClueDeadline clue={c} />
              </>
            ),
            detail: `${c.unitName}${c.receivingBody ? ` · ${c.receivingBody}` : ''}`,
            action: openButton(c),
          })}
        />
      ) : (
        <Table<Clue>
          rowKey="id"
          size="small"
          loading={clues.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1080 }}
          locale={{ emptyText: t('noClues') }}
          columns={[
            { key: 'unit', title: t('unit'), width: 140, render: (_, c) => c.unitName },
            { key: 'target', title: t('target'), render: (_, c) => target(c) },
            { key: 'state', title: t('state'), width: 118, render: (_, c) => <ClueStateTag state={c.state} /> },
            {
              key: 'body',
              title: `${t('receivingBody')} / ${t('handedOverOn')}`,
              width: 180,
              render: (_, c) =>
                c.receivingBody ? (
                  <>
                    <div>{c.receivingBody}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {c.handedOverOn}
                    </Typography.Text>
                  </>
                ) : (
                  '—'
                ),
            },
            {
              key: 'deadline',
              title: t('handlingDeadline'),
              width: 150,
              render: (_, c) => <ClueDeadline clue={c} />,
            },
            {
              key: 'outcome',
              title: t('outcome'),
              width: 170,
              render: (_, c) => <Typography.Text style={{ fontSize: 13 }}>{outcomeText(c, t)}</Typography.Text>,
            },
            { key: 'open', title: '', width: 96, render: (_, c) => openButton(c) },
          ]}
        />
      )}
      <Drawer
        open={open !== null}
        title={open ? `${open.unitName} · ${t('pageTitle')}` : ''}
        size={narrow ? '100%' : 620}
        onClose={() => set('clue', undefined)}
        destroyOnHidden
        extra={
          open ? (
            <Link to={targetLink(open)}>
              <Button size="small">{open.itemId !== null ? t('openItem') : t('openProblem')}</Button>
            </Link>
          ) : null
        }
      >
        {open ? <ClueBlock clue={open} /> : null}
      </Drawer>
    </>
  );
}
