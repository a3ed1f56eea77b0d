import { Card, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useItemComments } from '../../api/queries/comments.ts';
import { useT } from '../../i18n/index.tsx';
import { commentMessages } from './messages.ts';

/** Issue 15: on an item's page, the public comments linked to it (none: nothing shown). */
export function ItemCommentsCard({ itemId }: { itemId: number }) {
  const t = useT(commentMessages);
  const { data } = useItemComments(itemId);
  if (!data || data.comments.length === 0) return null;
  return (
    <Card size="small" title={t('linkedComments')} id="comments">
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {data.comments.map((c) => (
          <li key={c.id} style={{ lineHeight: 1.8, overflowWrap: 'anywhere' }}>
            <Link to={`/comments/${c.id}`}>{c.content.length > 80 ? `${c.content.slice(0, 80)}…` : c.content}</Link>{' '}
            <Tag color={c.publicStatus === 'handled' ? 'success' : 'processing'}>{t(`status_${c.publicStatus}`)}</Tag>
            {c.transferOverdue && c.transferDueOn && (
              <Tag color="error">{t('transferOverdue', { date: c.transferDueOn })}</Tag>
            )}
            <Typography.Text type="secondary">{dayjs(c.createdAt).format('YYYY-MM-DD')}</Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
