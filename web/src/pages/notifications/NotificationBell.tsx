import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { notificationMessages } from './messages.ts';

/** Fired by the notifications page after marking read, so the bell does not wait for its next poll. */
export const NOTIFICATIONS_CHANGED = 'rectify:notifications-changed';
const POLL_MS = 60_000;

/** The header's bell: the unread count, polled every minute and whenever the window regains focus. */
export function NotificationBell() {
  const t = useT(notificationMessages);
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);

  const refresh = useCallback(() => {
    api<{ unread: number }>('/api/notifications/unread-count')
      .then((r) => setUnread(r.unread))
      // A missed poll is not worth interrupting anyone for; the next one tries again.
      .catch(() => {});
  }, []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    window.addEventListener('focus', refresh);
    window.addEventListener(NOTIFICATIONS_CHANGED, refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      window.removeEventListener(NOTIFICATIONS_CHANGED, refresh);
    };
  }, [refresh]);

  return (
    <Badge count={unread} overflowCount={99} size="small">
      <Button
        type="text"
        shape="circle"
        icon={<BellOutlined style={{ fontSize: 18 }} />}
        aria-label={t('bell', { n: unread })}
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
