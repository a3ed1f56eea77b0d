import { App, Button, Card, Flex, Form, type FormInstance, Input, List, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { acceptsNewMeasures } from '../../../../src/domain/measure.ts';
import {
  type Plan,
  type PlanItem,
  type PlanProblem,
  useAddItem,
  useAddMeasure,
  useAddProblem,
  usePatchPlanItem,
  usePatchProblem,
} from '../../api/queries/plan.ts';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { KindText, StateTag } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { NewMeasureFields, type NewMeasureValues, newMeasureBody } from './MeasureFields.tsx';
import { feedbackMessages } from './messages.ts';
import { NO_ASPECT, type NodeKey } from './outline.ts';

type Values = Record<string, string | undefined>;

/** The texts of a problem or an item besides its title; each may be empty. */
type TextField = 'number' | 'description' | 'suggestion' | 'target';
type Texts<F extends TextField> = { title: string } & Record<F, string | null>;

/** Empty text means "none" to the API. */
const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Only the fields the user changed, so a team member's edit never touches plan fields it may not write. */
function changed<F extends TextField>(values: Values, record: Texts<F>, fields: readonly F[]) {
  const texts: Partial<Record<F, string | null>> = {};
  for (const f of fields) {
    const next = orNull(values[f]);
    if (next !== record[f]) texts[f] = next;
  }
  const title = (values.title ?? '').trim();
  return title === record.title ? texts : { ...texts, title };
}

/**
 * When the record is reloaded (after someone else saved it), the fields the user has not changed take the new values
 * and the typed ones stay, so saving again neither loses the typing nor writes back the other person's old text.
 */
function useFollowRecord<F extends TextField>(
  form: FormInstance<Values>,
  record: Texts<F> & { version: number },
  textFields: readonly F[],
) {
  const fields = ['title', ...textFields] as const;
  const textOf = (r: Texts<F>) => Object.fromEntries(fields.map((f) => [f, r[f] ?? '']));
  const synced = useRef<Record<string, string> | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version is what makes the fields worth refreshing
  useEffect(() => {
    const next = textOf(record);
    const last = synced.current;
    if (last) {
      for (const f of fields) {
        if ((form.getFieldValue(f) ?? '') === last[f]) form.setFieldValue(f, next[f]);
      }
    }
    synced.current = next;
  }, [record.version]);
}

const PROBLEM_TEXTS = ['number', 'description'] as const;
const ITEM_TEXTS = ['number', 'description', 'suggestion'] as const;
const ITEM_TEXTS_WITH_PLAN = [...ITEM_TEXTS, 'target'] as const;

interface PanelProps {
  plan: Plan;
  nodeKey: NodeKey;
  reload: () => void;
  /** A new node was added under `parent`: select it. */
  onCreated: (key: NodeKey, parent: NodeKey) => void;
}

export function NodePanel(props: PanelProps) {
  const { plan, nodeKey } = props;
  const [kind, raw] = nodeKey.split(':');
  const id = Number(raw);
  if (kind === 'problem') {
    const problem = plan.problems.find((p) => p.id === id);
    if (problem) return <ProblemPanel key={nodeKey} {...props} problem={problem} />;
  }
  if (kind === 'item') {
    const item = plan.items.find((i) => i.id === id);
    if (item) return <ItemPanel key={nodeKey} {...props} item={item} />;
  }
  if (kind === 'aspect') {
    const aspect = plan.aspects.find((a) => a.id === id);
    if (aspect || nodeKey === NO_ASPECT) return <AspectPanel key={nodeKey} {...props} aspectId={aspect?.id ?? null} />;
  }
  return null;
}

/** A problem's or an item's number and title side by side, as the outline shows them. */
function NumberAndTitle() {
  const t = useT(feedbackMessages);
  return (
    <Flex gap={8}>
      <Form.Item name="number" label={t('number')} style={{ width: 96 }}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('titleField')}
        rules={[{ required: true, whitespace: true, message: t('required', { field: t('titleField') }) }]}
        style={{ flex: 1, minWidth: 0 }}
      >
        <Input maxLength={500} />
      </Form.Item>
    </Flex>
  );
}

