import { defineMessages } from '../../i18n/index.tsx';

/** Issue 15, point 4: the evaluation tab's words for the ledger's suggestions and the public's satisfaction. */
export const evaluationMessages = defineMessages({
  suggested: ['建议扣分', 'Suggested'],
  suggestedPoints: ['建议扣 {n} 分', 'Suggests −{n}'],
  noSuggestion: ['台账未见扣分情形', 'Nothing found in the ledger'],
  capped: ['已按本项分值封顶', 'Capped at the entry’s points'],
  accept: ['采纳', 'Accept'],
  clear: ['清零', 'Clear'],
  acceptAll: ['全部采纳建议', 'Accept all suggestions'],
  acceptedAll: ['已采纳全部建议扣分，请核对后保存', 'All suggestions accepted; check, then save'],
  reasons: ['扣分依据（{n} 条）', 'Reasons ({n})'],
  suggestionsHint: [
    '建议扣分根据台账自动计算（逾期、退回、回头看反弹、无佐证销号、报告迟报等），请逐项核对后采纳、修改或清零',
    'Suggested from the ledger (overdue, returns, rebounds, closed without evidence, a late report…); check each, then accept, change or clear it',
  ],
  suggestedTotal: ['建议合计扣 {n} 分', 'Suggested in all: −{n}'],
  checklistScore: ['评分表得分', 'Checklist score'],
  satisfaction: ['群众满意度', 'Public satisfaction'],
  satisfactionScore: ['{score} 分（{n} 份答卷）', '{score} ({n} answers)'],
  weight: ['满意度权重', 'Weight'],
  weightValue: ['{pct}%（系统配置）', '{pct}% (system setting)'],
  finalScore: ['最终得分', 'Final score'],
  formula: [
    '最终得分 = 评分表得分 × {rest}% + 满意度得分 × {pct}%',
    'Final = checklist × {rest}% + satisfaction × {pct}%',
  ],
  noAnswers: [
    '暂无群众满意度测评答卷，满意度不计入，最终得分即评分表得分',
    'No satisfaction answers yet: the satisfaction does not count, the final score is the checklist’s',
  ],
  perNotice: ['各通报测评情况', 'Per notice'],
  answersCount: ['{n} 份', '{n} answers'],
  savedSuggested: ['保存时建议 {n}', 'suggested {n} when saved'],
  ref: ['{number}{title}', '{number}{title}'],
  order: ['督办', 'Order'],
});
