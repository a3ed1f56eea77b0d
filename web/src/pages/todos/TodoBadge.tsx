import { CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useTodos } from '../../api/queries/todos.ts';
import { useT } from '../../i18n/index.tsx';
import { todoMessages } from './messages.ts';

/** The header's 待办 count beside the bell: what waits for the user now, from the state, whatever was read. */
export function TodoBadge() {
  const t = useT(todoMessages);
  const navigate = useNavigate();
  // Like the bell, a missed poll keeps the last count; the next one tries again.
  const total = useTodos(0).data?.total ?? 0;
  return (
    <Badge count={total} overflowCount={99} size="small" color="#fa8c16">
      <Button
        type="text"
        icon={<CheckSquareOutlined style={{ fontSize: 17 }} />}
        aria-label={t('badge', { n: total })}
        onClick={() => navigate('/')}
      >
        <span className="todo-badge-label">{t('title')}</span>
      </Button>
    </Badge>
  );
}
