import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.tsx';
import { searchMessages } from '../pages/search/messages.ts';

/**
 * Issue 16: the header's search. Wide screens type into it and land on the results page; a phone's header has no room
 * for a box, so a button opens the page, whose own box takes the words.
 */
export function HeaderSearch({ narrow }: { narrow: boolean }) {
  const t = useT(searchMessages);
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  if (narrow)
    return (
      <Button
        type="text"
        icon={<SearchOutlined />}
        aria-label={t('pageTitle')}
        data-testid="header-search-button"
        onClick={() => navigate('/search')}
      />
    );
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
