import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { COLUMN_KEYS, type ColumnKey, columnTitle, DEFAULT_COLUMNS } from './columns.tsx';
import { ledgerMessages } from './messages.ts';

export function ColumnChooser({ value, onChange }: { value: ColumnKey[]; onChange: (keys: ColumnKey[]) => void }) {
  const t = useT(ledgerMessages);
  const c = useT(common);
  const content = (
    <Flex vertical gap={4} style={{ minWidth: 200 }}>
      <Typography.Text type="secondary">{t('columnsHint')}</Typography.Text>
      <Checkbox.Group<ColumnKey> value={value} onChange={onChange} aria-label={t('columns')}>
        <Flex vertical gap={2}>
          {COLUMN_KEYS.map((key) => (
            <Checkbox key={key} value={key} disabled={key === 'title'}>
              {columnTitle(key, t, c)}
              {key === 'unit' && <Typography.Text type="secondary"> {t('unitColumnNote')}</Typography.Text>}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <Button
        size="small"
        type="link"
        style={{ alignSelf: 'flex-start', padding: 0 }}
        onClick={() => onChange(DEFAULT_COLUMNS)}
      >
        {t('columnsReset')}
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('columns')}</Button>
    </Popover>
  );
}
