import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import type { Session } from './api/queries/auth.ts';
import { unreadCountQuery } from './api/queries/notifications.ts';
import { todosQuery } from './api/queries/todos.ts';
import { twoFactorStatusQuery } from './api/queries/twoFactor.ts';
import { queryClient } from './api/queryClient.ts';
import { startSession } from './auth/session.tsx';
import { LangProvider, useLang } from './i18n/index.tsx';
import { loadRoleHome } from './pages/home/HomePage.tsx';
import { prefetchHome } from './pages/home/prefetch.ts';
import './styles.css';

function Localised({ session }: { session: Session | null }) {
  const { lang } = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <App session={session} />
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * Before the first render: who is signed in (index.html had the browser ask while these scripts downloaded), then, all
 * at once, what the first screen shows — the two-factor status the layout waits on, the header's counts, and on the
 * home its code and first data. The render waits for the status and the home's code, so the first screen is the app,
 * not spinners that each wait for their own request after the previous render.
 */
async function start(root: HTMLElement) {
  const session = await startSession();
  if (session && !session.mustChangePassword) {
    const home = window.location.pathname === '/' ? loadRoleHome(session.user.role).catch(() => {}) : undefined;
    // A role that must first set up two-factor sign-in is refused everything else: ask for the rest only after.
    const rest = queryClient
      .fetchQuery({ ...twoFactorStatusQuery, retry: false })
      .catch(() => undefined)
      .then((status) => {
        if (status?.enrolmentRequired) return;
        void queryClient.prefetchQuery(todosQuery(0));
        void queryClient.prefetchQuery(unreadCountQuery);
        if (home) prefetchHome(queryClient, session.user);
      });
    // The home's code too, which downloads meanwhile: then the first render is the whole first screen. A slow network
    // gets the app after a few seconds anyway, and the pages wait for what is missing as they always have.
    await Promise.race([Promise.all([rest, home]), new Promise((resolve) => setTimeout(resolve, 4000))]);
  }
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LangProvider>
          <Localised session={session} />
        </LangProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) void start(root);
