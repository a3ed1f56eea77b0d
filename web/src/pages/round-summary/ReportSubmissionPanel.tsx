import { CheckCircleOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  type InspectionReport,
  reportFileUrl,
  useInspectionReport,
  useRecordReport,
} from '../../api/queries/roundSummary.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput, inputMessages, notAfter, notBefore, validated } from '../../components/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { useFieldErrors } from '../admin/shared.tsx';
import { summaryMessages } from './messages.ts';

interface Values {
  submittedOn: Dayjs;
  docNumber: string;
  note?: string;
}

/**
 * Issue 15 (报送): on the unit's home, beside the report's due date: whether the 整改情况报告 is recorded as submitted,
 * and the button that records it (or corrects the record, the old one kept in the history).
 */
export function ReportSubmissionPanel({
  inspectionId,
  feedbackOn,
  today,
}: {
  inspectionId: number;
  feedbackOn: string | null;
  today: string;
}) {
  const t = useT(summaryMessages);
  const report = useInspectionReport(inspectionId);
  const [open, setOpen] = useState(false);
  const current = report.data?.current ?? null;
  return (
    <>
      <ErrorAlert error={report.error} onRetry={report.refetch} />
      {current ? (
        <Space size={[12, 4]} wrap align="baseline" data-testid="report-submitted">
          <Typography.Text type="success" strong>
            <CheckCircleOutlined /> {t('submittedLine', { date: current.submittedOn })}
          </Typography.Text>
          <Typography.Text>{current.docNumber}</Typography.Text>
          <Typography.Link href={reportFileUrl(current.id)} target="_blank" style={{ overflowWrap: 'anywhere' }}>
            <PaperClipOutlined /> {current.fileName}
          </Typography.Link>
          <Button size="small" onClick={() => setOpen(true)}>
            {t('correctButton')}
          </Button>
        </Space>
      ) : (
        report.isSuccess && (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)}>
            {t('recordButton')}
          </Button>
        )
      )}
      {open && (
        <RecordModal
          inspectionId={inspectionId}
          feedbackOn={feedbackOn}
          today={today}
          current={report.data ?? null}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function RecordModal({
  inspectionId,
  feedbackOn,
  today,
  current,
  onClose,
}: {
  inspectionId: number;
  feedbackOn: string | null;
  today: string;
  current: InspectionReport | null;
  onClose: () => void;
}) {
  const t = useT(summaryMessages);
  const v = useT(inputMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const recording = useRecordReport();
  const showFieldErrors = useFieldErrors(form);
  const correcting = !!current?.current;
  const save = async () => {
    const values = await validated(form);
    if (!file) setFileMissing(true);
    if (!values || !file) return;
    recording.mutate(
      {
        inspectionId,
        file,
        fields: {
          submittedOn: values.submittedOn.format('YYYY-MM-DD'),
          docNumber: values.docNumber,
          note: values.note?.trim() || null,
        },
        onProgress: () => {},
      },
      {
        onError: showFieldErrors,
        onSuccess: () => {
          message.success(t('recordedOk'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t(correcting ? 'correctTitle' : 'recordTitle')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={recording.isPending}
      destroyOnHidden
    >
      {correcting && <Typography.Paragraph type="secondary">{t('correctionNote')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="submittedOn"
          label={t('submittedOn')}
          rules={[
            { required: true, message: t('submittedOnRequired') },
            notAfter(today, v('dateAfterToday', { field: t('submittedOnField'), date: today })),
            notBefore(feedbackOn, t('submittedBeforeFeedback', { date: feedbackOn ?? '' })),
          ]}
        >
          <DateInput style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="docNumber"
          label={t('docNumber')}
          rules={[{ required: true, whitespace: true, message: t('docNumberRequired') }, { max: 50 }]}
        >
          <Input placeholder={t('docNumberPlaceholder')} maxLength={50} />
        </Form.Item>
        <Form.Item
          label={t('file')}
          required
          validateStatus={fileMissing ? 'error' : undefined}
          help={fileMissing ? t('fileRequired') : t('fileHint')}
        >
          <Upload
            accept=".docx,.pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileMissing(false);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={recording.error} />
      {current && current.history.length > 0 && (
        <>
          <Typography.Text strong>{t('history')}</Typography.Text>
          <ul style={{ paddingInlineStart: 20, margin: '4px 0 0' }}>
            {current.history.map((h) => (
              <li key={h.id}>
                <Typography.Link href={reportFileUrl(h.id)} target="_blank">
                  {t('historyLine', {
                    date: h.submittedOn,
                    number: h.docNumber,
                    by: h.recordedByName ?? '',
                    at: h.recordedAt.slice(0, 10),
                  })}
                </Typography.Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
