import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type ItemDetail, type Outcome, useAddOutcome } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput, useNumberRule, validated } from '../../components/forms.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';

type OutcomeKind = Outcome['kind'];
type AccountabilityKind = NonNullable<Outcome['accountabilityKind']>;

const KINDS: OutcomeKind[] = ['rule_made', 'rule_revised', 'accountability', 'funds_recovered', 'loss_recovered'];
const ACCOUNTABILITY: AccountabilityKind[] = ['reminder_talk', 'criticism', 'admonishment', 'discipline'];

interface Values {
  kind: OutcomeKind;
  title: string;
  accountabilityKind?: AccountabilityKind;
  peopleCount?: number;
  amountYuan?: number;
  occurredOn?: Dayjs;
}

export function OutcomesCard({ item, canAdd }: { item: ItemDetail; canAdd: boolean }) {
  const t = useT(itemMessages);
  const c = useT(common);
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const add = useAddOutcome();
  const kind = Form.useWatch('kind', form);
  // A phone has no room for four columns: there each outcome is a block, its title first.
  const narrow = useNarrow();
  const money = (n: number) =>
    t('yuan', {
      n: n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    });

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    add.mutate(
      {
        itemId: item.id,
        body: {
          kind: v.kind,
          title: v.title.trim(),
          accountabilityKind: v.kind === 'accountability' ? (v.accountabilityKind ?? null) : null,
          peopleCount: v.kind === 'accountability' ? (v.peopleCount ?? null) : null,
          amountYuan: v.kind === 'funds_recovered' || v.kind === 'loss_recovered' ? (v.amountYuan ?? null) : null,
          occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : null,
        },
      },
      {
        onSuccess: () => {
          message.success(c('saved'));
          setOpen(false);
          form.resetFields();
        },
      },
    );
  };

  const details = (o: Outcome) => {
    if (o.kind === 'accountability')
      return [o.accountabilityKind && t(o.accountabilityKind), o.peopleCount && t('people', { n: o.peopleCount })]
        .filter(Boolean)
        .join(' · ');
    if (o.amountYuan !== null) return money(o.amountYuan);
    return '—';
  };

  const required = [{ required: true, message: t('noteRequired') }];
  const within = useNumberRule();
  return (
    <Card
      title={t('outcomes')}
      id="outcomes"
      extra={
        canAdd ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('addOutcome')}
          </Button>
        ) : null
      }
    >
      {narrow ? (
        <List<Outcome>
          dataSource={item.outcomes}
          locale={{ emptyText: t('noOutcomes') }}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <List.Item.Meta
                title={<span style={{ overflowWrap: 'anywhere' }}>{o.title}</span>}
                description={
                  <Space size={[12, 2]} wrap>
                    <span>{t(o.kind)}</span>
                    {details(o) !== '—' ? <span>{details(o)}</span> : null}
                    {o.occurredOn ? (
                      <Typography.Text type="secondary">
                        {t('occurredOn')}：{o.occurredOn}
                      </Typography.Text>
                    ) : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Outcome>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={item.outcomes}
          locale={{ emptyText: t('noOutcomes') }}
          columns={[
            { key: 'kind', title: t('outcomeKind'), width: 150, render: (_, o) => t(o.kind) },
            { key: 'title', title: t('outcomeTitle'), dataIndex: 'title' },
            {
              key: 'details',
              title: `${t('accountabilityKind')} / ${t('amountYuan')}`,
              width: 220,
              render: (_, o) => details(o),
            },
            { key: 'on', title: t('occurredOn'), width: 110, render: (_, o) => o.occurredOn ?? '—' },
          ]}
        />
      )}
      <Modal
        open={open}
        title={t('addOutcome')}
        okText={c('save')}
        okButtonProps={{ loading: add.isPending }}
        onOk={submit}
        onCancel={() => setOpen(false)}
      >
        <ErrorAlert error={add.error} />
        <Form form={form} name="outcome" layout="vertical" initialValues={{ kind: 'rule_made' }}>
          <Form.Item name="kind" label={t('outcomeKind')} rules={required}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(k) }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('outcomeTitle')}
            rules={[{ required: true, whitespace: true, message: t('noteRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {kind === 'accountability' ? (
            <>
              <Form.Item name="accountabilityKind" label={t('accountabilityKind')} rules={required}>
                <Select options={ACCOUNTABILITY.map((k) => ({ value: k, label: t(k) }))} />
              </Form.Item>
              <Form.Item
                name="peopleCount"
                label={t('peopleCount')}
                rules={[...required, within(t('peopleCount'), 1, 10000)]}
              >
                <InputNumber style={{ width: 160 }} />
              </Form.Item>
            </>
          ) : null}
          {kind === 'funds_recovered' || kind === 'loss_recovered' ? (
            <Form.Item
              name="amountYuan"
              label={t('amountYuan')}
              rules={[...required, within(t('amountYuan'), 0.01, 1e12, 2)]}
            >
              <InputNumber style={{ width: 220 }} />
            </Form.Item>
          ) : null}
          <Form.Item name="occurredOn" label={t('occurredOn')}>
            <DateInput format="YYYY-MM-DD" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
