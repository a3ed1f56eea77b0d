import { Fragment } from 'react';

/**
 * A snippet with its matches marked: the server sends plain text and the matches' offsets, the page cuts the text and
 * wraps each match in <mark> as React elements, so nothing of the text is ever read as HTML.
 */
export function Highlighted({
  text,
  ranges,
  cutStart,
  cutEnd,
}: {
  text: string;
  ranges: { start: number; end: number }[];
  cutStart?: boolean;
  cutEnd?: boolean;
}) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at || r.end > text.length || r.end <= r.start) continue;
    if (r.start > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, r.start)}</Fragment>);
    parts.push(
      <mark key={`m${r.start}`} className="search-mark">
        {text.slice(r.start, r.end)}
      </mark>,
    );
    at = r.end;
  }
  if (at < text.length) parts.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return (
    <span>
      {cutStart && '…'}
      {parts}
      {cutEnd && '…'}
    </span>
  );
}
