import { Alert, Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type SearchResult, useSearch } from '../../api/queries/search.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { useT } from '../../i18n/index.tsx';
import { Highlighted } from './Highlighted.tsx';
import { searchMessages } from './messages.ts';

const LIMIT = 50;
const KIND_COLOURS: Record<SearchResult['kind'], string> = {
  item: 'blue',
  measure: 'geekblue',
  progress: 'green',
  outcome: 'gold',
  comment: 'purple',
  evidence: 'cyan',
};

/** Where a result is read: a comment on its own page (with its answer and remarks), any other text on its item's page. */
const linkOf = (r: SearchResult) => (r.kind === 'comment' || !r.item ? `/comments/${r.id}` : `/items/${r.item.id}`);

/**
 * Issue 16: search every text of the ledger the user may read. The words live in the address (?q=), so a search can be
 * sent and the back button returns to it; each result names its kind and item and shows the words found, marked.
 */
export default function SearchPage() {
  const t = useT(searchMessages);
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const results = useSearch(q, LIMIT);
  const tooLong = q.trim().length > 100;

  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    document.title = q ? `${q} - ${t('pageTitle')}` : t('pageTitle');
  }, [q, t]);

  const rows = results.data?.results ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('pageTitle')}
      </Typography.Title>
      <Input.Search
        aria-label={t('pageTitle')}
        data-testid="search-page-input"
        value={draft}
        maxLength={100}
        allowClear
        enterButton={t('search')}
        size={narrow ? 'middle' : 'large'}
        placeholder={t('placeholder')}
        loading={results.isFetching}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
      />
      {!q && <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>}
      {tooLong && <Alert type="warning" showIcon message={t('tooLong')} />}
      {results.error && <ErrorAlert error={results.error} />}
      {q && results.data && (
        <Typography.Text type="secondary" data-testid="search-count">
          {rows.length === 0 ? t('none', { q }) : t('count', { n: rows.length })}
        </Typography.Text>
      )}
      {rows.length > 0 && (
        <List
          className="search-results"
          dataSource={rows}
          rowKey={(r) => `${r.kind}-${r.id}`}
          renderItem={(r) => (
            <List.Item className="search-result" data-testid="search-result">
              <div style={{ minWidth: 0, width: '100%' }}>
                <div className="search-result-head">
                  <Tag color={KIND_COLOURS[r.kind]} style={{ marginInlineEnd: 8 }}>
                    {t(`kind_${r.kind}`)}
                  </Tag>
                  <Link to={linkOf(r)} className="search-result-title">
                    {r.item ? `${r.item.number ? `${r.item.number}. ` : ''}${r.item.title}` : t('commentWithoutItem')}
                  </Link>
                </div>
                <div className="search-result-snippet">
                  <Highlighted {...r.snippet} />
                </div>
                {r.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.note}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {rows.length >= LIMIT && <Typography.Text type="secondary">{t('more', { n: LIMIT })}</Typography.Text>}
    </Space>
  );
}
