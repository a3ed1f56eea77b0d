import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../../api/queries/notifications.ts';
import { useT } from '../../i18n/index.tsx';
import { notificationMessages } from './messages.ts';

/** The header's bell: the unread count, polled every minute, whenever the window regains focus and after reading. */
export function NotificationBell() {
  const t = useT(notificationMessages);
  const navigate = useNavigate();
  // A missed poll is not worth interrupting anyone for: the count stays as it was and the next poll tries again.
  const unread = useUnreadCount().data?.unread ?? 0;

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
