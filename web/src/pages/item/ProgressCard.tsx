import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { todayInChina } from '../../../../src/domain/dates.ts';
import { type ItemDetail, useEvidenceLimits } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AddFilesButton, UploadList, uploadMessages, useProgressWithPhotos } from '../../components/FileUploads.tsx';
import { DateInput, inputMessages, notAfter } from '../../components/forms.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';

interface Values {
  entryOn: Dayjs;
  content: string;
  measureId?: number;
}

/** Measure numbers as the table shows them, so "措施 2" means the same row everywhere on the page. */
export function measureLabels(item: ItemDetail) {
  return new Map(item.measures.map((m, i) => [m.id, i + 1]));
}

export function ProgressCard({
  item,
  canRecord,
  openForm,
  onFormClosed,
}: {
  item: ItemDetail;
  canRecord: boolean;
  openForm: boolean;
  onFormClosed: () => void;
}) {
  const t = useT(itemMessages);
  const m = useT(inputMessages);
  const c = useT(common);
  const u = useT(uploadMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(canRecord && openForm);
  // Photos may go with the entry where the reader may add evidence (they go up as the item's evidence).
  const canAttach = item.abilities.addEvidence;
  const limits = useEvidenceLimits(canRecord && canAttach).data;
  // Issue 14: photos picked here go up with the entry, as from the home page's sheet (one piece of code).
  const progress = useProgressWithPhotos(limits);
  const record = progress.record;
  const card = useRef<HTMLDivElement>(null);
  const numbers = measureLabels(item);

  // Arriving from the home page's "记录进展" link: bring the form into view with the cursor in it.
  useEffect(() => {
    if (!(canRecord && openForm)) return;
    setOpen(true);
    const timer = setTimeout(() => {
      card.current?.scrollIntoView({ block: 'start' });
      card.current?.querySelector('textarea')?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, [canRecord, openForm]);

  const close = () => {
    setOpen(false);
    progress.reset();
    form.resetFields();
    onFormClosed();
  };

  const submit = async (values: Values) => {
    const done = await progress.submit(item.id, {
      entryOn: values.entryOn.format('YYYY-MM-DD'),
      content: values.content.trim(),
      measureId: values.measureId ?? null,
    });
    if (done) {
      message.success(t('progressSaved'));
      close();
    }
  };

  return (
    <div ref={card} id="progress">
      <Card
        title={t('progress')}
        extra={
          canRecord && !open ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('recordProgress')}
            </Button>
          ) : null
        }
      >
        {open ? (
          <Form
            form={form}
            name="progress"
            layout="vertical"
            onFinish={submit}
            initialValues={{ entryOn: dayjs() }}
            style={{ maxWidth: 760, marginBottom: 24 }}
            aria-label={t('recordProgress')}
          >
            <ErrorAlert error={record.error} />
            {progress.filesLeft ? (
              <Alert type="warning" showIcon title={u('filesLeft')} style={{ marginBottom: 12 }} />
            ) : null}
            <div className="form-row">
              <Form.Item
                name="entryOn"
                label={t('entryOn')}
                rules={[
                  { required: true, message: t('noteRequired') },
                  notAfter(todayInChina(), m('dateAfterToday', { field: t('entryOn'), date: todayInChina() })),
                ]}
              >
                <DateInput format="YYYY-MM-DD" allowClear={false} />
              </Form.Item>
              <Form.Item name="measureId" label={t('linkedMeasure')}>
                <Select
                  style={{ width: 420, maxWidth: '100%' }}
                  allowClear
                  placeholder={t('anyMeasure')}
                  options={item.measures.map((m, i) => ({ value: m.id, label: `${i + 1}. ${m.content}` }))}
                />
              </Form.Item>
            </div>
            <Form.Item
              name="content"
              label={t('progressText')}
              rules={[{ required: true, whitespace: true, message: t('noteRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={5000} showCount disabled={progress.saved} />
            </Form.Item>
            {canAttach ? (
              <div style={{ marginBottom: 16 }}>
                <AddFilesButton
                  limits={limits}
                  onFiles={(files) => void progress.uploads.add(files)}
                  disabled={progress.uploads.busy}
                />
                <UploadList uploads={progress.uploads} />
              </div>
            ) : null}
            <Space>
              <Button type="primary" htmlType="submit" loading={progress.busy}>
                {c('submit')}
              </Button>
              <Button onClick={close}>{c('cancel')}</Button>
            </Space>
          </Form>
        ) : null}
        {item.progress.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noProgress')} />
        ) : (
          <Timeline
            items={item.progress.map((p) => ({
              key: p.id,
              content: (
                <div>
                  <Space size={8} wrap>
                    <Typography.Text strong>{p.entryOn}</Typography.Text>
                    <Typography.Text type="secondary">{p.author ?? t('system')}</Typography.Text>
                    {p.measureId !== null && numbers.has(p.measureId) ? (
                      <Tag>{t('measureNo', { n: numbers.get(p.measureId) ?? '' })}</Tag>
                    ) : null}
                  </Space>
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                    {p.content}
                  </Typography.Paragraph>
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </div>
  );
}
