import { Alert } from 'antd';
import { useUnits } from '../../api/queries/units.ts';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';

/**
 * A save refused because someone else saved first, with "load the latest version" beside the user's own entries; once
 * loaded, says that the entries are still there to check and save again.
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
  const t = useT(itemMessages);
  if (reloaded)
    return <Alert type="info" showIcon role="status" title={t('latestLoaded')} style={{ marginBottom: 16 }} />;
  return <SaveErrorAlert error={error} onReload={onReloadLatest} reloadLabel={t('reloadLatest')} />;
}

/** The fields whose value differs from the version the form was opened at: only they go into the PATCH. */
export function changedFields<T extends object>(values: T, before: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => before[k as keyof T] !== v)) as Partial<T>;
}

/** The departments of the inspected unit (the units under it in the tree), for choosing owners. */
export function useDepartments(unitId: number, enabled: boolean) {
  const { data } = useUnits({}, enabled);
  const marker = `/${unitId}/`;
  return (data?.units ?? []).filter((u) => u.id !== unitId && u.path.includes(marker));
}
