import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';

export function NotFoundPage() {
  const c = useT(common);
  return (
    <Result
      status="404"
      title="404"
      subTitle={c('notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{c('back')}</Button>
        </Link>
      }
    />
  );
}
