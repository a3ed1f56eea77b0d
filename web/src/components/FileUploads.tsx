/**
 * Issue 14: evidence uploads as one piece of code for the item page and the home page's progress sheet. Several files
 * picked at once each get a row with their name, their own progress bar and their own error and 重试; one refusal does
 * not lose the others. Photos are shrunk in the browser first (uploads.ts), and the row says by how much.
 */
import { CameraOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Progress, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { BodyOf } from '../api/client.ts';
import { type EvidenceFields, type EvidenceLimits, useAddProgress, useUploadEvidence } from '../api/queries/items.ts';
import { common } from '../i18n/common.ts';
import { defineMessages, useLang, useT } from '../i18n/index.tsx';
import { formatBytes } from '../pages/item/format.ts';
import { errorText } from './ErrorAlert.tsx';
import { prepareUpload } from './uploads.ts';

export const uploadMessages = defineMessages({
  uploads: ['上传列表', 'Uploads'],
  preparing: ['正在压缩…', 'Shrinking…'],
  ready: ['待上传', 'Ready to upload'],
  waiting: ['等待上传', 'Waiting'],
  uploading: ['正在上传 {name}', 'Uploading {name}'],
  done: ['已上传', 'Uploaded'],
  failed: ['上传失败', 'Upload failed'],
  refused: ['不能上传', 'Cannot be uploaded'],
  progressOf: ['{name} 上传进度', 'Upload progress of {name}'],
  retryOf: ['重试上传 {name}', 'Retry uploading {name}'],
  removeOf: ['移除 {name}', 'Remove {name}'],
  shrunk: ['{from} → {to}（已压缩）', '{from} → {to} (shrunk)'],
  addPhotos: ['拍照/添加照片', 'Take or add photos'],
  refusedType: ['不支持“{ext}”类型的文件，请上传 {types}', 'Files of type “{ext}” are not accepted; upload {types}'],
  tooLarge: ['“{name}”大小 {size}，超过 {max} 上限', '“{name}” is {size}, over the {max} limit'],
  filesLeft: [
    '进展已记录；以下文件未上传，可重试，或移除后点“提交”结束。',
    'Progress is recorded; the files below did not go up. Retry them, or remove them and tap Submit to finish.',
  ],
  photoNote: ['进展照片：{text}', 'Progress photo: {text}'],
});

export type UploadStatus = 'preparing' | 'ready' | 'refused' | 'waiting' | 'uploading' | 'done' | 'failed';

export interface UploadEntry {
  key: string;
  /** The name it goes up under (a shrunk photo's ends .jpg). */
  name: string;
  originalBytes: number;
  /** What goes up, once prepared. */
  bytes: number | null;
  status: UploadStatus;
  percent: number;
  /** A refusal before sending (words), or the server's or the network's error. */
  error: unknown;
}

/** Where a file goes: the item, with the fields it is filed under; `onUploaded` runs with the new evidence's id. */
export type UploadTarget =
  | {
      itemId: number;
      fields: EvidenceFields;
      onUploaded?: (evidenceId: number, name: string) => void;
    }
  | {
      /** Issue 15: elsewhere than an item's evidence (the files of an answer to a 督办 order), through this upload. */
      send: (file: File, onProgress: (percent: number) => void) => Promise<{ id: number }>;
      onUploaded?: (id: number, name: string) => void;
    };

let counter = 0;

/** The queue of one upload area: files are prepared at once, and sent one after another. */
export function useEvidenceUploads(limits: EvidenceLimits | undefined) {
  const t = useT(uploadMessages);
  const upload = useUploadEvidence();
  const [entries, setEntriesState] = useState<UploadEntry[]>([]);
  const current = useRef<UploadEntry[]>([]);
  const prepared = useRef(new Map<string, Promise<File | null>>());
  const targets = useRef(new Map<string, UploadTarget>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const setEntries = useCallback((next: (es: UploadEntry[]) => UploadEntry[]) => {
    current.current = next(current.current);
    setEntriesState(current.current);
  }, []);
  const patch = useCallback(
    (key: string, p: Partial<UploadEntry>) => setEntries((es) => es.map((e) => (e.key === key ? { ...e, ...p } : e))),
    [setEntries],
  );

  /** Refuses what the server would refuse, before any bytes leave the phone. */
  const refusal = (file: File): string | null => {
    if (!limits) return null;
    const types = limits.types.map((x) => x.toUpperCase()).join('、');
    const dot = file.name.lastIndexOf('.');
    const ext = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
    if (!limits.types.includes(ext)) return t('refusedType', { ext: ext ? `.${ext}` : file.name, types });
    if (file.size > limits.maxBytes)
      return t('tooLarge', { name: file.name, size: formatBytes(file.size), max: formatBytes(limits.maxBytes) });
    return null;
  };

  const runOne = async (key: string): Promise<boolean> => {
    const file = await prepared.current.get(key);
    const target = targets.current.get(key);
    if (!file || !target || !current.current.some((e) => e.key === key)) return false;
    patch(key, { status: 'uploading', percent: 0, error: null });
    try {
      const onProgress = (percent: number) => patch(key, { percent });
      const result =
        'send' in target
          ? await target.send(file, onProgress)
          : await upload.mutateAsync({ itemId: target.itemId, file, fields: target.fields, onProgress });
      patch(key, { status: 'done', percent: 100 });
      target.onUploaded?.(result.id, file.name);
      return true;
    } catch (error) {
      patch(key, { status: 'failed', error });
      return false;
    }
  };

  const enqueue = (key: string, target: UploadTarget): Promise<boolean> => {
    targets.current.set(key, target);
    // A file still being shrunk says so; it waits its turn once prepared.
    if (current.current.find((e) => e.key === key)?.status !== 'preparing')
      patch(key, { status: 'waiting', percent: 0, error: null });
    const run = queue.current.then(() => runOne(key));
    queue.current = run;
    return run;
  };

  /** Adds picked files: each is prepared (a photo shrunk) at once, and sent at once when a target is given. */
  const add = (files: File[], target?: UploadTarget): Promise<boolean[]> => {
    const runs: Promise<boolean>[] = [];
    for (const file of files) {
      counter += 1;
      const key = `upload-${counter}`;
      setEntries((es) => [
        ...es,
        {
          key,
          name: file.name,
          originalBytes: file.size,
          bytes: null,
          status: 'preparing',
          percent: 0,
          error: null,
        },
      ]);
      const ready = prepareUpload(file, limits?.types ?? null).then((p) => {
        const refused = refusal(p.file);
        if (refused) {
          patch(key, { status: 'refused', error: refused, name: p.file.name, bytes: p.file.size });
          return null;
        }
        patch(key, { name: p.file.name, bytes: p.file.size, status: targets.current.has(key) ? 'waiting' : 'ready' });
        return p.file;
      });
      prepared.current.set(key, ready);
      if (target) runs.push(enqueue(key, target));
    }
    return Promise.all(runs);
  };

  /** Sends every file not yet up (picked, or failed) to the target; true when all arrived. */
  const send = async (target: UploadTarget): Promise<boolean> => {
    const keys = current.current
      .filter((e) => e.status === 'ready' || e.status === 'preparing' || e.status === 'failed')
      .map((e) => e.key);
    const results = await Promise.all(keys.map((key) => enqueue(key, target)));
    return results.every(Boolean);
  };

  const retry = (key: string) => {
    const target = targets.current.get(key);
    return target ? enqueue(key, target) : Promise.resolve(false);
  };

  const remove = (key: string) => {
    prepared.current.delete(key);
    targets.current.delete(key);
    setEntries((es) => es.filter((e) => e.key !== key));
  };

  /** Drops the rows of files already up (their rows are in the evidence table by now). */
  const clearDone = () => setEntries((es) => es.filter((e) => e.status !== 'done'));

  const clear = () => {
    prepared.current.clear();
    targets.current.clear();
    setEntries(() => []);
  };

  // Sending, not shrinking: 提交 may be tapped while a photo is still being shrunk (the send waits for it).
  const busy = entries.some((e) => e.status === 'waiting' || e.status === 'uploading');
  const sendable = entries.filter((e) => e.status !== 'refused' && e.status !== 'done').length;
  return { entries, add, send, retry, remove, clear, clearDone, busy, sendable };
}

export type EvidenceUploads = ReturnType<typeof useEvidenceUploads>;

/** One row per file: its name, what shrinking saved, its own bar, and its own error with 重试 (or × to drop it). */
export function UploadList({ uploads }: { uploads: EvidenceUploads }) {
  const t = useT(uploadMessages);
  const c = useT(common);
  const { lang } = useLang();
  if (uploads.entries.length === 0) return null;
  return (
    <ul aria-label={t('uploads')} className="upload-list" style={{ listStyle: 'none', margin: '12px 0 0', padding: 0 }}>
      {uploads.entries.map((e) => {
        const shrunk = e.bytes !== null && e.bytes < e.originalBytes;
        const size = shrunk
          ? t('shrunk', { from: formatBytes(e.originalBytes), to: formatBytes(e.bytes ?? 0) })
          : formatBytes(e.bytes ?? e.originalBytes);
        const bad = e.status === 'failed' || e.status === 'refused';
        return (
          <li key={e.key} className="upload-entry" data-status={e.status} style={{ marginBottom: 8, minWidth: 0 }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
              <Typography.Text style={{ flex: '1 1 auto', minWidth: 0, overflowWrap: 'anywhere' }}>
                {e.name}
              </Typography.Text>
              {e.status === 'failed' ? (
                <Button
                  size="small"
                  icon={<ReloadOutlined />}
                  aria-label={t('retryOf', { name: e.name })}
                  onClick={() => void uploads.retry(e.key)}
                >
                  {c('retry')}
                </Button>
              ) : null}
              {e.status !== 'uploading' && e.status !== 'waiting' && e.status !== 'done' ? (
                <Button
                  size="small"
                  type="text"
                  icon={<CloseOutlined />}
                  aria-label={t('removeOf', { name: e.name })}
                  onClick={() => uploads.remove(e.key)}
                />
              ) : null}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(e.status, { name: e.name })} · <span className="upload-size">{size}</span>
            </Typography.Text>
            {e.status === 'refused' ? null : (
              <Progress
                percent={e.percent}
                size="small"
                status={e.status === 'failed' ? 'exception' : e.status === 'done' ? 'success' : 'active'}
                aria-label={t('progressOf', { name: e.name })}
              />
            )}
            {bad && e.error ? (
              <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12 }}>
                {typeof e.error === 'string' ? e.error : errorText(e.error, lang)}
              </Typography.Text>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The accept list for a file input: the server's extensions, and image/* so a phone offers its camera beside the gallery. */
export function acceptFor(limits: EvidenceLimits | undefined): string | undefined {
  if (!limits) return undefined;
  return [
    ...limits.types.map((x) => `.${x}`),
    ...(limits.types.some((x) => ['jpg', 'jpeg', 'png'].includes(x)) ? ['image/*'] : []),
  ].join(',');
}

/**
 * A button that opens the phone's picker (camera, gallery or files; several at once). No `capture` attribute: with it
 * Android opens the camera alone and the gallery's photos could not be chosen.
 */
export function AddFilesButton({
  limits,
  onFiles,
  disabled,
  label,
}: {
  limits: EvidenceLimits | undefined;
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  label?: string;
}) {
  const t = useT(uploadMessages);
  const input = useRef<HTMLInputElement>(null);
  const text = label ?? t('addPhotos');
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={acceptFor(limits)}
        aria-label={text}
        style={{ display: 'none' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <Button icon={<CameraOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
        {text}
      </Button>
    </>
  );
}

/**
 * A progress entry with photos, as the item page's form and the home page's sheet both record it: the entry is saved
 * first, then the picked files go up as the item's evidence of the entry's day (its measure, and its words as their
 * note), each with its bar. A file that fails keeps its row with 重试, and submitting again sends only the files left —
 * the entry is never saved twice. `submit` is true when all is done.
 */
export function useProgressWithPhotos(limits: EvidenceLimits | undefined) {
  const t = useT(uploadMessages);
  const uploads = useEvidenceUploads(limits);
  const record = useAddProgress();
  const [saved, setSaved] = useState<{ itemId: number; fields: EvidenceFields } | null>(null);

  const submit = async (itemId: number, body: BodyOf<'/api/items/{id}/progress'>): Promise<boolean> => {
    let entry = saved?.itemId === itemId ? saved : null;
    if (!entry) {
      try {
        await record.mutateAsync({ itemId, body });
      } catch {
        return false; // the refusal is in record.error, and the form keeps what was typed
      }
      const words = body.content.length > 120 ? `${body.content.slice(0, 120)}…` : body.content;
      entry = {
        itemId,
        fields: { effectiveOn: body.entryOn, note: t('photoNote', { text: words }), measureId: body.measureId ?? null },
      };
      setSaved(entry);
    }
    return uploads.sendable === 0 || uploads.send({ itemId, fields: entry.fields });
  };

  const reset = () => {
    uploads.clear();
    record.reset();
    setSaved(null);
  };

  const filesLeft = saved !== null && uploads.entries.some((e) => e.status === 'failed');
  return { uploads, record, saved: saved !== null, submit, reset, filesLeft, busy: record.isPending || uploads.busy };
}
