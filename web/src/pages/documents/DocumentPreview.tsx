import { Button, Space, Spin, Switch, Tooltip, Typography } from 'antd';
import {
  type DocumentFormat,
  type DocumentKind,
  useDocumentHtml,
  useDownloadDocument,
} from '../../api/queries/notices.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';

/** The files offered for download, the one to send first. */
const DOWNLOAD_FORMATS: DocumentFormat[] = ['docx', 'ofd', 'md', 'html', 'txt'];

/**
 * The generated page is set for A4 at 16pt; scaled down in the narrower pane so a reader sees whole paragraphs. Only the
 * preview is scaled: the downloads are the server's files untouched.
 */
function scaledForPane(html: string): string {
  const style = '<style>html { zoom: 0.8; }</style>';
  return html.includes('</head>') ? html.replace('</head>', `${style}</head>`) : `${style}${html}`;
}

/**
 * The server's HTML rendering of the saved document, in a sandboxed frame: it is the same generator the downloads use,
 * so what is seen is what will be sent, and the unit's typed text can run nothing.
 */
export function DocumentPreview({
  inspectionId,
  kind,
  publicVersion,
}: {
  inspectionId: number;
  kind: DocumentKind;
  publicVersion: boolean;
}) {
  const t = useT(documentMessages);
  const { data: html, error, isFetching } = useDocumentHtml(inspectionId, kind, publicVersion);

  return (
    <div>
      <ErrorAlert error={error} />
      <Spin spinning={isFetching} description={t('preview')}>
        <iframe
          title={t('previewFrame')}
          sandbox=""
          srcDoc={html === undefined ? '' : scaledForPane(html)}
          style={{
            width: '100%',
            // Beside the form it fills the window less the download bar and the note under it.
            height: 'calc(100vh - 110px)',
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
  const fetching = useDownloadDocument();
  const busy = fetching.isPending ? fetching.variables.format : null;
  const fetchFile = (format: DocumentFormat) => fetching.mutate({ inspectionId, kind, format, publicVersion });
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
      <ErrorAlert error={fetching.error} />
    </div>
  );
}
