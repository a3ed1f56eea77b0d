import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { MAX_OFFSET, PAGE_SIZES, type PageSize } from './ledgerQuery.ts';
import { ledgerMessages } from './messages.ts';

/**
 * Server paging that stays fast on deep pages: "next" follows the keyset cursor, numbered jumps use an offset (which
 * the API allows up to MAX_OFFSET rows).
 */
export function Pager({
  page,
  size,
  total,
  hasNext,
  hasPrevious,
  onFirst,
  onPrevious,
  onNext,
  onJump,
  onSize,
}: {
  page: number;
  size: PageSize;
  total: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onJump: (page: number) => void;
  onSize: (size: PageSize) => void;
}) {
  const t = useT(ledgerMessages);
  const pages = Math.max(1, Math.ceil(total / size));
  const lastJumpable = Math.min(pages, Math.floor(MAX_OFFSET / size) + 1);
  const [jump, setJump] = useState<number | null>(null);
  return (
    <nav aria-label={t('pageOf', { page, pages })}>
      <Flex gap={8} align="center" justify="flex-end" wrap style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" aria-live="polite">
          {t('total', { n: total.toLocaleString() })}
        </Typography.Text>
        <Button icon={<VerticalRightOutlined />} disabled={page === 1} onClick={onFirst} aria-label={t('firstPage')} />
        <Button icon={<LeftOutlined />} disabled={!hasPrevious} onClick={onPrevious}>
          {t('prevPage')}
        </Button>
        <Typography.Text>{t('pageOf', { page, pages })}</Typography.Text>
        <Button disabled={!hasNext} onClick={onNext}>
          {t('nextPage')} <RightOutlined />
        </Button>
        <InputNumber<number>
          aria-label={t('goToPage')}
          placeholder={t('goToPage')}
          min={1}
          max={lastJumpable}
          precision={0}
          style={{ width: 100 }}
          value={jump}
          onChange={setJump}
          onPressEnter={() => {
            if (jump && jump >= 1 && jump <= lastJumpable) onJump(jump);
            setJump(null);
          }}
        />
        <Select<PageSize>
          aria-label={t('pageSize')}
          style={{ width: 110 }}
          value={size}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('perPage', { n }) }))}
          onChange={onSize}
        />
      </Flex>
    </nav>
  );
}
