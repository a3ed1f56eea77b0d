import { DeleteOutlined, EyeOutlined, InboxOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Grid,
  Image,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { evidenceEditable } from '../../../../src/domain/workflow.ts';
import {
  type Evidence,
  evidenceFileUrl,
  type ItemDetail,
  useEvidenceLimits,
  useRemoveEvidence,
  useUploadEvidence,
} from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput } from '../../components/forms.tsx';
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

export function EvidenceCard({ item, canUpload }: { item: ItemDetail; canUpload: boolean }) {
  const t = useT(itemMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const limits = useEvidenceLimits(canUpload).data;
  const upload = useUploadEvidence();
  const remove = useRemoveEvidence();
  const [current, setCurrent] = useState<{ name: string; percent: number } | null>(null);
  const [pdf, setPdf] = useState<Evidence | null>(null);
  // Several files picked at once go up one after another, each with the fields as they stood when picked.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const numbers = measureLabels(item);
  const types = limits?.types.map((x) => x.toUpperCase()).join('、') ?? '';
  const maxSize = limits ? formatBytes(limits.maxBytes) : '';
  // Nobody drags files on a phone; there the zone is tapped, and image/* lets the phone offer its camera beside the gallery.
  const phone = Grid.useBreakpoint().md === false;
  const accept = limits
    ? [
        ...limits.types.map((x) => `.${x}`),
        ...(limits.types.some((x) => ['jpg', 'jpeg', 'png'].includes(x)) ? ['image/*'] : []),
      ].join(',')
    : undefined;

  /** Refuses what the server would refuse, before any bytes leave the machine. */
  const check = (file: File): string | null => {
    if (!limits) return null;
    const dot = file.name.lastIndexOf('.');
    const ext = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
    if (!limits.types.includes(ext)) return t('refusedType', { ext: ext ? `.${ext}` : file.name, types });
    if (file.size > limits.maxBytes)
      return t('tooLarge', { name: file.name, size: formatBytes(file.size), max: maxSize });
    return null;
  };

  /** Uploads one file with the fields above it; a refusal shows in the card and the drop zone takes the next file. */
  const send = (file: File, done: () => void, fields: Fields = form.getFieldsValue()) => {
    setCurrent({ name: file.name, percent: 0 });
    upload.mutate(
      {
        itemId: item.id,
        file,
        fields: {
          effectiveOn: (fields.effectiveOn ?? dayjs()).format('YYYY-MM-DD'),
          note: fields.note?.trim() || null,
          measureId: fields.measureId ?? null,
        },
        onProgress: (percent) => setCurrent({ name: file.name, percent }),
      },
      {
        onSuccess: () => {
          message.success(t('uploaded', { name: file.name }));
          form.setFieldValue('note', undefined);
        },
        onSettled: () => {
          setCurrent(null);
          done();
        },
      },
    );
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
    setCurrent({ name: file.name, percent: 0 });
    upload.mutate(
      {
        itemId: item.id,
        file,
        fields: { effectiveOn: old.effectiveOn, note: old.note, measureId: old.measureId },
        onProgress: (percent) => setCurrent({ name: file.name, percent }),
      },
      {
        onSuccess: () =>
          remove.mutate(
            { itemId: item.id, evidenceId: old.id },
            { onSuccess: () => message.success(t('replaced', { name: file.name })) },
          ),
        onSettled: () => setCurrent(null),
      },
    );
  };

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
          <ErrorAlert error={upload.error} />
          <Upload.Dragger
            multiple
            showUploadList={false}
            disabled={current !== null}
            accept={accept}
            beforeUpload={(file) => {
              const refusal = check(file);
              if (refusal) {
                upload.reset();
                message.error(refusal);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess }) => {
              const fields = form.getFieldsValue();
              queue.current = queue.current.then(
                () =>
                  new Promise<void>((resolve) =>
                    send(
                      file as File,
                      () => {
                        onSuccess?.(null);
                        resolve();
                      },
                      fields,
                    ),
                  ),
              );
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{phone ? t('tapToChoose') : t('dropHere')}</p>
            {limits ? <p className="ant-upload-hint">{t('dropHint', { types, size: maxSize })}</p> : null}
          </Upload.Dragger>
          {current ? (
            <div style={{ marginTop: 12 }} aria-live="polite">
              <Typography.Text>{t('uploading', { name: current.name })}</Typography.Text>
              <Progress percent={current.percent} status="active" aria-label={t('uploading', { name: current.name })} />
            </div>
          ) : null}
        </div>
      ) : null}
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
            render: (_, e) =>
              isImage(e) ? (
                <Image src={fileUrl(e)} alt={e.fileName} width={48} height={48} style={{ objectFit: 'cover' }} />
              ) : isPdf(e) ? (
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  aria-label={t('previewOf', { name: e.fileName })}
                  onClick={() => setPdf(e)}
                />
              ) : null,
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
            render: (_, e) =>
              e.measureId !== null && numbers.has(e.measureId)
                ? t('measureNo', { n: numbers.get(e.measureId) ?? '' })
                : '—',
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
                  render: (_: unknown, e: Evidence) =>
                    e.removable ? (
                      <Space size={4}>
                        <Upload
                          showUploadList={false}
                          multiple={false}
                          disabled={current !== null}
                          accept={limits?.types.map((x) => `.${x}`).join(',')}
                          beforeUpload={(file) => {
                            const refusal = check(file);
                            if (refusal) {
                              message.error(refusal);
                              return Upload.LIST_IGNORE;
                            }
                            return true;
                          }}
                          customRequest={({ file }) => replaceOne(e, file as File)}
                        >
                          <Button
                            size="small"
                            icon={<SwapOutlined />}
                            aria-label={t('replaceEvidenceOf', { name: e.fileName })}
                          >
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
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={pdf !== null}
        title={pdf ? t('previewOf', { name: pdf.fileName }) : ''}
        footer={null}
        width="min(1100px, 92vw)"
        onCancel={() => setPdf(null)}
        destroyOnHidden
      >
        {pdf ? (
          <iframe
            title={t('previewOf', { name: pdf.fileName })}
            src={fileUrl(pdf)}
            style={{ width: '100%', height: '72vh', border: '1px solid #f0f0f0' }}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
