import { Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.tsx';
import { searchMessages } from '../pages/search/messages.ts';

/**
 * Issue 16: the header's search box (md and wider): the words land on the results page. A phone's header has no room
 * for it; the menu's 全文检索 opens the page, whose own box takes the words.
 */
export function HeaderSearch() {
  const t = useT(searchMessages);
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  return (
    <Input.Search
      className="header-search"
      aria-label={t('pageTitle')}
      data-testid="header-search"
      placeholder={t('headerPlaceholder')}
      maxLength={100}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(q) => {
        if (!q.trim()) return;
        navigate(`/search?q=${encodeURIComponent(q.trim())}`);
        setValue('');
      }}
      style={{ width: 240, marginInlineEnd: 'auto' }}
    />
  );
}
