import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import type { Session } from './api/queries/auth.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { SessionProvider } from './auth/session.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
// Small: the switch to each role's home, which is its own chunk (main.tsx asks for it as the app starts).
import HomePage from './pages/home/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Each page is its own chunk, so the first load carries only the shell; charts and editors come with their pages.
const LedgerPage = lazy(() => import('./pages/ledger/LedgerPage.tsx'));
const ItemPage = lazy(() => import('./pages/item/ItemPage.tsx'));
const FeedbackPage = lazy(() => import('./pages/feedback/FeedbackPage.tsx'));
const DocumentsPage = lazy(() => import('./pages/documents/DocumentsPage.tsx'));
const ExchangePage = lazy(() => import('./pages/exchange/ExchangePage.tsx'));
const RoundsPage = lazy(() => import('./pages/admin/RoundsPage.tsx'));
const InspectionsPage = lazy(() => import('./pages/admin/InspectionsPage.tsx'));
const UnitsPage = lazy(() => import('./pages/admin/UnitsPage.tsx'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx'));
const SecuritySettingsPage = lazy(() => import('./pages/admin/SecurityPage.tsx'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.tsx'));
const PasswordPage = lazy(() => import('./auth/PasswordPage.tsx'));
const AccountSecurityPage = lazy(() => import('./auth/SecurityPage.tsx'));
const PublicationsPage = lazy(() => import('./pages/publications/PublicationsPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage.tsx'));
const SupervisionPage = lazy(() => import('./pages/supervision/SupervisionPage.tsx'));
const RecurrencePage = lazy(() => import('./pages/recurrence/RecurrencePage.tsx'));
const ProfilePage = lazy(() => import('./pages/channels/ProfilePage.tsx'));
const UnitChannelsPage = lazy(() => import('./pages/channels/UnitChannelsPage.tsx'));
const RoundSummaryPage = lazy(() => import('./pages/round-summary/RoundSummaryPage.tsx'));
const CluesPage = lazy(() => import('./pages/clues/CluesPage.tsx'));
const CommentPage = lazy(() => import('./pages/comments/CommentPage.tsx'));
const SearchPage = lazy(() => import('./pages/search/SearchPage.tsx'));

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/ledger', element: <LedgerPage /> },
      { path: '/items/:id', element: <ItemPage /> },
      { path: '/feedback', element: <FeedbackPage /> },
      { path: '/documents', element: <DocumentsPage /> },
      { path: '/exchange', element: <ExchangePage /> },
      { path: '/admin/rounds', element: <RoundsPage /> },
      { path: '/admin/inspections', element: <InspectionsPage /> },
      { path: '/admin/units', element: <UnitsPage /> },
      { path: '/admin/users', element: <UsersPage /> },
      { path: '/admin/security', element: <SecuritySettingsPage /> },
      { path: '/admin/audit', element: <AuditPage /> },
      { path: '/account/password', element: <PasswordPage /> },
      { path: '/account/security', element: <AccountSecurityPage /> },
      { path: '/publications', element: <PublicationsPage /> },
      { path: '/notifications', element: <NotificationsPage /> },
      { path: '/supervision', element: <SupervisionPage /> },
      { path: '/recurrence', element: <RecurrencePage /> },
      { path: '/account/profile', element: <ProfilePage /> },
      { path: '/admin/channels', element: <UnitChannelsPage /> },
      { path: '/rounds/:id/summary', element: <RoundSummaryPage /> },
      { path: '/clues', element: <CluesPage /> },
      { path: '/comments/:id', element: <CommentPage /> },
      // Issue 16.
      { path: '/search', element: <SearchPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App({ session }: { session?: Session | null }) {
  return (
    <SessionProvider initial={session} signInPage={(onSignedIn) => <LoginPage onSignedIn={onSignedIn} />}>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
