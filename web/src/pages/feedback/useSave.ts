import { App } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/ErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';

/**
 * Runs a write and turns its failure into words: a stale version (409) gets the "someone else changed it" text and
 * leaves the form as typed; anything else shows the server's own message.
 */
export function useSave() {
  const { lang } = useLang();
  const c = useT(common);
  const { message } = App.useApp();
  const [error, setError] = useState<{ stale: boolean; text: string } | null>(null);
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
        const stale = e instanceof ApiError && e.status === 409;
        setError({ stale, text: stale ? c('stale') : errorText(e, lang) });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [c, lang, message],
  );
  return { run, saving, error, clearError: () => setError(null) };
}
