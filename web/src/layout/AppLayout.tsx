import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DownOutlined,
  ExclamationCircleFilled,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SearchOutlined,
  SettingOutlined,
  SwapOutlined,
  TableOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { Suspense, startTransition, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTwoFactorStatus } from '../api/queries/twoFactor.ts';
import { ForcedEnrolment } from '../auth/ForcedEnrolment.tsx';
import { twoFactorMessages } from '../auth/messages.ts';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';
import { NotificationBell } from '../pages/notifications/NotificationBell.tsx';
import { TodoBadge } from '../pages/todos/TodoBadge.tsx';
import { HeaderSearch } from './HeaderSearch.tsx';
import { layoutMessages } from './messages.ts';
import { useScreens } from './screens.ts';

export function AppLayout() {
  const t = useT(layoutMessages);
  const c = useT(common);
  const { user, abilities: can, demo, signOut } = useSession();
  const screens = useScreens();
  const menuShown = useMenuAfterFirstPaint(screens.lg === true);
  const navigate = useNavigate();
  const location = useLocation();
  const tf = useT(twoFactorMessages);
  // A role that must use two-factor sign-in and has not set it up sees only the enrolment (the server allows nothing else).
  const twoFactor = useTwoFactorStatus();

  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: t('home') },
    { key: '/ledger', icon: <TableOutlined />, label: t('ledger') },
    // Issue 16: on a phone the header has no room for the search box; the menu leads to the search page.
    { key: '/search', icon: <SearchOutlined />, label: t('search') },
    can.enterFeedback && { key: '/feedback', icon: <FormOutlined />, label: t('feedback') },
    can.writeDocuments && { key: '/documents', icon: <FileTextOutlined />, label: t('documents') },
    can.exchangeLedgers && { key: '/exchange', icon: <SwapOutlined />, label: t('exchange') },
    can.publish && {
      key: '/publications',
      icon: <NotificationOutlined />,
      label: t('publications'),
    },
    can.seeSupervision && { key: '/supervision', icon: <FlagOutlined />, label: t('supervision') },
    can.seeClues && { key: '/clues', icon: <AlertOutlined />, label: t('clues') },
    can.seeRecurrence && {
      key: '/recurrence',
      icon: <ApartmentOutlined />,
      label: t('recurrence'),
    },
    // 三员分立: each administrator sees its own part; the office and the trial's admin see rounds and inspections too.
    // A unit administrator's one setting, its unit's robots, stands alone rather than as a 系统管理 of one entry.
    !(can.administer || can.seeAccounts) &&
      can.configureUnitChannels && { key: '/admin/channels', icon: <SettingOutlined />, label: t('unitChannels') },
    (can.administer || can.seeAccounts) && {
      key: 'admin',
      icon: <SettingOutlined />,
      label: t('admin'),
      children: [
        can.administer && { key: '/admin/rounds', label: t('rounds') },
        can.administer && { key: '/admin/inspections', label: t('inspections') },
        (can.administer || can.manageUsers) && { key: '/admin/units', label: t('units') },
        can.seeAccounts && { key: '/admin/users', label: t('users') },
        can.secureAccounts && { key: '/admin/security', label: t('security') },
        can.configureUnitChannels && { key: '/admin/channels', label: t('unitChannels') },
      ].filter(Boolean),
    },
    can.readAuditLog && { key: '/admin/audit', icon: <SafetyCertificateOutlined />, label: t('auditTrail') },
  ].filter(Boolean) as MenuProps['items'];

  const selected = location.pathname.startsWith('/items/')
    ? '/ledger'
    : location.pathname.startsWith('/account/')
      ? ''
      : ([
          '/admin/rounds',
          '/admin/inspections',
          '/admin/units',
          '/admin/users',
          '/admin/security',
          '/admin/channels',
          '/admin/audit',
          '/ledger',
          '/feedback',
          '/documents',
          '/exchange',
          '/publications',
          '/supervision',
          '/recurrence',
          '/clues',
          '/notifications',
          '/search',
        ].find((k) => location.pathname.startsWith(k)) ?? '/');

  const accountMenu: MenuProps = {
    items: [
      { key: 'profile', icon: <UserOutlined />, label: t('profile') },
      { key: 'password', icon: <AuditOutlined />, label: t('changePassword') },
      { key: 'security', icon: <SafetyOutlined />, label: tf('menuEntry') },
      { key: 'signout', label: t('signOut') },
    ],
    onClick: ({ key }) =>
      key === 'profile'
        ? navigate('/account/profile')
        : key === 'password'
          ? navigate('/account/password')
          : key === 'security'
            ? navigate('/account/security')
            : void signOut(),
  };

  if (twoFactor.isPending) return <PageLoading />;
  if (twoFactor.data?.enrolmentRequired) return <ForcedEnrolment />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <Layout.Sider
        width={208}
        breakpoint="lg"
        collapsedWidth={0}
        // Below lg the menu folds into a trigger; it sits in the header's empty start, not over the page's title.
        zeroWidthTriggerStyle={{ top: 12 }}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 15, lineHeight: 1.4 }}>{c('appName')}</div>
        <nav aria-label={t('menu')}>
          {menuShown && (
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              defaultOpenKeys={selected.startsWith('/admin') ? ['admin'] : []}
              items={items}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 'none' }}
            />
          )}
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            padding: screens.lg ? '0 24px' : '0 16px 0 56px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 16,
          }}
        >
          {screens.md !== false && <HeaderSearch />}
          <TodoBadge />
          <NotificationBell />
          <LanguageSwitch />
          <Dropdown menu={accountMenu} trigger={['click']}>
            <Button type="text" aria-label={t('account')}>
              <Space>
                <span>{user.displayName}</span>
                <Typography.Text type="secondary" className="header-account-detail">
                  {user.unitName} · {t(`role_${user.role}`)}
                </Typography.Text>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        {demo && (
          // antd's warning banner (Alert banner) as plain elements with the same look: it is on every first screen,
          // and the Alert's runtime styles were a part of a phone's first render (issue 14). A standing notice, not
          // news: neither an alert nor a live status that screen readers announce on every page.
          <div role="note" className="demo-banner">
            <ExclamationCircleFilled className="demo-banner-icon" />
            <div className="demo-banner-body">
              <strong>{t('demoBanner')}</strong> {t('demoBannerBody')}
            </div>
          </div>
        )}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * Below lg the sider starts folded, so its menu is not on the first screen: there it is drawn just after the first paint
 * rather than in it (antd's Menu and its styles are a good part of a phone's first render, issue 14). The fold-out
 * button is there from the start, and the menu long before a finger can reach it.
 */
function useMenuAfterFirstPaint(visible: boolean) {
  const [shown, setShown] = useState(visible);
  useEffect(() => {
    if (shown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [shown]);
  return shown || visible;
}
