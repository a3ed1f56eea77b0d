import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Tables as Kysely sees them. Dates are 'YYYY-MM-DD' text, timestamps ISO-8601 UTC text, booleans 0/1. */
export interface Database {
  units: UnitTable;
  rounds: RoundTable;
  aspects: AspectTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  password_history: PasswordHistoryTable;
  login_throttle: LoginThrottleTable;
  inspections: InspectionTable;
  problems: ProblemTable;
  items: ItemTable;
  measures: MeasureTable;
  progress_entries: ProgressEntryTable;
  evidence: EvidenceTable;
  outcomes: OutcomeTable;
  close_reviews: CloseReviewTable;
  work_log: WorkLogTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  notice_drafts: NoticeDraftTable;
  saved_views: SavedViewTable;
  reminder_schedule: ReminderScheduleTable;
  notifications: NotificationTable;
  deliveries: DeliveryTable;
  supervision_orders: SupervisionOrderTable;
  lookbacks: LookbackTable;
  evaluations: EvaluationTable;
  publications: PublicationTable;
  public_comments: PublicCommentTable;
  portal_key: PortalKeyTable;
  carried_items: CarriedItemTable;
  // Two-factor sign-in and personal API tokens (20261207100100_two_factor).
  recovery_codes: RecoveryCodeTable;
  login_challenges: LoginChallengeTable;
  api_tokens: ApiTokenTable;
  demo_records: DemoRecordTable;
  comment_address_locks: CommentAddressLockTable;
  // Work off the request path: ledger imports and evidence binders (20261208100400_jobs).
  jobs: JobTable;
  // Several server processes on one database (issue 12, cluster): cache invalidation and leases.
  cache_versions: CacheVersionTable;
  leases: LeaseTable;
  // Issue 13, honest deadlines: extension requests and every change of an item's deadline (20261210100000).
  deadline_extensions: DeadlineExtensionTable;
  deadline_history: DeadlineHistoryTable;
  // Directory sign-in (issue 13, 20261210100400_oidc_sign_in).
  external_identities: ExternalIdentityTable;
  oidc_logins: OidcLoginTable;
  // Issue 13, channels: each unit's robots and SMS hook (20261210100200_channels).
  unit_channels: UnitChannelsTable;
  // Issue 14: imports into a live ledger, kept for their undo (20261214100000_ledger_import_records).
  ledger_imports: LedgerImportTable;
  ledger_import_changes: LedgerImportChangeTable;
  // Issue 15: the office's mapping between two rounds' aspects, for repeats across rounds (20261215200000_aspect_mappings).
  aspect_mappings: AspectMappingTable;
  // Issue 15: the 整改情况报告 recorded as submitted (报送), corrections kept (20261215100000_report_submissions).
  report_submissions: ReportSubmissionTable;
  // Issue 15: problem clues (问题线索) handed to the 纪委监委 and followed (20261216500000_problem_clues).
  problem_clues: ProblemClueTable;
  // Issue 15 (督办 as documents): numbers' counters and the files of the units' answers (20261216300000_order_documents).
  document_counters: DocumentCounterTable;
  supervision_order_files: SupervisionOrderFileTable;
  // Issue 15, point 4: answers to the portal's 群众满意度测评 (20261216400000_satisfaction).
  satisfaction_answers: SatisfactionAnswerTable;
  // Issue 15, public comments: supervisors' internal remarks and receipt-lookup misses (20261216200000_comment_receipts).
  comment_remarks: CommentRemarkTable;
  receipt_lookup_misses: ReceiptLookupMissTable;
  /** Issue 15 (point 1): every text of a publication, from draft to published or superseded. */
  publication_versions: PublicationVersionTable;
  // Issue 16: the search index, kept by triggers on the source tables (20261217100000_search_index).
  search_docs: SearchDocTable;
}

