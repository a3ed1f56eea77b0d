import { defineMessages } from '../../i18n/index.tsx';

export const searchMessages = defineMessages({
  pageTitle: ['全文检索', 'Search'],
  placeholder: ['搜索事项、措施、进展、佐证材料…', 'Search items, measures, progress, evidence…'],
  headerPlaceholder: ['全文检索', 'Search everything'],
  search: ['检索', 'Search'],
  hint: [
    '在您有权查看的范围内检索：事项标题、问题描述、整改措施、进展情况、整改成效、群众意见和佐证材料的文字（含扫描件识别出的文字）。多个词以空格分隔，须同时出现；标题中出现的排在前面。',
    'Searches what you may read: item titles, problem descriptions, measures, progress notes, outcomes, public comments and the text of evidence files (scans included, through OCR). Separate words with spaces; all must occur. Matches in titles come first.',
  ],
  tooLong: ['检索词最多 100 个字', 'At most 100 characters'],
  none: ['没有找到“{q}”', 'Nothing found for “{q}”'],
  count: ['找到 {n} 条（最相关的在前）', '{n} found (most relevant first)'],
  more: ['只显示最相关的 {n} 条，请补充检索词缩小范围', 'Showing the {n} most relevant; add words to narrow it down'],
  commentWithoutItem: ['群众意见（未关联事项）', 'Public comment (no item linked)'],
  kind_item: ['事项', 'Item'],
  kind_measure: ['整改措施', 'Measure'],
  kind_progress: ['进展', 'Progress'],
  kind_outcome: ['整改成效', 'Outcome'],
  kind_comment: ['群众意见', 'Comment'],
  kind_evidence: ['佐证材料', 'Evidence'],
});
