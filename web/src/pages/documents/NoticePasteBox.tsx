import { Alert, Button, Input, Space, Tag, Typography } from 'antd';
import { type ClipboardEvent, useMemo } from 'react';
import { MAX_PASTED_BYTES, pastedContent, pastedKind } from '../../../../src/domain/pasted-notice.ts';
import type { PastedNotice } from '../../api/queries/noticeImports.ts';
import { useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';

/**
 * What the paste box holds: the text shown (the clipboard's plain text) and, when the clipboard carried HTML, that HTML,
 * which is what is sent: a selection's markup keeps the paragraphs and tables the plain text flattens. Editing the box
 * drops the HTML (the edit is in the text), and says so.
 */
export interface PasteState {
  shown: string;
  html: string | null;
  edited: boolean;
}

export const EMPTY_PASTE: PasteState = { shown: '', html: null, edited: false };

/** What is sent for the box, or null while it is empty. */
export function pastedSource(state: PasteState): PastedNotice | null {
  if (state.html !== null) return { text: state.html, kind: 'html' };
  if (state.shown.trim() === '') return null;
  return { text: state.shown, kind: pastedKind(state.shown) };
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** The refusal of a paste too large to send (the server's limit, said before 20 MB travel), or null. */
export function pasteTooLarge(source: PastedNotice | null): { size: string; max: string } | null {
  if (!source || source.text.length * 3 <= MAX_PASTED_BYTES) return null;
  const bytes = utf8Length(source.text);
  if (bytes <= MAX_PASTED_BYTES) return null;
  return { size: (bytes / 1048576).toFixed(1), max: String(MAX_PASTED_BYTES / 1048576) };
}

/**
 * The paste box of the notice import: on paste it prefers the clipboard's text/html (a browser selection, a WPS/Word
 * copy) and shows the plain text; a page's source pasted as text is known by its content. Below it, what was detected
 * (网页 / 纯文本) and how many characters will be sent.
 */
export function NoticePasteBox({
  value,
  onChange,
}: {
  value: PasteState;
  /** `fresh` when a new paste replaced the box (a new notice), not an edit of it. */
  onChange: (next: PasteState, fresh: boolean) => void;
}) {
  const t = useT(documentMessages);
  const source = useMemo(() => pastedSource(value), [value]);
  const tooLarge = useMemo(() => pasteTooLarge(source), [source]);
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = event.clipboardData.getData('text/html');
    if (html.trim() === '') return; // plain text: the box takes it as typed, and onChange follows
    event.preventDefault();
    const plain = event.clipboardData.getData('text/plain');
    const content = pastedContent(html, plain);
    onChange({ shown: plain.trim() !== '' ? plain : content.text, html: content.text, edited: false }, true);
  };
  const chars = (source?.text.length ?? 0).toLocaleString('zh-CN');
  return (
    <div className="notice-paste">
      <label htmlFor="notice-paste">
        <Typography.Text type="secondary">{t('pasteNoticeHint')}</Typography.Text>
      </label>
      <Input.TextArea
        id="notice-paste"
        aria-label={t('pasteNotice')}
        value={value.shown}
        onPaste={onPaste}
        onChange={(e) =>
          onChange({ shown: e.target.value, html: null, edited: value.html !== null || value.edited }, false)
        }
        autoSize={{ minRows: 6, maxRows: 14 }}
        style={{ margin: '8px 0' }}
      />
      {source && (
        <Space wrap size={[8, 4]} aria-live="polite" data-testid="paste-kind">
          <Tag color={source.kind === 'html' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
            {source.kind === 'html' ? t('pastedHtml') : t('pastedText')}
          </Tag>
          <Typography.Text type="secondary">
            {source.kind === 'html' ? t('pastedHtmlNote', { chars }) : t('pastedTextNote', { chars })}
          </Typography.Text>
          <Button size="small" type="link" onClick={() => onChange(EMPTY_PASTE, true)} style={{ padding: 0 }}>
            {t('clearPaste')}
          </Button>
        </Space>
      )}
      {value.edited && source?.kind === 'text' && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('pastedEdited')}
        </Typography.Paragraph>
      )}
      {tooLarge && (
        <Alert type="error" showIcon title={t('pastedTooLarge', tooLarge)} style={{ marginTop: 8 }} role="alert" />
      )}
    </div>
  );
}
