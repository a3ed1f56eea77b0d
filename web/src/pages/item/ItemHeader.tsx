import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { closeRequestGaps, type WorkflowEvent } from '../../../../src/domain/workflow.ts';
import { download } from '../../api/client.ts';
import { closeoutFormUrl, type ItemDetail } from '../../api/queries/items.ts';
import { errorText } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { statusMessages } from '../../components/messages.ts';
import { ItemMarks, KindText, ResultTag, StateTag, WarningDot } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ItemEditDrawer } from './ItemEditDrawer.tsx';
import { itemMessages } from './messages.ts';
import { TransitionDialog } from './TransitionDialog.tsx';

const PRIMARY: WorkflowEvent[] = ['start', 'request_close', 'approve', 'confirm'];

export function ItemHeader({ item }: { item: ItemDetail }) {
  const t = useT(itemMessages);
  const c = useT(common);
  const s = useT(statusMessages);
  const [event, setEvent] = useState<WorkflowEvent | null>(null);
  const [editing, setEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const { message } = App.useApp();
  const { lang } = useLang();
  const { events, editPlan: canEdit } = item.abilities;
  // The server's rule: without evidence 申请销号 would be refused, so the button waits and says why. The note is
  // written in the dialog, whose button waits for it the same way.
  const missingEvidence = closeRequestGaps({ evidenceCount: item.evidence.length, note: '—' });
  const whyNot = missingEvidence.map((g) => t(`needs_${g}`)).join('；');
  const print = async () => {
    setPrinting(true);
    try {
      await download(closeoutFormUrl(item.id), `销号审批表-${item.id}.docx`);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setPrinting(false);
    }
  };
  const missing = <Typography.Text type="secondary">{t('notSet')}</Typography.Text>;
  // A phone's narrow screen gives the card's frame less, the title and the buttons more.
  const phone = useNarrow();

  return (
    <Card styles={phone ? { body: { padding: 16 } } : undefined}>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/ledger">{t('ledger')}</Link> },
          { title: `${item.inspection.unit} · ${item.inspection.team}` },
          ...(item.aspect ? [{ title: item.aspect.name }] : []),
          ...(item.problem ? [{ title: `${item.problem.number ?? ''} ${item.problem.title}`.trim() }] : []),
        ]}
      />
      <div
        style={{
          display: 'flex',
          gap: 16,
          alignItems: 'flex-start',
          justifyContent: 'space-between',
          flexWrap: 'wrap',
        }}
      >
        <div style={{ flex: '1 1 520px', minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 'inherit', marginRight: 8 }}>
              {item.number ?? t('noNumber')}
            </Typography.Text>
            {item.title}
          </Typography.Title>
          <Space size={4} wrap style={{ marginTop: 8 }}>
            <StateTag state={item.state} closeStage={item.closeStage} returned={item.returned !== null} />
            <ResultTag result={item.result} />
            <ItemMarks
              overdue={item.overdue}
              wasLate={item.wasLate}
              closed={item.state === 'closed'}
              flagged={item.flagged}
              withheld={item.withheld}
            />
            {item.state === 'close_requested' && item.closeStage ? (
              <Typography.Text type="secondary">{t('awaiting', { stage: s(item.closeStage) })}</Typography.Text>
            ) : null}
            {item.reopenedCount > 0 ? (
              <Typography.Text type="secondary">{t('reopened', { n: item.reopenedCount })}</Typography.Text>
            ) : null}
          </Space>
        </div>
        <Space wrap>
          {events.map((e) =>
            e === 'request_close' && whyNot ? (
              <Space key={e} size={8} wrap>
                <Tooltip title={whyNot}>
                  {/* A disabled button takes no pointer events; the wrapper carries the tooltip. */}
                  <span>
                    <Button type="primary" disabled aria-describedby="request-close-why">
                      {t(e)}
                    </Button>
                  </span>
                </Tooltip>
                <Typography.Text type="warning" id="request-close-why">
                  {whyNot}
                </Typography.Text>
              </Space>
            ) : (
              <Button
                key={e}
                type={PRIMARY.includes(e) ? 'primary' : 'default'}
                danger={e === 'return'}
                onClick={() => setEvent(e)}
              >
                {t(e)}
              </Button>
            ),
          )}
          <Button icon={<PrinterOutlined />} loading={printing} onClick={print}>
            {t('printForm')}
          </Button>
          {canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('editItem')}
            </Button>
          ) : null}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'deadline',
            label: c('deadline'),
            children: item.deadline ? (
              <Space size={6} wrap>
                <WarningDot level={item.warning} />
                {item.deadline}
                {item.extensionCount > 0 ? (
                  <a href="#extensions">
                    <Tag color="blue">{t('extensionCount', { n: item.extensionCount })}</Tag>
                  </a>
                ) : null}
              </Space>
            ) : (
              missing
            ),
          },
          // Issue 13: 原定时限 beside the deadline in force once an extension moved it.
          ...(item.extensionCount > 0
            ? [
                {
                  key: 'original',
                  label: t('originalDeadline'),
                  children: item.originalDeadline ?? missing,
                },
              ]
            : []),
          { key: 'lead', label: t('leadDepartment'), children: item.leadDepartment ?? missing },
          { key: 'leader', label: c('leader'), children: item.responsibleLeader ?? missing },
          { key: 'kind', label: t('kind'), children: <KindText kind={item.kind} /> },
          { key: 'round', label: c('round'), children: item.inspection.round },
          { key: 'closed', label: t('closedOn'), children: item.closedOn ?? '—' },
          ...(item.description
            ? [{ key: 'description', label: t('description'), span: 'filled' as const, children: item.description }]
            : []),
          ...(item.suggestion
            ? [{ key: 'suggestion', label: t('suggestion'), span: 'filled' as const, children: item.suggestion }]
            : []),
          ...(item.target
            ? [{ key: 'target', label: t('target'), span: 'filled' as const, children: item.target }]
            : []),
          ...(item.withheld && item.withheldReason
            ? [{ key: 'withheld', label: t('withheldReason'), span: 'filled' as const, children: item.withheldReason }]
            : []),
        ]}
      />
      <TransitionDialog item={item} event={event} onClose={() => setEvent(null)} onDone={() => setEvent(null)} />
      {canEdit ? <ItemEditDrawer item={item} open={editing} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}
