import { App } from 'antd';
import { useCallback, useState } from 'react';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';

/** Runs a write, says so when it is done, and keeps its failure for SaveErrorAlert; the form stays as typed. */
export function useSave() {
  const c = useT(common);
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const run = useCallback(
    async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
      setSaving(true);
      setError(null);
      try {
        await work();
        message.success(done ?? c('saved'));
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setSaving(false);
      }
    },
    [c, message],
  );
  return { run, saving, error, clearError: () => setError(null) };
}
