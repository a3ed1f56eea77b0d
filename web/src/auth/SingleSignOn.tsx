import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { OIDC_START_PATH, SECOND_FACTOR_PARAM, SIGN_IN_ERROR_PARAM, useSignInMethods } from '../api/queries/auth.ts';
import { refusalText } from '../i18n/errors.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { authMessages } from './messages.ts';

/**
 * What the single sign-on callback brought back in the address: a refusal's code (`?signInError=<code>`), or the
 * second-factor challenge of an account with its own second factor (`#secondFactor=<challenge>`, in the fragment so
 * it never reaches a log or a Referer).
 */
const fromAddress = {
  signInError: () => new URLSearchParams(window.location.search).get(SIGN_IN_ERROR_PARAM),
  secondFactor: () => new URLSearchParams(window.location.hash.slice(1)).get(SECOND_FACTOR_PARAM),
};

/**
 * Reads one of them when the page mounts and takes it off the address afterwards, so a reload, a bookmark or the next
 * sign-in page (after signing out) does not show it again. Read in the initialiser and removed in an effect: React may
 * run an initialiser twice, and a second read must still see it.
 */
export function useTakenFromAddress(which: keyof typeof fromAddress): string | null {
  const [value] = useState(fromAddress[which]);
  useEffect(() => {
    if (value === null) return;
    const url = new URL(window.location.href);
    if (which === 'signInError') url.searchParams.delete(SIGN_IN_ERROR_PARAM);
    else url.hash = '';
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }, [value, which]);
  return value;
}

/** Why the last single sign-on came back refused, in the reader's language, above the form. */
export function SingleSignOnError() {
  const t = useT(authMessages);
  const { lang } = useLang();
  const code = useTakenFromAddress('signInError');
  if (!code) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('ssoFailed')}
      description={refusalText({ code, message: code }, lang)}
    />
  );
}

/** The 统一身份认证登录 button, shown only when the server has a provider configured. */
export function SingleSignOnButton() {
  const t = useT(authMessages);
  const methods = useSignInMethods();
  const oidc = methods.data?.oidc;
  if (!oidc) return null;
  return (
    <>
      <Divider plain style={{ margin: '16px 0' }}>
        {t('orDivider')}
      </Divider>
      <Button block size="large" icon={<SafetyCertificateOutlined />} href={OIDC_START_PATH}>
        {oidc.buttonLabel}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('ssoHint')}
      </Typography.Paragraph>
    </>
  );
}