export interface AspectMappingTable {
  id: Generated<number>;
  earlier_round_id: number;
  later_round_id: number;
  earlier_aspect_id: number;
  /** null: the earlier aspect has no counterpart in the later round. */
  later_aspect_id: number | null;
  created_by: number;
  created_at: string;
}

export interface ReportSubmissionTable {
  id: Generated<number>;
  inspection_id: number;
  submitted_on: string;
  doc_number: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  note: string | null;
  recorded_by: number;
  recorded_at: string;
  superseded_at: string | null;
  superseded_by: number | null;
}

export interface LedgerImportTable {
  id: Generated<number>;
  inspection_id: number;
  actor_id: number;
  file_name: string;
  sha256: string;
  items_created: Generated<number>;
  items_updated: Generated<number>;
  created_at: string;
  undone_at: string | null;
  undone_by: number | null;
}

export interface LedgerImportChangeTable {
  id: Generated<number>;
  import_id: number;
  /** An item the import created (before_json null) or updated; null for a created problem. */
  item_id: number | null;
  problem_id: number | null;
  before_json: string | null;
  version_after: number | null;
}

interface Versioned {
  version: Generated<number>;
}
interface Timestamps {
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface UnitTable extends Versioned, Timestamps {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  name: string;
  code: string;
  kind: string;
  sort_order: Generated<number>;
}

export interface RoundTable extends Versioned, Timestamps {
  id: Generated<number>;
  committee_unit_id: number;
  name: string;
  starts_on: string | null;
  ends_on: string | null;
  /** Issue 12: set while the round is archived (read-only, out of the default lists); null while it is live. */
  archived_at: Generated<string | null>;
  archived_by: Generated<number | null>;
}

export interface AspectTable extends Versioned {
  id: Generated<number>;
  round_id: number;
  name: string;
  sort_order: Generated<number>;
}

export interface TeamTable extends Versioned, Timestamps {
  id: Generated<number>;
  round_id: number;
  name: string;
  leader_name: string | null;
}

export interface UserTable extends Versioned, Timestamps {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: number;
  team_id: number | null;
  active: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  password_changed_at: string | null;
  /** Where reminder e-mail goes; null sends none. */
  email: Generated<string | null>;
  /** The base32 TOTP secret: pending while totp_enabled_at is null, never sent out once enrolment is confirmed. */
  totp_secret: Generated<string | null>;
  totp_enabled_at: Generated<string | null>;
  /** The last accepted TOTP time step; a code at or before it is refused (no replay). */
  totp_last_step: Generated<number | null>;
  // Sign-in hardening (issue 11).
  /** Set when someone else chose the password (a new account, a reset); cleared by the owner's change. */
  must_change_password: Generated<number>;
  /** 0 for the demo's and the built-in admin's published passwords, which never expire. */
  password_expires: Generated<number>;
  /** No attempt on the account is checked before this moment (progressive delay). */
  login_delay_until: Generated<string | null>;
  last_failed_login_at: Generated<string | null>;
  // LDAP/AD sign-in (issue 13, 20261210100300_ldap_accounts).
  /** 'local' (its password here) or 'ldap' (its password, role and unit come from the directory at each sign-in). */
  auth_source: Generated<string>;
  /** The directory entry the account last signed in as. */
  directory_dn: Generated<string | null>;
  // Issue 13, channels (20261210100200_channels): the mobile an SMS goes to, and which outward channels the owner wants.
  phone: Generated<string | null>;
  notify_email: Generated<number>;
  notify_dingtalk: Generated<number>;
  notify_wecom: Generated<number>;
  notify_webhook: Generated<number>;
  notify_sms: Generated<number>;
}

/** A unit's 钉钉 and 企业微信 robots and its 政务短信 hook; null columns are channels the unit has not set. */
export interface UnitChannelsTable {
  unit_id: number;
  dingtalk_url: string | null;
  /** 加签 secret (SEC…); never sent back to the browser. */
  dingtalk_secret: string | null;
  wecom_url: string | null;
  sms_url: string | null;
  sms_method: string | null;
  sms_content_type: string | null;
  sms_body: string | null;
  /** Put where the template says {secret}; never sent back to the browser. */
  sms_secret: string | null;
  updated_at: string;
  updated_by: number | null;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  // Sign-in hardening (issue 11).
  last_seen_at: string | null;
  source_address: string | null;
  user_agent: string | null;
  must_change_password: Generated<number>;
}

/** The account's last passwords (argon2 hashes), refused when chosen again. */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  set_at: string;
}

