import { defineMessages } from '../../i18n/index.tsx';

/** Texts of the audit trail page (安全审计员). */
export const auditMessages = defineMessages({
  title: ['审计日志', 'Audit trail'],
  intro: [
    '系统中每一项变更、拒绝访问和文件下载都记入带密钥、连续编号的审计链；只读，不可删除。请定期校验并导出异地保存。',
    'Every change, refused access and file download is written to a keyed, numbered chain; read-only, never deleted. Verify it and export a copy to keep off-site regularly.',
  ],
  notAllowed: [
    '审计日志只由安全审计员查阅（三员分立）。',
    'The audit trail is read by the security auditor only (separation of duties).',
  ],
  verify: ['校验审计链', 'Verify the chain'],
  verifying: ['正在校验…', 'Verifying…'],
  exportJsonl: ['导出（JSON Lines，可校验）', 'Export (JSON Lines, verifiable)'],
  exportCsv: ['导出（CSV）', 'Export (CSV)'],
  exported: ['已导出审计日志；本次导出已记入审计', 'Audit trail exported; the export itself is audited'],
  intact: [
    '审计链完整：共 {checked} 条（第 1–{last} 号），自第 {keyed} 号起使用密钥。',
    'The chain is intact: {checked} events (numbers 1–{last}), keyed from number {keyed}.',
  ],
  checkpoints: [
    '检查点 {count} 个，最近一个在第 {cpSeq} 号（{cpAt}），与审计链一致。',
    '{count} checkpoint(s), the last at number {cpSeq} ({cpAt}), all matching the chain.',
  ],
  noCheckpoint: [
    '尚无检查点：请运行 rectify audit anchor 并将检查点文件复制到异地。',
    'No checkpoint yet: run rectify audit anchor and copy the checkpoint log off the machine.',
  ],
  broken: ['审计链在第 {seq} 号处断开', 'The chain breaks at number {seq}'],
  brokenDetail: ['此前 {checked} 条校验通过。原因：{problem}', '{checked} events verified before it. Cause: {problem}'],
  problem_empty: ['审计记录为空（已被清空）', 'the trail is empty: it has been wiped'],
  problem_gap: ['编号不连续，有记录被删除或插入', 'a number is missing: events were deleted or inserted'],
  problem_hash: ['记录内容或链接与其哈希不符（被篡改）', 'an event does not match its hash: it was altered'],
  problem_downgrade: [
    '出现未加密钥的记录，审计链被按公开算法重算',
    'an unkeyed event where the keyed chain runs: the chain was recomputed',
  ],
  problem_head: [
    '链头与最后一条记录不符，尾部记录被删除',
    'the head does not point at the last event: the tail was cut',
  ],
  problem_checkpoint: ['记录与异地检查点不符', 'an event differs from the checkpoint taken of it'],
  problem_truncated: [
    '检查点之后的记录缺失，审计日志被截断',
    'events a checkpoint vouched for are gone: the trail was truncated',
  ],
  problem_checkpoint_signature: ['检查点签名无效（伪造或密钥不符）', 'a checkpoint’s signature does not verify'],
  colSeq: ['序号', 'No.'],
  colAt: ['时间', 'Time'],
  colActor: ['操作人', 'By'],
  colAction: ['操作', 'Action'],
  colEntity: ['对象', 'Record'],
  colOutcome: ['结果', 'Outcome'],
  colOrigin: ['来源', 'From'],
  outcome_success: ['成功', 'success'],
  outcome_failure: ['失败', 'failure'],
  outcome_refused: ['拒绝', 'refused'],
  via_web: ['网页', 'web'],
  via_cli: ['命令行', 'command line'],
  via_api_token: ['API 令牌', 'API token'],
  system: ['系统', 'system'],
  older: ['更早的记录', 'Older events'],
  newest: ['回到最新', 'Back to the newest'],
});
