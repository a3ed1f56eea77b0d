import { Badge, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { TodoKind } from '../../../../src/domain/todos.ts';
import { query } from '../../api/client.ts';
import { type TodoGroup, useTodos } from '../../api/queries/todos.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { todoMessages } from './messages.ts';

const SHOWN = 5;

/** Where the whole of a kind is listed, when more wait than the section shows. */
const ALL_OF: Record<TodoKind, string> = {
  close_to_approve: `/ledger${query({ state: ['close_requested'] })}`,
  close_to_confirm: `/ledger${query({ state: ['close_requested'] })}`,
  returned_to_redo: `/ledger${query({ state: ['in_progress'] })}`,
  order_to_answer: '/supervision',
  answer_to_review: '/supervision',
  comment_to_handle: '/publications',
  extension_to_decide: '/ledger',
  comment_transferred: '/',
  notice_to_approve: '/publications',
};

function Group({ group }: { group: TodoGroup }) {
  const t = useT(todoMessages);
  const label = t(`kind_${group.kind}`);
  return (
    <section aria-label={label} style={{ minWidth: 0 }}>
      <Flex align="center" gap={8} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{label}</Typography.Text>
        <Badge
          count={group.count}
          showZero
          color={group.count > 0 ? '#fa8c16' : '#d9d9d9'}
          aria-label={`${label}：${group.count}`}
        />
      </Flex>
      {group.entries.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {group.entries.map((e) => (
            <li key={e.id} style={{ lineHeight: 1.8, overflowWrap: 'anywhere' }}>
              <Link to={e.link}>{e.title}</Link>
              <Typography.Text type="secondary"> · {e.unit}</Typography.Text>
              {e.dueOn && (
                <Typography.Text type={e.overdue ? 'danger' : 'secondary'} strong={e.overdue}>
                  {' · '}
                  {t(e.overdue ? 'overdue' : 'dueOn', { date: e.dueOn })}
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
      {group.count > group.entries.length && (
        <Link to={ALL_OF[group.kind]} style={{ fontSize: 13 }}>
          {t('more', { n: group.count })}
        </Link>
      )}
    </section>
  );
}

/** 待办, first on each role's home page: every kind of work the user acts on, with its count and the oldest waiting. */
export function TodoSection() {
  const t = useT(todoMessages);
  const todos = useTodos(SHOWN);
  const groups = todos.data?.groups ?? [];
  if (todos.data && groups.length === 0) return null;
  const total = todos.data?.total ?? 0;
  return (
    <Card
      size="small"
      loading={todos.isLoading}
      title={<h2 style={{ fontSize: 16, margin: 0, fontWeight: 600 }}>{t('title')}</h2>}
      extra={<Typography.Text type="secondary">{total > 0 ? t('waiting', { n: total }) : ''}</Typography.Text>}
      style={{ marginBottom: 16, borderColor: total > 0 ? '#ffd591' : undefined }}
    >
      <ErrorAlert error={todos.error} onRetry={todos.refetch} />
      {total === 0 ? (
        <Typography.Text type="secondary">{t('nothing')}</Typography.Text>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: 16 }}>
          {groups.map((g) => (
            <Group key={g.kind} group={g} />
          ))}
        </div>
      )}
    </Card>
  );
}