function AspectPanel({ plan, nodeKey, reload, onCreated, aspectId }: PanelProps & { aspectId: number | null }) {
  const t = useT(feedbackMessages);
  const aspect = plan.aspects.find((a) => a.id === aspectId);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('aspectHeading', { name: aspect?.name ?? t('noAspect') })}
      </Typography.Title>
      {plan.rights.editFeedback && (
        <>
          <AddProblem plan={plan} aspectId={aspectId} reload={reload} onCreated={(k) => onCreated(k, nodeKey)} />
          <AddItem
            plan={plan}
            aspectId={aspectId}
            problemId={null}
            heading={t('addItemDirect')}
            reload={reload}
            onCreated={(k) => onCreated(k, nodeKey)}
          />
        </>
      )}
    </Space>
  );
}

function AddProblem({
  plan,
  aspectId,
  reload,
  onCreated,
}: {
  plan: Plan;
  aspectId: number | null;
  reload: () => void;
  onCreated: (key: NodeKey) => void;
}) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const adding = useAddProblem(plan.inspection.id);
  const submit = (v: Values) =>
    adding.mutate(
      { aspectId, number: orNull(v.number), title: (v.title ?? '').trim(), description: orNull(v.description) },
      {
        onSuccess: ({ id }) => {
          message.success(t('created'));
          form.resetFields();
          onCreated(`problem:${id}`);
        },
      },
    );
  return (
    <Card size="small" title={t('addProblem')}>
      <SaveErrorAlert error={adding.error} onReload={reload} />
      <Form form={form} name="addProblem" layout="vertical" onFinish={submit}>
        <NumberAndTitle />
        <Form.Item name="description" label={t('description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={adding.isPending}>
          {c('add')}
        </Button>
      </Form>
    </Card>
  );
}

function AddItem({
  plan,
  aspectId,
  problemId,
  heading,
  reload,
  onCreated,
}: {
  plan: Plan;
  aspectId: number | null;
  problemId: number | null;
  heading: string;
  reload: () => void;
  onCreated: (key: NodeKey) => void;
}) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const adding = useAddItem(plan.inspection.id);
  const formName = problemId === null ? 'addItemDirect' : 'addItem';
  const submit = (v: Values) =>
    adding.mutate(
      {
        aspectId,
        problemId,
        kind: 'deadline',
        number: orNull(v.number),
        title: (v.title ?? '').trim(),
        description: orNull(v.description),
        suggestion: orNull(v.suggestion),
      },
      {
        onSuccess: ({ id }) => {
          message.success(t('created'));
          form.resetFields();
          onCreated(`item:${id}`);
        },
      },
    );
  return (
    <Card size="small" title={heading}>
      <SaveErrorAlert error={adding.error} onReload={reload} />
      <Form form={form} name={formName} layout="vertical" onFinish={submit}>
        <NumberAndTitle />
        <Form.Item name="description" label={t('description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="suggestion" label={t('suggestion')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={adding.isPending}>
          {c('add')}
        </Button>
      </Form>
    </Card>
  );
}

function ProblemPanel({ plan, nodeKey, reload, onCreated, problem }: PanelProps & { problem: PlanProblem }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const saving = usePatchProblem(plan.inspection.id);
  const editable = plan.rights.editFeedback;
  const [form] = Form.useForm<Values>();
  useFollowRecord(form, problem, PROBLEM_TEXTS);
  const submit = (v: Values) => {
    const patch = changed(v, problem, PROBLEM_TEXTS);
    if (Object.keys(patch).length === 0) return;
    saving.mutate(
      { id: problem.id, body: { version: problem.version, ...patch } },
      { onSuccess: () => message.success(c('saved')) },
    );
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('problemHeading')}>
        <SaveErrorAlert error={saving.error} onReload={reload} />
        <Form
          key={nodeKey}
          form={form}
          name="problem"
          layout="vertical"
          disabled={!editable}
          initialValues={{
            number: problem.number ?? '',
            title: problem.title,
            description: problem.description ?? '',
          }}
          onFinish={submit}
        >
          <NumberAndTitle />
          <Form.Item name="description" label={t('description')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
          </Form.Item>
          {editable && (
            <Button type="primary" htmlType="submit" loading={saving.isPending}>
              {c('save')}
            </Button>
          )}
        </Form>
      </Card>
      {editable && (
        <AddItem
          plan={plan}
          aspectId={problem.aspectId}
          problemId={problem.id}
          heading={t('addItem')}
          reload={reload}
          onCreated={(k) => onCreated(k, nodeKey)}
        />
      )}
    </Space>
  );
}

function ItemPanel({ plan, nodeKey, reload, item }: PanelProps & { item: PlanItem }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const saving = usePatchPlanItem(plan.inspection.id);
  const editable = plan.rights.editFeedback || plan.rights.editPlan;
  // target is part of the plan; the other fields are the feedback itself.
  const fields = plan.rights.editPlan ? ITEM_TEXTS_WITH_PLAN : ITEM_TEXTS;
  const [form] = Form.useForm<Values>();
  useFollowRecord(form, item, fields);
  const submit = (v: Values) => {
    const patch = changed(v, item, fields);
    if (Object.keys(patch).length === 0) return;
    saving.mutate(
      { id: item.id, body: { version: item.version, ...patch } },
      { onSuccess: () => message.success(c('saved')) },
    );
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('itemHeading')}
        extra={
          <Space>
            <StateTag state={item.state} />
            <Link to={`/items/${item.id}`}>{t('openItem')}</Link>
          </Space>
        }
      >
        <SaveErrorAlert error={saving.error} onReload={reload} />
        <Form
          key={nodeKey}
          form={form}
          name="item"
          layout="vertical"
          disabled={!editable}
          initialValues={{
            number: item.number ?? '',
            title: item.title,
            description: item.description ?? '',
            suggestion: item.suggestion ?? '',
            target: item.target ?? '',
          }}
          onFinish={submit}
        >
          <NumberAndTitle />
          <Form.Item name="description" label={t('description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
          <Form.Item name="suggestion" label={t('suggestion')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
          {plan.rights.editPlan && (
            <Form.Item name="target" label={t('target')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          )}
          {editable && (
            <Button type="primary" htmlType="submit" loading={saving.isPending}>
              {c('save')}
            </Button>
          )}
        </Form>
      </Card>
      <Card size="small" title={t('measuresOfItem')}>
        <List
          size="small"
          dataSource={item.measures}
          locale={{ emptyText: t('noMeasures') }}
          renderItem={(m, i) => (
            <List.Item>
              <List.Item.Meta
                title={`${i + 1}. ${m.content}`}
                description={
                  <Space size={16} wrap>
                    <span>
                      {t('kind')}：<KindText kind={m.kind} />
                    </span>
                    <span>
                      {c('department')}：{m.department ?? '—'}
                    </span>
                    <span>
                      {c('person')}：{m.responsiblePerson ?? '—'}
                    </span>
                    <span>
                      {c('deadline')}：{m.deadline ?? '—'}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {plan.rights.editPlan && acceptsNewMeasures(item.state) ? (
          <AddMeasure plan={plan} item={item} reload={reload} />
        ) : null}
        {plan.rights.editPlan && !acceptsNewMeasures(item.state) ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('closedNoMeasures')}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </Space>
  );
}

function AddMeasure({ plan, item, reload }: { plan: Plan; item: PlanItem; reload: () => void }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const adding = useAddMeasure(plan.inspection.id);
  const submit = (v: NewMeasureValues) =>
    adding.mutate(
      { itemId: item.id, body: newMeasureBody(v) },
      {
        onSuccess: () => {
          message.success(t('created'));
          form.resetFields();
        },
      },
    );
  return (
    <Form
      form={form}
      name={`addMeasure${item.id}`}
      layout="vertical"
      initialValues={{ kind: 'deadline' }}
      onFinish={submit}
      style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
    >
      <Typography.Text strong>{t('addMeasure')}</Typography.Text>
      <SaveErrorAlert error={adding.error} onReload={reload} />
      <NewMeasureFields plan={plan} />
      <div>
        <Button type="primary" htmlType="submit" loading={adding.isPending}>
          {c('add')}
        </Button>
      </div>
    </Form>
  );
}
