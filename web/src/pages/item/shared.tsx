import { Alert, Button, Space } from 'antd';
import { ApiError } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { useApi } from '../../components/useApi.ts';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';

export const isStale = (error: unknown) => error instanceof ApiError && error.code === 'stale_version';

/**
 * A save refused because someone else saved first: says so in both senses (what happened, that the entries are kept),
 * and offers to load the latest version beside the user's own entries.
 */
export function SaveError({
  error,
  onReloadLatest,
  reloaded,
}: {
  error: unknown;
  onReloadLatest: () => void;
  reloaded: boolean;
}) {
  const { lang } = useLang();
  const c = useT(common);
  const t = useT(itemMessages);
  if (!error && !reloaded) return null;
  if (reloaded)
    return <Alert type="info" showIcon role="status" title={t('latestLoaded')} style={{ marginBottom: 16 }} />;
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
        <Button size="small" onClick={onReloadLatest}>
          {t('reloadLatest')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** The departments of the inspected unit (the units under it in the tree), for choosing owners. */
export function useDepartments(unitId: number, enabled: boolean) {
  const { data } = useApi<{ units: Unit[] }>(enabled ? '/api/units' : null);
  const marker = `/${unitId}/`;
  return (data?.units ?? []).filter((u) => u.id !== unitId && u.path.includes(marker));
}
