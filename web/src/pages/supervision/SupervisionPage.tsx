import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { EvaluationTab } from './EvaluationTab.tsx';
import { LookbacksTab } from './LookbacksTab.tsx';
import { supervisionMessages } from './messages.ts';
import { OrdersTab } from './OrdersTab.tsx';

const TABS = ['orders', 'lookbacks', 'evaluation'] as const;
type Tab = (typeof TABS)[number];

/** 督办, 回头看 and 整改评估: the office acts, units answer their orders, the supervisor and teams read. */
export default function SupervisionPage() {
  const t = useT(supervisionMessages);
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'orders';
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t('pageTitle')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          { key: 'orders', label: t('ordersTab'), children: <OrdersTab /> },
          { key: 'lookbacks', label: t('lookbacksTab'), children: <LookbacksTab /> },
          { key: 'evaluation', label: t('evaluationTab'), children: <EvaluationTab /> },
        ]}
      />
    </>
  );
}