/** Failed sign-ins by source address, counted atomically in the database so every process agrees. */
export interface LoginThrottleTable {
  address: string;
  failures: number;
  delay_until: string;
  last_failed_at: string;
}

export interface InspectionTable extends Versioned, Timestamps {
  id: Generated<number>;
  round_id: number;
  team_id: number;
  unit_id: number;
  kind: string;
  from_on: string;
  to_on: string;
  feedback_on: string | null;
  concentrated_until: string | null;
  report_due_on: string | null;
  /** Issue 13: when the unit submitted its plan; from then on a deadline moves only through an extension request. */
  plan_submitted_at: Generated<string | null>;
  plan_submitted_by: Generated<number | null>;
}

export interface ProblemTable extends Versioned, Timestamps {
  id: Generated<number>;
  inspection_id: number;
  aspect_id: number | null;
  number: string | null;
  title: string;
  description: string | null;
  sort_order: Generated<number>;
}

export interface ItemTable extends Versioned, Timestamps {
  id: Generated<number>;
  inspection_id: number;
  unit_id: number;
  round_id: number;
  aspect_id: number | null;
  problem_id: number | null;
  number: string | null;
  title: string;
  description: string | null;
  suggestion: string | null;
  target: string | null;
  kind: string;
  deadline: string | null;
  lead_department_id: number | null;
  responsible_leader: string | null;
  state: string;
  close_stage: string | null;
  close_requested_by: number | null;
  close_approved_by: number | null;
  result: string;
  closed_on: string | null;
  reopened_count: Generated<number>;
  withheld: Generated<number>;
  withheld_reason: string | null;
  flagged: Generated<number>;
  sort_order: Generated<number>;
  /** Issue 13: the deadline before the first approved extension; null while none was approved. */
  original_deadline: Generated<string | null>;
  extension_count: Generated<number>;
  /** Issue 13: the first deadline the item is on record as having missed; once set, never cleared (was late). */
  missed_deadline: Generated<string | null>;
}

export interface MeasureTable extends Versioned, Timestamps {
  id: Generated<number>;
  item_id: number;
  sort_order: Generated<number>;
  content: string;
  kind: string;
  responsible_leader: string | null;
  department_id: number | null;
  responsible_person_id: number | null;
  responsible_person_name: string | null;
  deadline: string | null;
  completed_on: string | null;
}

export interface ProgressEntryTable {
  id: Generated<number>;
  item_id: number;
  measure_id: number | null;
  entry_on: string;
  content: string;
  author_id: number | null;
  created_at: Generated<string>;
}

export interface EvidenceTable {
  id: Generated<number>;
  item_id: number;
  measure_id: number | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  effective_on: string;
  note: string | null;
  uploaded_by: number | null;
  uploaded_at: string;
}

