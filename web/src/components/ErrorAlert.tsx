import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import { common } from '../i18n/common.ts';
import { refusalText } from '../i18n/errors.ts';
import { type Lang, useLang, useT } from '../i18n/index.tsx';

/** An API error in words the user can act on: its code's words in the reader's language, never a stack. */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return refusalText(error, lang);
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { lang } = useLang();
  const c = useT(common);
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const title = status === 404 ? c('notFound') : status === 403 ? c('forbidden') : c('errorTitle');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={errorText(error, lang)}
      action={
        onRetry && (
          <Button size="small" onClick={() => onRetry()}>
            {c('retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
