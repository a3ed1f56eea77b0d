import { Alert, Button, Space } from 'antd';
import { ApiError } from '../api/client.ts';
import { common } from '../i18n/common.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';
import { saveMessages } from './messages.ts';

/** A write refused because someone else saved the record first (409). */
export const isStale = (error: unknown) => error instanceof ApiError && error.code === 'stale_version';

/**
 * A save's error. A stale version says in plain words what happened and that the entries are kept, with the server's
 * own account beneath and the page's way of fetching the latest data; anything else goes through ErrorAlert.
 */
export function SaveErrorAlert({
  error,
  onReload,
  reloadLabel,
}: {
  error: unknown;
  onReload?: () => void;
  /** The button's words where the page's reload does more than fetch the data again. */
  reloadLabel?: string;
}) {
  const { lang } = useLang();
  const c = useT(common);
  const t = useT(saveMessages);
  if (!error) return null;
  if (!isStale(error)) return <ErrorAlert error={error} />;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('staleTitle')}
      description={
        <Space orientation="vertical" size={4}>
          <span>{c('stale')}</span>
          <span style={{ color: 'rgba(0,0,0,0.55)' }}>{errorText(error, lang)}</span>
        </Space>
      }
      action={
        onReload && (
          <Button size="small" onClick={onReload}>
            {reloadLabel ?? t('reloadData')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
