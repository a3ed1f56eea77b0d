import { Segmented } from 'antd';
import { type Lang, useLang } from '../i18n/index.tsx';

export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      size="small"
      aria-label="语言 / Language"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
