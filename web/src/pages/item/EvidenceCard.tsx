import { DeleteOutlined, EyeOutlined, InboxOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Image,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { evidenceEditable } from '../../../../src/domain/workflow.ts';
import {
  type Evidence,
  evidenceFileUrl,
  evidencePreviewUrl,
  type ItemDetail,
  useEvidenceLimits,
  useRemoveEvidence,
} from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { acceptFor, UploadList, useEvidenceUploads } from '../../components/FileUploads.tsx';
import { DateInput } from '../../components/forms.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatBytes, formatTime } from './format.ts';
import { itemMessages } from './messages.ts';
import { measureLabels } from './ProgressCard.tsx';

interface Fields {
  effectiveOn: Dayjs;
  note?: string;
  measureId?: number;
}

const fileUrl = (e: Evidence) => evidenceFileUrl(e.id);
const isImage = (e: Evidence) => e.contentType.startsWith('image/');
const isPdf = (e: Evidence) => e.contentType === 'application/pdf';
/** OFD drawn by the server, Office files converted to PDF there (issue 16). */
const OFFICE_RE = /\.(?:docx?|xlsx?|pptx|wps)$/i;
const isConverted = (e: Evidence) => e.contentType === 'application/ofd' || OFFICE_RE.test(e.fileName);

export function EvidenceCard({ item, canUpload }: { item: ItemDetail; canUpload: boolean }) {
  const t = useT(itemMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const limits = useEvidenceLimits(canUpload).data;
  const uploads = useEvidenceUploads(limits);
  const remove = useRemoveEvidence();
  const [pdf, setPdf] = useState<Evidence | null>(null);
  const numbers = measureLabels(item);
  const types = limits?.types.map((x) => x.toUpperCase()).join('、') ?? '';
  const maxSize = limits ? formatBytes(limits.maxBytes) : '';
  // Nobody drags files on a phone; there the zone is tapped, and image/* lets the phone offer its camera beside the gallery.
  const phone = useNarrow();

  /**
   * Sends the files of one pick, each with the fields as they stood when picked; each gets its own row and bar, and a
   * refused one keeps its row with the reason and 重试 while the others go on.
   */
  const sendPicked = (files: File[]) => {
    const fields = form.getFieldsValue();
    uploads.clearDone();
    void uploads
      .add(files, {
        itemId: item.id,
        fields: {
          effectiveOn: (fields.effectiveOn ?? dayjs()).format('YYYY-MM-DD'),
          note: fields.note?.trim() || null,
          measureId: fields.measureId ?? null,
        },
        onUploaded: (_id, name) => message.success(t('uploaded', { name })),
      })
      .then((results) => {
        if (results.length > 0 && results.every(Boolean)) form.setFieldValue('note', undefined);
      });
  };

  /** Removes a file the server marked removable (one's own, before a request rests on it). */
  const removeOne = (e: Evidence) =>
    remove.mutate(
      { itemId: item.id, evidenceId: e.id },
      { onSuccess: () => message.success(t('removed', { name: e.fileName })) },
    );

  /**
   * Replaces a file: the new one is uploaded with the old one's date, measure and note, and only then is the old one
   * removed, so a refused upload leaves the item as it was.
   */
  const replaceOne = (old: Evidence, file: File) => {
    uploads.clearDone();
    void uploads.add([file], {
      itemId: item.id,
      fields: { effectiveOn: old.effectiveOn, note: old.note, measureId: old.measureId },
      onUploaded: (_id, name) =>
        remove.mutate(
          { itemId: item.id, evidenceId: old.id },
          { onSuccess: () => message.success(t('replaced', { name })) },
        ),
    });
  };

  const preview = (e: Evidence) =>
    isImage(e) ? (
      <Image src={fileUrl(e)} alt={e.fileName} width={48} height={48} style={{ objectFit: 'cover' }} />
    ) : isPdf(e) || isConverted(e) ? (
      <Button
        size="small"
        icon={<EyeOutlined />}
        aria-label={t('previewOf', { name: e.fileName })}
        onClick={() => setPdf(e)}
      />
    ) : null;
  const actions = (e: Evidence) =>
    e.removable ? (
      <Space size={4}>
        <Upload
          showUploadList={false}
          multiple={false}
          accept={limits?.types.map((x) => `.${x}`).join(',')}
          beforeUpload={(file) => {
            replaceOne(e, file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<SwapOutlined />} aria-label={t('replaceEvidenceOf', { name: e.fileName })}>
            {t('replaceEvidence')}
          </Button>
        </Upload>
        <Popconfirm
          title={t('removeConfirm', { name: e.fileName })}
          okText={t('removeEvidence')}
          okButtonProps={{ danger: true }}
          onConfirm={() => removeOne(e)}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            loading={remove.isPending && remove.variables?.evidenceId === e.id}
            aria-label={t('removeEvidenceOf', { name: e.fileName })}
          >
            {t('removeEvidence')}
          </Button>
        </Popconfirm>
      </Space>
    ) : null;
  const measureOf = (e: Evidence) =>
    e.measureId !== null && numbers.has(e.measureId) ? t('measureNo', { n: numbers.get(e.measureId) ?? '' }) : '—';

  const locked = canUpload && item.evidence.length > 0 && !evidenceEditable(item.state);
  const anyRemovable = item.evidence.some((e) => e.removable);

  return (
    <Card title={t('evidence')} id="evidence">
      {locked ? <Alert type="info" showIcon title={t('evidenceLockedHint')} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={remove.error} />
      {canUpload ? (
        <div style={{ marginBottom: 16 }}>
          <Form form={form} name="evidence" layout="vertical" initialValues={{ effectiveOn: dayjs() }}>
            <div className="form-row">
              <Form.Item name="effectiveOn" label={t('effectiveOn')} tooltip={t('effectiveHint')}>
                <DateInput allowClear={false} />
              </Form.Item>
              <Form.Item name="measureId" label={t('linkedMeasure')}>
                <Select
                  style={{ width: 320, maxWidth: '100%' }}
                  allowClear
                  placeholder={t('anyMeasure')}
                  options={item.measures.map((m, i) => ({ value: m.id, label: `${i + 1}. ${m.content}` }))}
                />
              </Form.Item>
              <Form.Item name="note" label={t('evidenceNote')}>
                <Input style={{ width: 360, maxWidth: '100%' }} maxLength={500} />
              </Form.Item>
            </div>
          </Form>
          <Upload.Dragger
            multiple
            showUploadList={false}
            accept={acceptFor(limits)}
            beforeUpload={(file, picked) => {
              // Called once per file with the whole pick: the pick is taken in one go, at its first file.
              if (file === picked[0]) sendPicked(picked);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{phone ? t('tapToChoose') : t('dropHere')}</p>
            {limits ? <p className="ant-upload-hint">{t('dropHint', { types, size: maxSize })}</p> : null}
          </Upload.Dragger>
          <div aria-live="polite">
            <UploadList uploads={uploads} />
          </div>
        </div>
      ) : null}
      {phone ? (
        // Eight columns scrolled sideways inside the card and cut the file names: on a phone each file is a block.
        <List<Evidence>
          size="small"
          dataSource={item.evidence}
          rowKey="id"
          locale={{ emptyText: t('noEvidence') }}
          renderItem={(e) => (
            <List.Item style={{ display: 'flex', alignItems: 'flex-start', gap: 12 }}>
              <div style={{ flex: 'none', width: 48 }}>{preview(e)}</div>
              <div style={{ flex: 1, minWidth: 0 }}>
                <a href={fileUrl(e)} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>
                  {e.fileName}
                </a>
                {e.note ? (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {e.note}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[measureOf(e), e.effectiveOn, formatBytes(e.sizeBytes), e.uploader ?? '—']
                    .filter((x) => x !== '—')
                    .join(' · ')}
                </Typography.Text>
                <div style={{ marginTop: 4 }}>{actions(e)}</div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Evidence>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={item.evidence}
          locale={{ emptyText: t('noEvidence') }}
          scroll={{ x: anyRemovable ? 1130 : 960 }}
          columns={[
            {
              key: 'preview',
              title: t('preview'),
              width: 76,
              render: (_, e) => preview(e),
            },
            {
              key: 'file',
              title: t('fileName'),
              render: (_, e) => (
                <Space orientation="vertical" size={0}>
                  <a href={fileUrl(e)} target="_blank" rel="noreferrer">
                    {e.fileName}
                  </a>
                  {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              key: 'measure',
              title: t('linkedMeasure'),
              width: 90,
              render: (_, e) => measureOf(e),
            },
            { key: 'effective', title: t('effectiveOn'), dataIndex: 'effectiveOn', width: 110 },
            { key: 'size', title: t('size'), width: 90, render: (_, e) => formatBytes(e.sizeBytes) },
            { key: 'uploader', title: t('uploader'), width: 100, render: (_, e) => e.uploader ?? '—' },
            { key: 'uploaded', title: t('uploadedAt'), width: 150, render: (_, e) => formatTime(e.uploadedAt) },
            ...(anyRemovable
              ? [
                  {
                    key: 'actions',
                    title: t('actions'),
                    width: 170,
                    // Kept in view: the table scrolls sideways on narrow screens and the buttons must not scroll away.
                    fixed: 'right' as const,
                    render: (_: unknown, e: Evidence) => actions(e),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={pdf !== null}
        title={pdf ? t('previewOf', { name: pdf.fileName }) : ''}
        footer={null}
        width="min(1100px, 92vw)"
        onCancel={() => setPdf(null)}
        destroyOnHidden
      >
        {pdf && isConverted(pdf) ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('previewConverted')}
            <a href={fileUrl(pdf)} download>
              {pdf.fileName}
            </a>
          </Typography.Paragraph>
        ) : null}
        {pdf ? (
          <iframe
            title={t('previewOf', { name: pdf.fileName })}
            src={isConverted(pdf) ? evidencePreviewUrl(pdf.id) : fileUrl(pdf)}
            style={{ width: '100%', height: '72vh', border: '1px solid #f0f0f0' }}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
