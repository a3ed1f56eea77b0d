import { Spin } from 'antd';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';

export function PageLoading() {
  const c = useT(common);
  return (
    <div style={{ display: 'grid', placeItems: 'center', padding: 64 }} aria-live="polite">
      <Spin description={c('loading')} />
    </div>
  );
}
