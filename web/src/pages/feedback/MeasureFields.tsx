import { Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { MEASURE_KINDS, type MeasureKind } from '../../../../src/domain/measure.ts';
import type { NewMeasure, Plan } from '../../api/queries/plan.ts';
import { DeadlinePicker, useDeadlineRules } from '../../components/DeadlinePicker.tsx';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { KindText } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { feedbackMessages } from './messages.ts';

/** What a new measure's form holds: its text, kind and owners. */
export interface NewMeasureValues {
  content?: string;
  kind: MeasureKind;
  departmentId?: number;
  responsibleLeader?: string;
  deadline?: Dayjs;
}

/** The form's values as the API takes a new measure. */
export const newMeasureBody = (v: NewMeasureValues): NewMeasure => ({
  content: (v.content ?? '').trim(),
  kind: v.kind,
  departmentId: v.departmentId ?? null,
  responsibleLeader: v.responsibleLeader?.trim() || null,
  deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
});

/** A new measure's fields, for one item or for several at once. */
export function NewMeasureFields({ plan }: { plan: Plan }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const deadlineRules = useDeadlineRules(plan.inspection.feedbackOn);
  return (
    <>
      <Form.Item
        name="content"
        label={t('measureContent')}
        rules={[{ required: true, whitespace: true, message: t('required', { field: t('measureContent') }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('kind')}>
          <Select
            style={{ width: 130 }}
            options={MEASURE_KINDS.map((k) => ({ value: k, label: <KindText kind={k} /> }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={c('department')}>
          <DepartmentSelect style={{ width: 160 }} placeholder={t('deptPick')} departments={plan.departments} />
        </Form.Item>
        <Form.Item name="responsibleLeader" label={c('leader')}>
          <Input maxLength={50} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="deadline" label={c('deadline')} rules={deadlineRules}>
          <DeadlinePicker placeholder={t('datePick')} feedbackOn={plan.inspection.feedbackOn} />
        </Form.Item>
      </Space>
    </>
  );
}
