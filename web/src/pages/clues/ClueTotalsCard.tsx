import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Totals } from '../../api/queries/stats.ts';
import { useT } from '../../i18n/index.tsx';
import { clueTotalsMessages } from './messages.ts';

/** Issue 15 (问题线索): the clues' figures beside the round's totals, for the office and the supervisors only. */
export function ClueTotalsCard({ totals, roundId }: { totals: NonNullable<Totals['clues']>; roundId: number }) {
  const t = useT(clueTotalsMessages);
  return (
    <Card
      size="small"
      title={t('title')}
      style={{ marginBottom: 16 }}
      extra={<Link to={`/clues?roundId=${roundId}`}>{t('open')}</Link>}
    >
      <Space wrap size={[8, 4]}>
        <Typography.Text style={{ overflowWrap: 'anywhere' }}>{t('line', { ...totals })}</Typography.Text>
        {totals.overdue > 0 ? <Tag color="red">{t('overdue', { n: totals.overdue })}</Tag> : null}
      </Space>
    </Card>
  );
}