export interface OutcomeTable extends Versioned {
  id: Generated<number>;
  item_id: number;
  kind: string;
  title: string;
  accountability_kind: string | null;
  people_count: number | null;
  amount_fen: number | string | null;
  occurred_on: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface CloseReviewTable {
  id: Generated<number>;
  item_id: number;
  event: string;
  actor_id: number;
  note: string | null;
  created_at: string;
}

export interface WorkLogTable extends Versioned {
  id: Generated<number>;
  inspection_id: number;
  kind: string;
  held_on: string;
  title: string;
  note: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
  /** The event's number, 1, 2, 3 … without gaps; null never once migrated (issue 11). */
  seq: number | null;
  /** 0: the unkeyed chain written before issue 11; 1: HMAC under the key outside the database. */
  scheme: ColumnType<number, number | undefined, number>;
  source_address: string | null;
  user_agent: string | null;
  outcome: string | null;
  via: string | null;
}

export interface AuditHeadTable {
  id: number;
  last_hash: string;
  last_seq: ColumnType<number, number | undefined, number>;
}

export interface NoticeDraftTable extends Versioned, Timestamps {
  id: Generated<number>;
  inspection_id: number;
  kind: string;
  issuer: string | null;
  issued_on: string | null;
  as_of: string | null;
  organising: string | null;
  next_steps: string | null;
  public_from: string | null;
  public_to: string | null;
  contacts_json: Generated<string>;
  addressee: string | null;
  signatory: string | null;
}

export interface SavedViewTable extends Timestamps {
  id: Generated<number>;
  user_id: number;
  page: string;
  name: string;
  state_json: string;
}

/** Issue 13: a 延期申请, decided by the unit leader and, for a 挂牌督办 item, then by the office. */
export interface DeadlineExtensionTable {
  id: Generated<number>;
  item_id: number;
  status: string;
  from_deadline: string | null;
  to_deadline: string;
  reason: string;
  evidence_ids: Generated<string>;
  needs_office: Generated<number>;
  requested_by: number;
  requested_at: string;
  unit_decided_by: number | null;
  unit_decided_at: string | null;
  office_decided_by: number | null;
  office_decided_at: string | null;
  decision_note: string | null;
  version: Generated<number>;
  updated_at: string;
}

/** Issue 13: every change of an item's deadline, asked (an approved extension) or edited before the plan was submitted. */
export interface DeadlineHistoryTable {
  id: Generated<number>;
  item_id: number;
  from_deadline: string | null;
  to_deadline: string | null;
  source: string;
  extension_id: number | null;
  changed_by: number | null;
  changed_on: string;
  created_at: string;
}

export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type ItemRow = Selectable<ItemTable>;
export type NewItem = Insertable<ItemTable>;
export type ItemUpdate = Updateable<ItemTable>;
export type MeasureRow = Selectable<MeasureTable>;

export interface PublicationTable extends Versioned, Timestamps {
  id: Generated<number>;
  inspection_id: number;
  title: string;
  body_html: string;
  body_text: string;
  public_from: string;
  public_to: string;
  contacts_json: string;
  /** 'published' | 'withdrawn'; archived and expired are derived from the period at read time. */
  status: string;
  published_at: string;
  published_by: number;
  withdrawn_at: string | null;
  withdrawn_by: number | null;
  /** Issue 15: 1 when an item was withheld (不宜公开) after publishing: the text awaits a correction. */
  needs_correction: ColumnType<number, number | undefined, number>;
  correction_reason: string | null;
  /** The day the shown text last replaced another (更正), null while the first text stands. */
  corrected_at: string | null;
  /** The number of the publication_versions row the portal shows. */
  shown_version: ColumnType<number, number | undefined, number>;
}

export interface PublicCommentTable extends Versioned {
  id: Generated<number>;
  publication_id: number;
  content: string;
  name: string | null;
  contact: string | null;
  address_hash: string;
  /** 'new' | 'answered' | 'handled'. */
  status: Generated<string>;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  handled_at: string | null;
  handled_by: number | null;
  created_at: string;
  updated_at: Generated<string>;
  /** Issue 15 (20261216200000): keyed hash of the receipt given to the sender; null for comments sent before. */
  receipt_hash: Generated<string | null>;
  /** 转办: the unit's department it was passed to, by when, why, by whom. */
  transfer_department_id: Generated<number | null>;
  transfer_due_on: Generated<string | null>;
  transfer_note: Generated<string | null>;
  transferred_at: Generated<string | null>;
  transferred_by: Generated<number | null>;
  /** An item of the same inspection the comment is about. */
  item_id: Generated<number | null>;
}

export interface PortalKeyTable {
  id: number;
  secret: string;
}

export interface SupervisionOrderTable extends Versioned, Timestamps {
  id: Generated<number>;
  batch: string;
  unit_id: number;
  item_id: number | null;
  title: string;
  content: string;
  due_on: string;
  status: string;
  issued_by: number;
  issued_on: string;
  answer: string | null;
  answered_by: number | null;
  answered_on: string | null;
  return_reason: string | null;
  closed_on: string | null;
  /** Issue 15: the numbering scope (year:2026, round:7), the number in it and the 文号 as printed; null before numbering. */
  number_scope: string | null;
  number_seq: number | null;
  doc_number: string | null;
  recalled_on: string | null;
  recall_reason: string | null;
}

export interface LookbackTable extends Versioned, Timestamps {
  id: Generated<number>;
  item_id: number;
  due_on: string;
  status: string;
  finding: string | null;
  scheduled_by: number;
  recorded_by: number | null;
  recorded_on: string | null;
}

export interface EvaluationTable extends Versioned, Timestamps {
  id: Generated<number>;
  inspection_id: number;
  entries_json: string;
  note: string | null;
  score: number;
  grade: string;
  evaluated_by: number;
  evaluated_on: string;
  /** Issue 15: the checklist's own score (100 − deductions); `score` is the final one, satisfaction weighed in. */
  checklist_score: number | null;
  /** The satisfaction's score when the evaluation was saved; null with no answers (then it did not count). */
  satisfaction_score: number | null;
  satisfaction_answers: Generated<number>;
  /** The weight applied: 0 when the satisfaction did not count. */
  satisfaction_weight: Generated<number>;
}

/** One open subject of the reminder sweep: which stage was last sent for its deadline and when the next one is due. */
export interface ReminderScheduleTable {
  id: Generated<number>;
  subject_kind: string;
  subject_id: number;
  deadline: string;
  last_stage: Generated<number>;
  next_on: string | null;
  updated_at: Generated<string>;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** The outbox of e-mail and webhook sends, worked by the sweep with retries. */
export interface DeliveryTable {
  id: Generated<number>;
  channel: string;
  recipient: string;
  subject: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  claim_token: string | null;
  claimed_until: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface CarriedItemTable {
  inspection_id: number;
  item_id: number;
  carried_at: string;
}

/** One-time codes for signing in without the phone; only their hashes. */
export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Between a right password and the second factor: the hash of the opaque challenge, short-lived and used once. */
export interface LoginChallengeTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Personal API tokens for scripts: the hash of the token and its first characters for lists. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  revoked_at: string | null;
}

/** A unit, account or round the demo seeded ('unit' | 'user' | 'round'): what `rectify demo --remove` deletes. */
export interface DemoRecordTable {
  entity: string;
  entity_id: number;
}

/** A commenting address's lock row (by its keyed hash): taken before the hourly count, so the count is serialised. */
export interface CommentAddressLockTable {
  address_hash: string;
  last_at: string;
}

/**
 * A piece of long work run off the request path (issue 12). result is JSON; error_key is a key of the error catalogue and
 * error_params its JSON parameters (details included), so the web words a failure as it words any refusal.
 */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: string;
  progress_done: Generated<number>;
  progress_total: number | null;
  phase: string | null;
  result: string | null;
  error_key: string | null;
  error_params: string | null;
  owner_id: number;
  /** The unit path of what the job works on (an inspection's unit). */
  unit_path: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
}

/** A cache topic's version ('units' | 'accounts' | 'rounds'), bumped by triggers on SQLite (20261208100200, …100700). */
export interface CacheVersionTable {
  topic: string;
  version: number;
}

/** Who runs a once-across-servers task (the reminder sweep) until when; taken over once it has expired. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** An account's link to a person in an outside directory: an account with one is directory-managed. */
export interface ExternalIdentityTable {
  id: Generated<number>;
  user_id: number;
  /** 'oidc' (and 'ldap' for the LDAP sign-in). */
  provider: string;
  issuer: string;
  /** The directory's stable id of the person (OIDC `sub`). */
  subject: string;
  created_at: string;
  last_sign_in_at: string;
}

/** An OpenID Connect sign-in between the redirect and the callback; the id is the SHA-256 of its state. */
export interface OidcLoginTable {
  id: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Issue 15 (问题线索): a problem or an item marked as a clue, handed to the 纪委监委 and followed; internal only. */
export interface ProblemClueTable extends Versioned, Timestamps {
  id: Generated<number>;
  round_id: number;
  inspection_id: number;
  unit_id: number;
  problem_id: number | null;
  item_id: number | null;
  description: string;
  state: string;
  marked_by: number;
  marked_on: string;
  handed_over_on: string | null;
  receiving_body: string | null;
  handling_deadline: string | null;
  accepted_on: string | null;
  filed_on: string | null;
  closed_on: string | null;
  filed_cases: Generated<number>;
  filed_people: Generated<number>;
  disciplined_people: Generated<number>;
  organisational_people: Generated<number>;
  other_people: Generated<number>;
  outcome_note: string | null;
}

/** Issue 15: the last document number given in a scope (year:2026, round:7); sending takes the row's lock. */
export interface DocumentCounterTable {
  scope: string;
  last_number: number;
}

/** Issue 15: a file the unit attaches to its answer to a 督办 order, kept in the evidence store by SHA-256. */
export interface SupervisionOrderFileTable {
  id: Generated<number>;
  order_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
}

/** Issue 15, point 4: one answer to a published notice's satisfaction questionnaire (levels of domain/satisfaction.ts). */
export interface SatisfactionAnswerTable {
  id: Generated<number>;
  publication_id: number;
  overall: string;
  effect: string;
  openness: string;
  change: string;
  remark: string | null;
  /** The portal's keyed hash of the sender's address, never the address. */
  address_hash: string;
  /** The China day of the answer: one per address, notice and day. */
  answered_on: string;
  created_at: string;
}
/** Issue 15: a supervisor's (or the office's) internal remark on a public comment; never public. */
export interface CommentRemarkTable {
  id: Generated<number>;
  comment_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

/** Issue 15: one receipt lookup that found nothing, by keyed hash of the address, counted against guessing. */
export interface ReceiptLookupMissTable {
  id: Generated<number>;
  address_hash: string;
  at: string;
}

/** Issue 15 (point 1): one text of a publication on its way (draft, submitted, approved, returned) or kept (published, superseded). */
export interface PublicationVersionTable extends Versioned, Timestamps {
  id: Generated<number>;
  inspection_id: number;
  /** Null until the first version of a new address is published. */
  publication_id: number | null;
  number: number;
  /** src/domain/publication-workflow.ts VERSION_STATES. */
  state: string;
  title: string;
  body_html: string;
  body_text: string;
  public_from: string;
  public_to: string;
  contacts_json: string;
  needs_office: ColumnType<number, number | undefined, number>;
  prepared_by: number;
  prepared_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
  leader_by: number | null;
  leader_at: string | null;
  office_by: number | null;
  office_at: string | null;
  returned_by: number | null;
  returned_at: string | null;
  return_reason: string | null;
  published_at: string | null;
}

/** Issue 16: the search index (20261217100000), one row per indexed text, kept by triggers on the source tables. */
export interface SearchDocTable {
  id: Generated<number>;
  /** 'item' | 'measure' | 'progress' | 'outcome' | 'comment' | 'evidence'. */
  kind: string;
  source_id: number;
  /** Null for a public comment not linked to an item (20261220000000_search_scope). */
  item_id: number | null;
  /** The unit and inspection the text belongs to, which the access scope tests (20261220000000_search_scope). */
  unit_id: number;
  inspection_id: number;
  body: string;
  /** Evidence only: 'pending' | 'done' | 'skipped'. */
  extract_state: string | null;
  note: string | null;
}
