import { Button, Space, Spin, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { apiResponse, download, query } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';
import { DOWNLOAD_FORMATS, type DocumentKind, type DownloadFormat } from './types.ts';

export function documentUrl(inspectionId: number, kind: DocumentKind, format: DownloadFormat, publicVersion: boolean) {
  return `/api/inspections/${inspectionId}/documents/${kind}${query({
    format,
    public: kind === 'notice' ? publicVersion : undefined,
  })}`;
}

/**
 * The generated page is set for A4 at 16pt; scaled down in the narrower pane so a reader sees whole paragraphs. Only the
 * preview is scaled: the downloads are the server's files untouched.
 */
function scaledForPane(html: string): string {
  const style = '<style>html { zoom: 0.8; }</style>';
  return html.includes('</head>') ? html.replace('</head>', `${style}</head>`) : `${style}${html}`;
}

/** Waits for a quiet moment before asking the server again, so several quick saves cost one generation. */
const REFRESH_DELAY_MS = 400;

/**
 * The server's HTML rendering of the saved document, in a sandboxed frame: it is the same generator the downloads use,
 * so what is seen is what will be sent, and the unit's typed text can run nothing.
 */
export function DocumentPreview({
  inspectionId,
  kind,
  publicVersion,
  refreshKey,
}: {
  inspectionId: number;
  kind: DocumentKind;
  publicVersion: boolean;
  refreshKey: number;
}) {
  const t = useT(documentMessages);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const url = documentUrl(inspectionId, kind, 'html', publicVersion);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is how a save asks for the same document again
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      apiResponse(url, { signal: controller.signal })
        .then((response) => response.text())
        .then((text) => {
          setHtml(text);
          setError(null);
        })
        .catch((e) => {
          if ((e as Error).name !== 'AbortError') setError(e);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, REFRESH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, refreshKey]);

  return (
    <div>
      <ErrorAlert error={error} />
      <Spin spinning={loading} description={t('preview')}>
        <iframe
          title={t('previewFrame')}
          sandbox=""
          srcDoc={html === null ? '' : scaledForPane(html)}
          style={{
            width: '100%',
            height: 'calc(100vh - 360px)',
            minHeight: 380,
            border: '1px solid #d9d9d9',
            borderRadius: 4,
            background: '#fff',
          }}
        />
      </Spin>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, fontSize: 12 }}>
        {t('previewNote')}
      </Typography.Paragraph>
    </div>
  );
}

export function PublicSwitch({ value, onChange }: { value: boolean; onChange: (value: boolean) => void }) {
  const t = useT(documentMessages);
  return (
    <Tooltip title={t('publicSwitch')}>
      <Switch
        checked={value}
        onChange={onChange}
        aria-label={t('publicSwitch')}
        checkedChildren={t('publicVersion')}
        unCheckedChildren={t('internalVersion')}
      />
    </Tooltip>
  );
}

/** .docx / .md / .html / .txt under the server's Chinese file name. */
export function DownloadButtons({
  inspectionId,
  kind,
  publicVersion,
}: {
  inspectionId: number;
  kind: DocumentKind;
  publicVersion: boolean;
}) {
  const t = useT(documentMessages);
  const [busy, setBusy] = useState<DownloadFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fetchFile = async (format: DownloadFormat) => {
    setBusy(format);
    setError(null);
    try {
      await download(documentUrl(inspectionId, kind, format, publicVersion), `${kind}-${inspectionId}.${format}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div>
      <Space wrap aria-label={t('downloads')} role="group">
        <Typography.Text>{t('downloads')}</Typography.Text>
        {DOWNLOAD_FORMATS.map((format) => (
          <Button
            key={format}
            size="small"
            type={format === 'docx' ? 'primary' : 'default'}
            loading={busy === format}
            onClick={() => fetchFile(format)}
          >
            .{format}
          </Button>
        ))}
      </Space>
      <ErrorAlert error={error} />
    </div>
  );
}
