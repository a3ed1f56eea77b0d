import { useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Spin, Typography } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, onSessionExpired, setCsrfToken } from '../api/client.ts';
import { signOut as endSession, fetchSession, type Session, type SessionUser } from '../api/queries/auth.ts';
import { useT } from '../i18n/index.tsx';
import { LoginForm } from './LoginForm.tsx';
import { authMessages } from './messages.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { SingleSignOnButton } from './SingleSignOn.tsx';

interface SessionValue {
  user: SessionUser;
  /** What the server offers this user; the menu and the pages show what it says yes to. */
  abilities: Session['abilities'];
  /** Demo accounts with the published password exist: every page says so. */
  demo: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

let asked: Promise<Session | null> | null = null;

/**
 * Who is signed in (null: nobody), asked once as the app starts: main.tsx waits for it before the first render, so a
 * signed-in user's first screen is the app rather than a spinner, and index.html has the browser ask for it while the
 * scripts still download (a preload the same request takes up).
 */
export function startSession(): Promise<Session | null> {
  asked ??= fetchSession().catch((e) => {
    if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
    return null;
  });
  return asked;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * Holds the signed-in user. Before sign-in it shows the sign-in page; when a session expires mid-work it shows a
 * sign-in dialog over the page instead, so nothing typed is lost, and the call that failed is repeated afterwards.
 */
export function SessionProvider({
  children,
  signInPage,
  initial,
}: {
  children: ReactNode;
  signInPage: (onSignedIn: (s: Session) => void) => ReactNode;
  /** The answer of startSession() when it came before the first render; undefined asks it after. */
  initial?: Session | null;
}) {
  const t = useT(authMessages);
  const [session, setSession] = useState<Session | null | undefined>(() => {
    if (initial) setCsrfToken(initial.csrfToken);
    return initial;
  });
  const [expired, setExpired] = useState(false);
  const waiting = useRef<(() => void)[]>([]);
  const queryClient = useQueryClient();

  const accept = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
  }, []);

  const known = useRef(initial !== undefined);
  useEffect(() => {
    if (known.current) return;
    void startSession().then((s) => (s ? accept(s) : setSession(null)));
  }, [accept]);

  useEffect(() => {
    onSessionExpired(
      () =>
        new Promise<void>((resolve) => {
          waiting.current.push(resolve);
          setExpired(true);
        }),
    );
    return () => onSessionExpired(null);
  }, []);

  const signOut = useCallback(async () => {
    await endSession().catch(() => {});
    setCsrfToken(null);
    // The next person to sign in on this browser must not see the last one's data, not even for a moment.
    queryClient.clear();
    setSession(null);
  }, [queryClient]);

  const value = useMemo(
    () => (session ? { user: session.user, abilities: session.abilities, demo: session.demo, signOut } : null),
    [session, signOut],
  );

  if (session === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (session === null || !value) return <>{signInPage(accept)}</>;
  // The server answers nothing else until the password is changed, so the app shows nothing else either.
  if (session.mustChangePassword) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16 }}>
        <div style={{ width: '100%', maxWidth: 480 }}>
          <PasswordForm forced onChanged={() => void fetchSession().then(accept)} />
          <Button type="link" onClick={() => void signOut()} style={{ marginTop: 8 }}>
            {t('signOut')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <SessionContext.Provider value={value}>
      {children}
      <Modal
        open={expired}
        title={t('expiredTitle')}
        footer={null}
        closable={false}
        mask={{ closable: false }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('expiredText')}</Typography.Paragraph>
        <LoginForm
          username={session.user.username}
          onSignedIn={(s) => {
            accept(s);
            setExpired(false);
            for (const resolve of waiting.current.splice(0)) resolve();
          }}
        />
        {/* A directory-managed account has no password to type: its way back is the provider (the page reloads). */}
        <SingleSignOnButton />
      </Modal>
    </SessionContext.Provider>
  );
}
