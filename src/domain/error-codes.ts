/**
 * Every refusal the server sends, by key: its HTTP status and its words in Chinese and English. A key is the code on
 * the wire unless the entry names another `code`: some codes (validation, invalid_transition, unauthorized, …) are sent
 * with different words in different places, and the web and the tests rely on the codes as they are.
 * Words that name a value are functions of typed parameters, so a throw site cannot forget one.
 */
export type Lang = 'zh' | 'en';

type Words = string | ((params: never) => string);

interface ErrorEntry {
  readonly status: number;
  readonly code?: string;
  readonly zh: Words;
  readonly en: Words;
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

/** The import plan's own problems are the importer's bilingual text, so the refusal quotes them as they are. */
const importRefusal = (p: { first: string; more: number }) =>
  `通报无法导入：${p.first}${p.more > 0 ? `（另有 ${p.more} 项 / and ${p.more} more）` : ''}`;

export const ERRORS = {
  // Requests the framework refuses before a handler runs.
  validation: {
    status: 400,
    zh: (p: { part: string }) => `请求内容不符合要求（${p.part}）`,
    en: 'the request is not valid',
  },
  bad_json: { status: 400, zh: '请求不是有效的 JSON', en: 'the body is not valid JSON' },
  empty_body: { status: 400, code: 'bad_json', zh: '请求体为空', en: 'the body is empty' },
  too_large: { status: 413, zh: '上传内容超过大小上限', en: 'the upload is too large' },
  unsupported_media_type: { status: 415, zh: '不支持的内容类型', en: 'unsupported content type' },
  multipart_required: {
    status: 415,
    code: 'unsupported_media_type',
    zh: '请以 multipart/form-data 上传文件',
    en: 'upload as multipart/form-data',
  },
  internal: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'internal error' },
  no_route: {
    status: 404,
    code: 'not_found',
    zh: '没有这个地址',
    en: (p: { method: string; url: string }) => `no route ${p.method} ${p.url}`,
  },

  // Who is asking.
  unauthorized: { status: 401, zh: '请先登录', en: 'please sign in' },
  session_expired: {
    status: 401,
    code: 'unauthorized',
    zh: '登录已过期或尚未登录，请重新登录',
    en: 'your session has expired or you are not signed in',
  },
  wrong_credentials: { status: 401, code: 'unauthorized', zh: '用户名或密码错误', en: 'wrong username or password' },
  account_locked: {
    status: 423,
    zh: (p: { lockedUntil: string }) =>
      `登录失败次数过多，账号已锁定至 ${new Date(p.lockedUntil).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`,
    en: 'too many failed sign-ins; the account is locked for now',
  },
  csrf: {
    status: 403,
    zh: '请求缺少有效的安全令牌，请刷新页面后重试',
    en: 'missing or wrong CSRF token; reload the page',
  },
  forbidden: { status: 403, zh: '您没有权限执行此操作', en: 'you are not allowed to do this' },
  internal_documents_only: {
    status: 403,
    code: 'forbidden',
    zh: '内部文件仅限被巡察单位、巡察办和巡察组查看',
    en: 'internal documents are for the unit, the office and the team only',
  },
  wrong_password: { status: 400, zh: '当前密码不正确', en: 'the current password is wrong' },
  same_password: { status: 400, zh: '新密码不能与当前密码相同', en: 'choose a different password' },
  weak_password: {
    status: 400,
    zh: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的三种',
    en: 'a password needs 8+ characters from three of: upper, lower, digits, symbols',
  },
  // Sign-in hardening (issue 11).
  common_password: {
    status: 400,
    zh: '该密码过于常见，容易被猜中，请换一个',
    en: 'this password is too common; choose another',
  },
  password_contains_username: {
    status: 400,
    zh: '密码不能包含用户名',
    en: 'the password must not contain the username',
  },
  password_reused: {
    status: 400,
    zh: (p: { count: number }) => `新密码不能与最近 ${p.count} 次使用过的密码相同`,
    en: (p: { count: number }) => `choose a password you have not used in your last ${p.count}`,
  },
  password_change_required: {
    status: 403,
    zh: '请先修改密码后再继续使用',
    en: 'change your password before going on',
  },
  login_throttled: {
    status: 429,
    zh: (p: { retryAfterSeconds: number }) => `登录尝试过于频繁，请 ${p.retryAfterSeconds} 秒后再试`,
    en: (p: { retryAfterSeconds: number }) =>
      `too many sign-in attempts from your address; try again in ${p.retryAfterSeconds} s`,
  },
  // Faults of the server itself (issue 12): 507 and 503 tell the client it is not their request that is wrong.
  storage_full: {
    status: 507,
    zh: '服务器存储空间已满，本次操作未保存任何内容。请联系系统管理员清理或扩容后再试',
    en: 'the server’s storage is full; nothing was saved. Please tell the administrator, then try again',
  },
  storage_unavailable: {
    status: 503,
    zh: '佐证材料存储暂时无法访问，本次操作未保存任何内容，请稍后重试；如持续出现请联系系统管理员',
    en: 'the evidence store cannot be reached just now; nothing was saved. Try again shortly, and tell the administrator if it persists',
  },
  database_unavailable: {
    status: 503,
    zh: '数据库暂时无法连接，本次操作未完成，请稍后再试',
    en: 'the database is unavailable for a moment; nothing was done, please try again shortly',
  },

  // Two-factor sign-in and personal API tokens.
  two_factor_enrolment_required: {
    status: 403,
    zh: '您的角色须启用双因素认证：请先绑定身份验证器，完成后即可正常使用',
    en: 'your role needs two-factor sign-in: set up an authenticator app first',
  },
  second_factor_wrong: { status: 401, zh: '验证码错误', en: 'wrong verification code' },
  second_factor_used: {
    status: 401,
    zh: '该验证码已使用过，请等待身份验证器显示下一个验证码',
    en: 'that code has been used; wait for the next one',
  },
  challenge_expired: {
    status: 401,
    zh: '登录验证已过期或已使用，请重新输入用户名和密码',
    en: 'this sign-in has expired or was used; enter your user name and password again',
  },
  two_factor_code_wrong: { status: 400, zh: '验证码不正确', en: 'the verification code is wrong' },
  two_factor_code_used: {
    status: 400,
    zh: '该验证码已使用过，请等待下一个验证码',
    en: 'that code has been used; wait for the next one',
  },
  two_factor_already_enabled: { status: 409, zh: '已启用双因素认证', en: 'two-factor sign-in is already on' },
  two_factor_not_started: {
    status: 409,
    zh: '请先开始绑定身份验证器',
    en: 'start setting up the authenticator first',
  },
  two_factor_not_enabled: { status: 409, zh: '尚未启用双因素认证', en: 'two-factor sign-in is not on' },
  two_factor_required_for_role: {
    status: 403,
    zh: '您的角色必须启用双因素认证，不能关闭',
    en: 'your role must keep two-factor sign-in on',
  },
  api_tokens_refused_for_role: {
    status: 403,
    zh: '启用双因素认证要求时，系统管理员、安全管理员和安全审计员不能使用 API 令牌',
    en: 'while two-factor sign-in is required, the three administrators may not use API tokens',
  },
  browser_session_required: {
    status: 403,
    zh: '此操作须在浏览器中登录后进行，不能使用 API 令牌',
    en: 'do this signed in from the browser, not with an API token',
  },
  api_token_invalid: {
    status: 401,
    zh: 'API 令牌无效、已过期或已撤销',
    en: 'the API token is not valid, has expired or was revoked',
  },

  // Records.
  not_found: {
    status: 404,
    zh: '找不到该记录',
    en: (p: { entity: string; id: number | string }) => `${p.entity} ${p.id} not found`,
  },
  stale_version: {
    status: 409,
    zh: (p: { currentVersion: number; yourVersion: number }) =>
      `记录已被他人修改（当前版本 ${p.currentVersion}，您提交的是 ${p.yourVersion}），请刷新后重试`,
    en: 'the record was changed by someone else; reload and try again',
  },
  stale_draft: {
    status: 409,
    code: 'stale_version',
    zh: (p: { currentVersion: number; yourVersion: number }) =>
      `草稿已被他人修改（当前版本 ${p.currentVersion}，您提交的是 ${p.yourVersion}），请刷新后重试`,
    en: 'the draft was changed by someone else; reload and try again',
  },
  stale_measures: {
    status: 409,
    code: 'stale_version',
    zh: (p: { count: number }) => `${p.count} 条措施已被他人修改，本次未作任何更改，请刷新后重试`,
    en: (p: { count: number }) =>
      `${p.count} measure(s) were changed by someone else; nothing was saved, reload and try again`,
  },
  version_required: {
    status: 400,
    zh: (p: { measureIds: readonly number[] }) => `请提供每条措施读取时的版本号（缺少：${p.measureIds.join('、')}）`,
    en: 'give the version you read for every measure',
  },
  bad_cursor: {
    status: 400,
    zh: '分页游标无效，请从第一页重新开始',
    en: 'the page cursor is not valid; start again from the first page',
  },

  // Units and accounts.
  unknown_unit: {
    status: 400,
    zh: (p: { unitId: number }) => `单位 ${p.unitId} 不存在`,
    en: 'unit does not exist',
  },
  unknown_parent: {
    status: 400,
    zh: (p: { parentId: number }) => `上级单位 ${p.parentId} 不存在`,
    en: 'parent unit does not exist',
  },
  duplicate_code: {
    status: 409,
    zh: (p: { code: string }) => `单位编码“${p.code}”已被使用`,
    en: 'unit code already in use',
  },
  team_required: { status: 400, zh: '巡察组成员须指定所在巡察组', en: 'an inspection-team user needs a team' },
  duplicate_username: {
    status: 409,
    zh: (p: { username: string }) => `用户名“${p.username}”已存在`,
    en: 'username already taken',
  },
  self_lockout: {
    status: 409,
    zh: '不能停用自己的账号或修改自己的角色',
    en: 'you cannot deactivate yourself or change your own role',
  },
  // 三员分立: who grants the three administrator roles, and that each keeps one active account.
  administrator_role_reserved: {
    status: 403,
    zh: '三员分立下，系统管理员、安全管理员、安全审计员角色只能由安全管理员授予或收回',
    en: 'under separation of duties only the security administrator grants or withdraws the three administrator roles',
  },
  last_administrator: {
    status: 409,
    zh: (p: { role: string }) => `不能停用或变更最后一个在用的${p.role}账号`,
    en: 'this is the last active account of an administrator role; it cannot be deactivated or given another role',
  },

  // Rounds and inspections.
  duplicate_aspect: { status: 400, zh: '问题方面有重复', en: 'an aspect is listed twice' },
  aspect_exists: {
    status: 409,
    code: 'duplicate_aspect',
    zh: (p: { name: string }) => `本轮已有方面“${p.name}”`,
    en: 'the round already has this aspect',
  },
  round_date_order: {
    status: 400,
    code: 'date_order',
    zh: '结束日期早于开始日期',
    en: 'the end date is before the start date',
  },
  aspect_order: {
    status: 400,
    zh: '排序须恰好列出本轮的每个问题方面各一次',
    en: 'the order must list each of the round’s aspects exactly once',
  },
  inspection_date_order: {
    status: 400,
    code: 'date_order',
    zh: '日期先后不对：巡察开始 ≤ 结束 < 反馈 ≤ 集中整改期结束',
    en: 'dates are out of order',
  },
  notice_date_order: {
    status: 400,
    code: 'date_order',
    zh: '日期无效或先后不对：反馈 ≤ 截至日期 ≤ 成文日期 ≤ 公开开始 < 公开结束',
    en: 'dates are invalid or out of order',
  },
  team_outside_round: { status: 400, zh: '巡察组不属于所选轮次', en: 'the team belongs to another round' },
  not_inspectable: {
    status: 400,
    zh: (p: { unitName: string }) => `“${p.unitName}”不是被巡察单位`,
    en: 'not an inspected unit',
  },
  aspect_outside_round: { status: 400, zh: '所选方面不属于本轮巡察', en: 'the aspect belongs to another round' },
  problem_outside_inspection: {
    status: 400,
    zh: '所选问题不属于该次巡察',
    en: 'the problem belongs to another inspection',
  },

  // The ledger.
  deadline_before_feedback: {
    status: 400,
    zh: (p: { deadline: string; feedbackOn: string }) => `整改时限（${p.deadline}）早于反馈日期（${p.feedbackOn}）`,
    en: 'the deadline is before the feedback date',
  },
  withheld_reason_required: {
    status: 400,
    zh: '标记“不宜公开”须说明理由',
    en: 'give a reason for withholding the item',
  },
  title_required: { status: 400, code: 'validation', zh: '标题不能为空', en: 'the title cannot be empty' },
  accountability_required: {
    status: 400,
    code: 'validation',
    zh: '问责须填写方式和人数',
    en: 'accountability needs its kind and the number of people',
  },
  amount_required: { status: 400, code: 'validation', zh: '请填写金额（元）', en: 'give the amount in yuan' },
  amount_precision: {
    status: 400,
    code: 'validation',
    zh: '金额最多精确到分（两位小数）',
    en: 'the amount can have at most two decimals (fen)',
  },
  measure_content_required: {
    status: 400,
    code: 'validation',
    zh: '措施内容不能为空',
    en: 'the measure needs its content',
  },
  measure_outside_item: { status: 400, zh: '所选措施不属于该事项', en: 'the measure belongs to another item' },
  future_date: { status: 400, zh: '进展日期不能晚于今天', en: 'a progress entry cannot be dated in the future' },
  unknown_department: {
    status: 400,
    zh: (p: { departmentId: number }) => `责任部门 ${p.departmentId} 不存在`,
    en: (p: { departmentId: number }) => `department ${p.departmentId} does not exist`,
  },
  department_outside_unit: {
    status: 400,
    zh: (p: { departmentName: string }) => `“${p.departmentName}”不是被巡察单位的部门`,
    en: 'the department is not a department of the inspected unit',
  },
  person_outside_unit: {
    status: 400,
    zh: (p: { personId: number }) => `所选责任人（${p.personId}）不是被巡察单位的用户`,
    en: 'the responsible person is not a user of the inspected unit',
  },
  view_name_required: { status: 400, code: 'validation', zh: '请填写视图名称', en: 'give the view a name' },
  too_many_views: {
    status: 400,
    zh: (p: { limit: number }) => `每个页面最多保存 ${p.limit} 个视图，请先删除不用的`,
    en: (p: { limit: number }) => `at most ${p.limit} saved views per page; delete one first`,
  },
  // Issue 14: a closed item's measures are the record of what was done; reopening it comes first.
  measure_on_closed_item: {
    status: 409,
    zh: (p: { itemId: number }) => `问题 ${p.itemId} 已销号，不能再添加整改措施；如需补充，请先由巡察办重新打开`,
    en: (p: { itemId: number }) => `item ${p.itemId} is closed: reopen it before adding a measure`,
  },

  // The close-out workflow and the result label (DomainError).
  cannot_start: {
    status: 409,
    code: 'invalid_transition',
    zh: '只有未启动的事项可以启动',
    en: (p: { state: string }) => `only a not-started item can start (state: ${p.state})`,
  },
  cannot_request_close: {
    status: 409,
    code: 'invalid_transition',
    zh: '此状态下不能申请销号',
    en: (p: { state: string }) => `close-out cannot be requested in state ${p.state}`,
  },
  evidence_required: { status: 409, zh: '申请销号前须上传佐证材料', en: 'upload evidence before requesting close-out' },
  close_note_required: {
    status: 400,
    code: 'note_required',
    zh: '申请销号须填写核查说明',
    en: 'a verification note is required to request close-out',
  },
  cannot_approve: {
    status: 409,
    code: 'invalid_transition',
    zh: '只有待单位审核的销号申请可以审核通过',
    en: 'only a request awaiting the unit leader can be approved',
  },
  self_approval: {
    status: 409,
    zh: '不能审核自己提出的销号申请',
    en: 'you cannot approve your own close-out request',
  },
  cannot_confirm: {
    status: 409,
    code: 'invalid_transition',
    zh: '只有单位已审核的销号申请可以确认销号',
    en: 'only a request approved by the unit can be confirmed',
  },
  self_confirmation: {
    status: 409,
    code: 'self_approval',
    zh: '不能确认自己提出或审核的销号申请',
    en: 'you cannot confirm a request you made or approved',
  },
  cannot_return: {
    status: 409,
    code: 'invalid_transition',
    zh: '只有申请销号中的事项可以退回',
    en: 'only a close-out request can be returned',
  },
  return_note_required: {
    status: 400,
    code: 'note_required',
    zh: '退回须填写理由',
    en: 'a reason is required to return a request',
  },
  cannot_reopen: {
    status: 409,
    code: 'invalid_transition',
    zh: '只有已销号的事项可以重新打开',
    en: 'only a closed item can be reopened',
  },
  reopen_note_required: {
    status: 400,
    code: 'note_required',
    zh: '重新打开须填写回头看发现的问题',
    en: 'a look-back finding is required to reopen',
  },
  completed_but_open: {
    status: 409,
    code: 'result_state_mismatch',
    zh: '未销号的事项不能标为“完成”',
    en: 'an item that is not closed cannot be labelled completed',
  },
  not_completed_but_closed: {
    status: 409,
    code: 'result_state_mismatch',
    zh: '已销号的事项不能标为“未完成”',
    en: 'a closed item cannot be labelled not completed',
  },
  // Issue 14 (close-out): withdrawing a request.
  cannot_withdraw: {
    status: 409,
    code: 'invalid_transition',
    zh: '只有待审核的销号申请可以撤回',
    en: 'only a pending close-out request can be withdrawn',
  },

  // Evidence files.
  file_required: { status: 400, zh: '请选择要上传的文件', en: 'choose a file to upload' },
  notice_file_required: {
    status: 400,
    code: 'file_required',
    zh: '请选择要导入的通报文件',
    en: 'choose a notice file to import',
  },
  ledger_file_required: {
    status: 400,
    code: 'file_required',
    zh: '请选择要导入的台账文件',
    en: 'choose a ledger file to import',
  },
  form_fields_invalid: {
    status: 400,
    code: 'validation',
    zh: '请求内容不符合要求（表单字段）',
    en: 'the form fields are not valid',
  },
  effective_on_format: {
    status: 400,
    code: 'validation',
    zh: '生效日期格式应为 YYYY-MM-DD',
    en: 'effectiveOn must be YYYY-MM-DD',
  },
  measure_id_integer: { status: 400, code: 'validation', zh: 'measureId 应为整数', en: 'measureId must be an integer' },
  file_too_large: {
    status: 413,
    zh: (p: { maxBytes: number }) => `文件超过 ${mb(p.maxBytes)} MB 上限`,
    en: 'the file exceeds the size limit',
  },
  unsupported_file_type: {
    status: 400,
    zh: (p: { ext: string }) => `不支持的文件类型“.${p.ext}”，请上传 PDF、图片、Word、Excel 或压缩包`,
    en: (p: { ext: string }) => `file type .${p.ext} is not accepted`,
  },
  empty_file: { status: 400, zh: '文件为空', en: 'the file is empty' },
  file_type_mismatch: {
    status: 400,
    zh: (p: { ext: string }) => `文件内容与扩展名“.${p.ext}”不符`,
    en: (p: { ext: string }) => `the file's contents do not match .${p.ext}`,
  },
  file_missing: { status: 404, zh: '文件不在存储中', en: 'the stored file is missing' },
  // Issue 14 (close-out): removing one's own evidence before a request rests on it.
  evidence_locked: {
    status: 409,
    zh: '销号申请已提交，佐证材料不能删除或替换；如需修改，请先撤回申请',
    en: 'a close-out request rests on this evidence; withdraw the request to change it',
  },
  evidence_cited: {
    status: 409,
    zh: '该佐证材料已作为延期申请的依据，不能删除或替换',
    en: 'an extension request cites this evidence; it cannot be removed or replaced',
  },
  evidence_not_yours: {
    status: 403,
    code: 'forbidden',
    zh: '只能删除本人上传的佐证材料',
    en: 'you may remove only evidence you uploaded',
  },

  // Evidence encrypted at rest (src/storage/evidence-crypto.ts): a stored file that fails authentication is never served.
  evidence_tampered: {
    status: 500,
    zh: '佐证材料文件未通过完整性校验（可能被篡改或损坏），已拒绝提供，请联系安全管理员',
    en: 'the stored evidence file fails its integrity check (altered or damaged) and is not served',
  },
  evidence_key_missing: {
    status: 500,
    zh: (p: { keyId: string }) => `佐证材料已加密（密钥 ${p.keyId}），但服务器未设置 RECTIFY_EVIDENCE_KEY`,
    en: (p: { keyId: string }) => `the evidence file is encrypted (key ${p.keyId}) but RECTIFY_EVIDENCE_KEY is not set`,
  },
  evidence_key_unknown: {
    status: 500,
    zh: (p: { keyId: string }) =>
      `佐证材料使用密钥 ${p.keyId} 加密，与 RECTIFY_EVIDENCE_KEY（及 RECTIFY_EVIDENCE_KEY_OLD）不符`,
    en: (p: { keyId: string }) =>
      `the evidence file is encrypted with key ${p.keyId}, which is neither RECTIFY_EVIDENCE_KEY nor RECTIFY_EVIDENCE_KEY_OLD`,
  },

  // Publication and the portal.
  bad_period: {
    status: 400,
    zh: '公开期限无效：结束日期须晚于开始日期且不早于今天',
    en: 'the public period is not valid',
  },
  lint_failed: {
    status: 400,
    zh: (p: { errors: number }) => `通报检查发现 ${p.errors} 处错误，修正后才能发布`,
    en: (p: { errors: number }) => `the notice has ${p.errors} lint errors; fix them before publishing`,
  },
  already_published: {
    status: 409,
    zh: '该巡察的通报正在公开，请先撤回再重新发布',
    en: 'this inspection’s notice is already published; withdraw it first',
  },
  already_withdrawn: { status: 409, zh: '该通报已撤回', en: 'this notice is already withdrawn' },
  answer_required: { status: 400, zh: '请填写答复内容，或标记为已办结', en: 'write an answer or mark it handled' },
  rate_limited: {
    status: 429,
    zh: (p: { retryAfterSeconds: number }) => `提交过于频繁，请在 ${Math.ceil(p.retryAfterSeconds / 60)} 分钟后再试`,
    en: (p: { retryAfterSeconds: number }) =>
      `too many comments from your address; try again in ${Math.ceil(p.retryAfterSeconds / 60)} minutes`,
  },
  too_many_requests: {
    status: 429,
    zh: (p: { retryAfterSeconds: number }) => `请求过于频繁，请在 ${p.retryAfterSeconds} 秒后再试`,
    en: (p: { retryAfterSeconds: number }) => `too many requests; try again in ${p.retryAfterSeconds} seconds`,
  },
  period_over: {
    status: 410,
    zh: (p: { publicTo: string }) => `公开期已于 ${p.publicTo} 结束，不再接收意见建议`,
    en: (p: { publicTo: string }) => `the public period ended on ${p.publicTo}; comments are closed`,
  },
  bad_form: { status: 400, zh: '表单已失效，请刷新页面后重新提交', en: 'the form is not valid; reload the page' },
  too_fast: { status: 400, zh: '提交过快，请阅读后稍候再提交', en: 'sent too quickly; please wait a moment' },
  form_expired: { status: 400, zh: '页面停留过久，请刷新页面后重新提交', en: 'the page is too old; reload it' },
  bad_comment: {
    status: 400,
    zh: (p: { problems: string }) => p.problems,
    en: 'the comment is not valid',
  },
  too_many_links: {
    status: 400,
    zh: (p: { problems: string }) => p.problems,
    en: 'the comment is not valid',
  },

  // Supervision, look-backs and evaluations.
  required: {
    status: 400,
    // `what` is the field's Chinese name: the English words name the field itself.
    zh: (p: { what: string; field: string }) => `请填写${p.what}`,
    en: (p: { what: string; field: string }) => `${p.field} is required`,
  },
  too_long: {
    status: 400,
    zh: (p: { what: string; field: string; max: number }) => `${p.what}不能超过 ${p.max} 个字`,
    en: (p: { what: string; field: string; max: number }) => `${p.field} is longer than ${p.max} characters`,
  },
  bad_date: {
    status: 400,
    zh: '日期格式应为 YYYY-MM-DD',
    en: (p: { field: string }) => `${p.field} must be a date (YYYY-MM-DD)`,
  },
  due_in_past: {
    status: 400,
    zh: '办理期限不能早于今天',
    en: (p: { field: string }) => `${p.field} must not be before today`,
  },
  cannot_answer_order: {
    status: 409,
    code: 'invalid_status',
    zh: (p: { status: string }) => `只有待办理或被退回的督办可以答复（当前状态：${p.status}）`,
    en: (p: { status: string }) => `only an open or returned order can be answered (status: ${p.status})`,
  },
  cannot_close_order: {
    status: 409,
    code: 'invalid_status',
    zh: (p: { status: string }) => `只有已答复的督办可以办结（当前状态：${p.status}）`,
    en: (p: { status: string }) => `only an answered order can be closed (status: ${p.status})`,
  },
  cannot_return_order: {
    status: 409,
    code: 'invalid_status',
    zh: (p: { status: string }) => `只有已答复的督办可以退回（当前状态：${p.status}）`,
    en: (p: { status: string }) => `only an answered order can be returned (status: ${p.status})`,
  },
  targets_required: { status: 400, zh: '请选择至少一个督办对象', en: 'choose at least one unit or item' },
  too_many_targets: {
    status: 400,
    zh: (p: { max: number }) => `一次最多督办 ${p.max} 个对象`,
    en: 'too many targets at once',
  },
  duplicate_target: { status: 400, zh: '督办对象重复', en: 'the same target is listed twice' },
  not_inspected_unit: {
    status: 400,
    zh: (p: { unitName: string }) => `“${p.unitName}”不是被巡察单位`,
    en: 'the target is not an inspected unit',
  },
  item_outside_unit: { status: 400, zh: '所选事项不属于该单位', en: 'the item belongs to another unit' },
  one_of: {
    status: 400,
    zh: '请只填写回头看日期或间隔天数之一',
    en: 'give either dueOn or afterDays, not both',
  },
  due_before_close: {
    status: 400,
    zh: (p: { closedOn: string }) => `回头看日期不能早于销号日期（${p.closedOn}）`,
    en: 'dueOn must not precede the close-out',
  },
  note_too_long: {
    status: 400,
    code: 'too_long',
    zh: (p: { max: number }) => `评估说明不能超过 ${p.max} 个字`,
    en: 'note is too long',
  },
  finding_too_long: {
    status: 400,
    code: 'too_long',
    zh: (p: { max: number }) => `说明不能超过 ${p.max} 个字`,
    en: 'finding is too long',
  },
  item_not_closed: { status: 409, zh: '只有已销号的事项可以安排回头看', en: 'only a closed item can have a look-back' },
  lookback_pending: { status: 409, zh: '该事项已有待开展的回头看', en: 'the item already has a look-back pending' },
  lookback_recorded: { status: 409, zh: '该回头看已记录结果', en: 'this look-back already has its result' },
  evaluation_exists: {
    status: 409,
    zh: '该单位已评估，请在现有评估上修改',
    en: 'this unit is already evaluated; edit that evaluation',
  },
  entries_required: { status: 400, zh: '评估清单不能为空', en: 'the checklist is empty' },
  entry_incomplete: {
    status: 400,
    zh: (p: { index: number }) => `第 ${p.index} 项缺少名称`,
    en: (p: { index: number }) => `entry ${p.index} has no name`,
  },
  duplicate_entry: {
    status: 400,
    zh: (p: { label: string; key: string }) => `评估项“${p.label}”重复`,
    en: (p: { label: string; key: string }) => `entry ${p.key} is listed twice`,
  },
  bad_points: {
    status: 400,
    zh: (p: { label: string; key: string }) => `“${p.label}”的分值无效`,
    en: (p: { label: string; key: string }) => `entry ${p.key} has invalid points`,
  },
  bad_deduction: {
    status: 400,
    zh: (p: { label: string; key: string; points: number }) =>
      `“${p.label}”的扣分应在 0 到 ${p.points} 之间，以 0.5 分为单位`,
    en: (p: { label: string; key: string; points: number }) =>
      `the deduction for ${p.key} must be 0–${p.points} in steps of 0.5`,
  },
  points_not_100: {
    status: 400,
    zh: (p: { expected: number; total: number }) => `评估项分值合计应为 ${p.expected} 分（现为 ${p.total} 分）`,
    en: (p: { expected: number; total: number }) =>
      `the entries' points must add up to ${p.expected} (they add up to ${p.total})`,
  },

  // Recurrence.
  group_or_items: {
    status: 400,
    zh: '请指定共性问题或其事项（二者选一）',
    en: 'name the common problem by groupKey or by itemIds, not both',
  },
  unknown_group: {
    status: 400,
    zh: (p: { groupKey: string }) => `共性问题“${p.groupKey}”不存在`,
    en: 'no such common problem',
  },
  item_outside_round: {
    status: 400,
    zh: (p: { itemId: number }) => `事项 ${p.itemId} 不属于本轮巡察`,
    en: 'the item is not in this round',
  },

  // Documents in and out.
  export_too_wide: {
    status: 400,
    zh: (p: { inspections: number; max: number }) =>
      `筛选结果涉及 ${p.inspections} 个巡察，超过 ${p.max} 个，请按轮次、单位或巡察缩小范围后导出`,
    en: (p: { inspections: number; max: number }) =>
      `the selection spans ${p.inspections} inspections; narrow it to at most ${p.max}`,
  },
  ledger_import_refused: {
    status: 400,
    zh: (p: { errors: number; unmatched: number }) =>
      `台账未导入：${[
        p.errors > 0 ? `${p.errors} 处错误` : '',
        p.unmatched > 0 ? `${p.unmatched} 个未匹配的人员或部门（请提供名称映射）` : '',
      ]
        .filter(Boolean)
        .join('，')}`,
    en: 'the ledger was not imported: fix the errors and map the unmatched names',
  },
  bad_mapping: {
    status: 400,
    zh: (p: { why: string }) =>
      `名称映射格式有误：${p.why}；应为 {"departments":{"原名":"编码或名称"},"people":{"原名":"用户名或 null"},"aspects":{"原名":方面编号}}`,
    en: 'the mapping is malformed',
  },
  cell_too_long: {
    status: 400,
    zh: (p: { line: number }) => `CSV 第 ${p.line} 行起有一格超过 32767 个字符（可能缺少配对的引号）`,
    en: (p: { line: number }) => `a CSV field from line ${p.line} is too long (an unclosed quote?)`,
  },
  encrypted_workbook: {
    status: 400,
    zh: '文件设置了打开密码：请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入',
    en: 'the workbook is password-protected: remove the password and save it as .xlsx',
  },
  legacy_xls: {
    status: 400,
    zh: '这是旧版 .xls（或 .et）格式：请在 Excel/WPS 中“另存为” .xlsx 后再导入',
    en: 'this is an old .xls file: save it as .xlsx and import that',
  },
  not_a_spreadsheet: {
    status: 400,
    zh: '不是电子表格：请上传 .xlsx 或 .csv 文件',
    en: 'not a spreadsheet: upload an .xlsx or .csv file',
  },
  corrupt_workbook: {
    status: 400,
    zh: '文件已损坏，无法读取：请在 Excel/WPS 中打开后另存为 .xlsx',
    en: 'the workbook is damaged',
  },
  workbook_too_large: {
    status: 400,
    zh: (p: { limitBytes: number }) => `工作簿解压后超过 ${mb(p.limitBytes)} MB 上限（可能是压缩炸弹）`,
    en: 'the workbook expands beyond the limit (a zip bomb?)',
  },
  not_a_workbook: {
    status: 400,
    zh: '不是 Excel 工作簿（可能是 Word 文档或普通压缩包）：请上传 .xlsx 或 .csv',
    en: 'not an Excel workbook: upload an .xlsx or .csv file',
  },
  bad_encoding: {
    status: 400,
    zh: (p: { line: number; encoding: string }) =>
      `CSV 文件第 ${p.line} 行附近编码有误（应为 UTF-8、GB18030 或 UTF-16）`,
    en: (p: { line: number; encoding: string }) =>
      `the CSV is not valid ${p.encoding.toUpperCase()} near line ${p.line}`,
  },
  import_invalid: { status: 400, zh: importRefusal, en: importRefusal },
  already_imported: {
    status: 409,
    zh: (p: { inspectionId: number }) => `该巡察已存在（编号 ${p.inspectionId}），不重复导入`,
    en: (p: { inspectionId: number }) => `inspection ${p.inspectionId} already exists; not imported twice`,
  },
  // Issue 14: an import into a live ledger is confirmed against its preview and undone within a day.
  ledger_import_stale: {
    status: 409,
    zh: '预览之后台账已有变动（事项被修改、新增或删除）：本次未导入任何内容，请重新上传预览后再确认导入',
    en: 'the ledger changed after the preview; nothing was imported: preview the file again, then confirm',
  },
  ledger_import_preview_required: {
    status: 400,
    zh: '请先预览（dryRun），再带预览返回的 previewToken 确认导入',
    en: 'preview the file first (dryRun) and confirm with the previewToken it returned',
  },
  ledger_import_undo_expired: {
    status: 409,
    zh: (p: { hours: number }) => `导入已超过 ${p.hours} 小时，不能再撤销；请逐条修改台账`,
    en: (p: { hours: number }) => `the import is more than ${p.hours} hours old and can no longer be undone`,
  },
  ledger_import_already_undone: { status: 409, zh: '该次导入已撤销', en: 'this import was already undone' },
  ledger_import_undo_conflict: {
    status: 409,
    zh: (p: { count: number; first: string }) =>
      `${p.count} 个事项在导入后又有改动（如“${p.first}”），撤销会丢失这些改动，本次未作任何更改；请逐条修改台账`,
    en: (p: { count: number; first: string }) =>
      `${p.count} item(s) changed after the import (such as "${p.first}"); undoing would lose that work, so nothing was changed`,
  },
  // A notice read from a file or an upload (NoticeInputError): the CLI and the notice import.
  not_a_file: {
    status: 400,
    zh: '这是一个文件夹，不是文件',
    en: (p: { file: string }) => `${p.file} is a directory, not a file`,
  },
  file_not_found: {
    status: 404,
    code: 'not_found',
    zh: '找不到文件',
    en: (p: { file: string }) => `file not found: ${p.file}`,
  },
  unreadable: {
    status: 400,
    zh: '无法读取文件',
    en: (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  },
  notice_file_too_large: {
    status: 413,
    code: 'too_large',
    zh: (p: { size: number; maxBytes: number }) =>
      `文件过大（${(p.size / 1048576).toFixed(1)} MB），上限为 ${(p.maxBytes / 1048576).toFixed(1)} MB`,
    en: (p: { size: number; maxBytes: number }) =>
      `file too large (${(p.size / 1048576).toFixed(1)} MB); the limit is ${(p.maxBytes / 1048576).toFixed(1)} MB`,
  },
  notice_upload_too_large: {
    status: 413,
    code: 'too_large',
    zh: (p: { maxBytes: number }) => `文件过大，上限为 ${p.maxBytes / 1048576} MB`,
    en: (p: { maxBytes: number }) => `file too large; the limit is ${p.maxBytes / 1048576} MB`,
  },
  docx_body_too_large: {
    status: 413,
    code: 'too_large',
    zh: '.docx 正文解压后过大',
    en: 'the .docx body is too large once unzipped',
  },
  notice_file_empty: {
    status: 400,
    code: 'empty',
    zh: '文件为空',
    en: (p: { file: string }) => `the file is empty: ${p.file}`,
  },
  notice_without_text: {
    status: 400,
    code: 'empty',
    zh: '文件中没有文字',
    en: (p: { file: string }) => `the file contains no text: ${p.file}`,
  },
  legacy_doc: {
    status: 400,
    zh: '这是旧版 Word (.doc) 文件，请另存为 .docx 或 .txt',
    en: 'this is a legacy Word .doc file; save it as .docx or .txt',
  },
  zip_not_text: {
    status: 400,
    code: 'not_text',
    zh: '这是压缩包（可能是 .docx），不是纯文本',
    en: 'this is a zip archive (perhaps a .docx), not plain text',
  },
  not_text: {
    status: 400,
    zh: '无法识别的文件内容：既不是 UTF-8/GB18030 文本，也不是 .docx',
    en: 'unrecognised content: neither UTF-8/GB18030 text nor .docx',
  },
  not_docx: {
    status: 400,
    zh: '这不是有效的 .docx 文件（不是 zip 压缩格式）',
    en: 'not a valid .docx file (it is not a zip archive)',
  },
  docx_damaged: {
    status: 400,
    code: 'not_docx',
    zh: '.docx 文件已损坏，无法解压',
    en: (p: { reason: string }) => `the .docx is damaged and cannot be unzipped (${p.reason})`,
  },
  docx_without_document: {
    status: 400,
    code: 'not_docx',
    zh: '.docx 中没有 word/document.xml，可能不是 Word 文档',
    en: 'the .docx has no word/document.xml; it may not be a Word document',
  },
  docx_bad_encoding: {
    status: 400,
    code: 'not_docx',
    zh: '.docx 正文编码无效',
    en: 'the .docx body is not valid UTF-8 XML',
  },
  // Issue 11 (hardening), malformed input that used to answer 500.
  multipart_boundary_missing: {
    status: 400,
    zh: '上传请求缺少 multipart 分隔符（boundary），请用表单或上传控件重新提交',
    en: 'the multipart request has no boundary; send it again as a form upload',
  },
  // Issue 12 (jobs): long work off the request path.
  job_abandoned: {
    status: 500,
    zh: '后台任务中断（服务器在处理时停止），未写入任何内容，请重新提交',
    en: 'the background job was interrupted (its server stopped); nothing was written, submit it again',
  },
  job_failed: {
    status: 500,
    zh: '后台任务意外失败，未写入任何内容，请重新提交或联系管理员',
    en: 'the background job failed unexpectedly; nothing was written',
  },
  job_not_finished: {
    status: 409,
    zh: '任务尚未完成，文件还不能下载',
    en: 'the job has not finished; its file is not ready',
  },
  job_file_gone: {
    status: 410,
    zh: '文件已下载或已过期（生成后保留一小时），请重新生成',
    en: 'the file was already downloaded or has expired (kept for an hour); build it again',
  },
  // Issue 12: archiving a finished round (归档).
  round_archived: {
    status: 409,
    zh: '该轮巡察已归档，只读；如需修改请由巡察办取消归档',
    en: 'this round is archived and read-only; the inspection office can unarchive it to change it',
  },
  round_not_finished: {
    status: 409,
    zh: (p: { openItems: number; pendingLookbacks: number; openOrders: number }) =>
      `该轮巡察尚未办结，不能归档：还有 ${p.openItems} 个整改事项未销号` +
      (p.pendingLookbacks > 0 ? `，${p.pendingLookbacks} 项回头看未记录结果` : '') +
      (p.openOrders > 0 ? `，${p.openOrders} 份督办未办结` : ''),
    en: (p: { openItems: number; pendingLookbacks: number; openOrders: number }) =>
      `the round is not finished and cannot be archived: ${p.openItems} item(s) not closed out` +
      (p.pendingLookbacks > 0 ? `, ${p.pendingLookbacks} look-back(s) without a result` : '') +
      (p.openOrders > 0 ? `, ${p.openOrders} supervision order(s) still open` : ''),
  },
  round_not_archived: { status: 409, zh: '该轮巡察未归档', en: 'this round is not archived' },
  round_already_archived: { status: 409, zh: '该轮巡察已归档', en: 'this round is already archived' },
  // Issue 13 (deadlines): extension requests (延期申请) once the plan is submitted.
  deadline_needs_extension: {
    status: 409,
    zh: (p: { route: string }) => `整改方案已报送，整改时限只能通过延期申请调整（${p.route}）`,
    en: (p: { route: string }) =>
      `the plan is submitted: a deadline moves only through an extension request (${p.route})`,
  },
  extension_reason_required: { status: 400, zh: '请填写延期理由', en: 'give the reason for the extension' },
  extension_date_not_later: {
    status: 400,
    zh: (p: { deadline: string; current: string }) => `申请的时限（${p.deadline}）须晚于当前时限（${p.current}）`,
    en: (p: { deadline: string; current: string }) =>
      `the new deadline (${p.deadline}) must be after the current one (${p.current})`,
  },
  extension_item_closed: { status: 409, zh: '已销号的事项不能申请延期', en: 'a closed item cannot be extended' },
  extension_already_open: {
    status: 409,
    zh: '该事项已有待审批的延期申请，请等待审批结果',
    en: 'this item already has an extension request awaiting a decision',
  },
  extension_self_approval: {
    status: 409,
    zh: '不能审批自己提出的延期申请',
    en: 'you cannot decide your own extension request',
  },
  extension_not_pending: {
    status: 409,
    zh: '该延期申请已审批完毕或不在您的审批环节',
    en: 'this extension request is already decided or not at your step',
  },
  extension_note_required: { status: 400, zh: '不同意延期时请写明理由', en: 'give the reason for refusing' },
  extension_evidence_outside_item: {
    status: 400,
    zh: '所附佐证材料不属于该事项',
    en: 'the evidence named does not belong to this item',
  },
  plan_already_submitted: { status: 409, zh: '整改方案已报送', en: 'the plan is already submitted' },
  // Issue 13 (directory): units, departments and accounts in and out of Excel.
  directory_import_refused: {
    status: 400,
    zh: (p: { errors: number }) => `通讯录未导入：文件中有 ${p.errors} 处问题，请按清单修改后重新上传`,
    en: (p: { errors: number }) => `the directory was not imported: the file has ${p.errors} problem(s)`,
  },
  directory_plan_changed: {
    status: 409,
    zh: '预检之后单位或账号已有变动，导入内容与预检结果不同；请重新预检后再确认',
    en: 'units or accounts changed since the check; check the file again before confirming',
  },
  directory_file_required: {
    status: 400,
    zh: '请上传通讯录文件（.xlsx 或 .csv）',
    en: 'upload the directory file (.xlsx or .csv)',
  },
  directory_too_many_rows: {
    status: 400,
    zh: (p: { max: number }) => `文件超过 ${p.max} 行，不像通讯录；请检查是否选错了文件`,
    en: (p: { max: number }) => `the file has more than ${p.max} rows; is it the directory?`,
  },

  // LDAP/AD sign-in (issue 13).
  directory_unavailable: {
    status: 503,
    zh: '统一身份认证服务（LDAP）暂时无法连接，请稍后再试；本地账号不受影响',
    en: 'the directory (LDAP) cannot be reached just now; try again shortly. Local accounts are not affected',
  },
  directory_no_group: {
    status: 403,
    zh: '您的统一身份认证账号不在本系统授权的任何组中，无法登录。请联系管理员将您加入相应的组',
    en: 'your directory account is in none of the groups this system admits; ask the administrator to add you to one',
  },
  directory_unit_unknown: {
    status: 403,
    zh: (p: { unitCode: string }) =>
      `您所在组对应的单位（代码 ${p.unitCode}）在本系统中不存在，无法登录。请联系系统管理员核对组映射`,
    en: (p: { unitCode: string }) =>
      `your group maps to unit code ${p.unitCode}, which this system does not have; ask the administrator to check the group map`,
  },
  directory_username_taken: {
    status: 409,
    zh: (p: { username: string }) =>
      `用户名 ${p.username} 已是本系统的本地账号，不能以统一身份认证登录。请联系系统管理员`,
    en: (p: { username: string }) =>
      `${p.username} is a local account here, so it cannot sign in through the directory; ask the administrator`,
  },
  directory_managed_password: {
    status: 409,
    zh: '此账号由统一身份认证管理，请在统一身份认证平台修改密码',
    en: 'this account is managed by the directory; change its password there',
  },
  // Issue 13 (oidc): single sign-on through the 统一身份认证 platform. The callback is a browser navigation, so these
  // reach the person as a code on the sign-in page, which shows the words below.
  oidc_not_configured: { status: 404, zh: '未配置统一身份认证登录', en: 'single sign-on is not configured' },
  oidc_state_mismatch: {
    status: 400,
    zh: '登录请求与本浏览器发起的不一致（可能来自其他窗口或链接），请重新点击统一身份认证登录',
    en: 'this sign-in answer does not belong to a sign-in started in this browser; start again',
  },
  oidc_login_replayed: {
    status: 400,
    zh: '该登录回调已使用过，不能重复使用，请重新点击统一身份认证登录',
    en: 'this sign-in answer has already been used; start again',
  },
  oidc_login_expired: {
    status: 400,
    zh: '登录请求已过期，请重新点击统一身份认证登录',
    en: 'the sign-in took too long and has expired; start again',
  },
  oidc_rejected: {
    status: 400,
    zh: '统一身份认证平台未完成登录，请重试；如仍失败请联系管理员',
    en: 'the identity provider did not complete the sign-in; try again or ask the administrator',
  },
  oidc_unmapped: {
    status: 403,
    zh: '您的统一身份认证账号未被授予本系统的角色或单位，请联系系统管理员',
    en: 'your directory account has no role or unit in this system; ask the administrator',
  },
  oidc_account_refused: {
    status: 403,
    zh: '该账号已停用或被锁定，不能登录，请联系系统管理员',
    en: 'this account is deactivated or locked; ask the administrator',
  },
  oidc_account_local: {
    status: 409,
    zh: '同名的本地管理员账号不能通过统一身份认证登录，请使用用户名和密码登录',
    en: 'a local administrator account of this name cannot sign in through single sign-on; use its password',
  },
  oidc_provider_unavailable: {
    status: 503,
    zh: '统一身份认证平台暂时无法访问，请稍后再试或使用用户名和密码登录',
    en: 'the identity provider cannot be reached; try later or sign in with a password',
  },
  // Issue 13, channels: contact details and the units' robots and SMS hook.
  invalid_email: {
    status: 400,
    code: 'validation',
    zh: '电子邮箱格式不正确（例如 name@example.gov.cn）',
    en: 'this is not an e-mail address (like name@example.gov.cn)',
  },
  invalid_phone: {
    status: 400,
    code: 'validation',
    zh: '手机号码应为 11 位数字，以 1 开头',
    en: 'a mobile number has 11 digits and starts with 1',
  },
  robot_url_invalid: {
    status: 400,
    code: 'validation',
    zh: (p: { robot: string; token: string }) =>
      `${p.robot}机器人地址应为 http(s) 地址，不超过 1000 个字符，并带有 ${p.token} 参数`,
    en: (p: { robot: string; token: string }) =>
      `the ${p.robot} robot's address must be an http(s) URL of at most 1000 characters carrying ${p.token}`,
  },
  sms_hook_invalid: {
    status: 400,
    code: 'validation',
    zh: (p: { problem: string }) =>
      ({
        url_not_http: '短信接口地址应为 http(s) 地址，且不含用户名和密码',
        url_too_long: '短信接口地址不能超过 1000 个字符',
        template_too_long: '短信请求模板不能超过 2000 个字符',
        missing_phone: '短信请求模板中缺少 {phone} 占位符（GET 请求须写在地址中）',
        missing_text: '短信请求模板中缺少 {text} 占位符（GET 请求须写在地址中）',
        body_not_json: '短信请求模板不是有效的 JSON（占位符应写在字符串内）',
      })[p.problem] ?? '短信接口设置不正确',
    en: (p: { problem: string }) =>
      ({
        url_not_http: "the SMS hook's address must be an http(s) URL without a user name or password",
        url_too_long: "the SMS hook's address is longer than 1000 characters",
        template_too_long: 'the SMS body template is longer than 2000 characters',
        missing_phone: 'the SMS template lacks {phone} (in the URL for GET)',
        missing_text: 'the SMS template lacks {text} (in the URL for GET)',
        body_not_json: 'the SMS body template is not valid JSON (put the placeholders inside strings)',
      })[p.problem] ?? 'the SMS hook is not valid',
  },
  sms_hook_incomplete: {
    status: 400,
    code: 'validation',
    zh: '请同时填写短信接口地址和请求方式',
    en: 'give the SMS hook both its address and its method',
  },
  // Issue 15, point 8: the office's aspect mapping between two rounds.
  aspect_mapping_same_round: {
    status: 400,
    code: 'validation',
    zh: '不能将一个巡察轮次与其自身对应，请选择另一轮次',
    en: 'a round cannot be mapped to itself: choose another round',
  },
  aspect_not_of_round: {
    status: 400,
    code: 'validation',
    zh: (p: { aspectId: number; round: string }) =>
      `问题方面（编号 ${p.aspectId}）不属于“${p.round}”，本次未保存任何对应`,
    en: (p: { aspectId: number; round: string }) =>
      `aspect ${p.aspectId} is not an aspect of “${p.round}”; nothing was saved`,
  },
  aspect_mapped_twice: {
    status: 400,
    code: 'validation',
    zh: (p: { aspectId: number }) => `问题方面（编号 ${p.aspectId}）出现了两次，请每个方面只填写一次`,
    en: (p: { aspectId: number }) => `aspect ${p.aspectId} appears twice: give each aspect once`,
  },
  // Issue 15 (报送): the 整改情况报告 recorded as submitted.
  report_submitted_on_format: {
    status: 400,
    code: 'validation',
    zh: '报送日期格式应为 YYYY-MM-DD',
    en: 'the submission date must be YYYY-MM-DD',
  },
  report_submitted_on_future: {
    status: 400,
    code: 'validation',
    zh: (p: { today: string }) => `报送日期不能晚于今天（${p.today}）`,
    en: (p: { today: string }) => `the submission date cannot be after today (${p.today})`,
  },
  report_submitted_before_feedback: {
    status: 400,
    code: 'validation',
    zh: (p: { feedbackOn: string }) => `报送日期不能早于反馈日期（${p.feedbackOn}）`,
    en: (p: { feedbackOn: string }) => `the submission date cannot be before the feedback date (${p.feedbackOn})`,
  },
  report_doc_number_invalid: {
    status: 400,
    code: 'validation',
    zh: '请按发文填写文号，如 〔2026〕12号（不超过 50 字）',
    en: 'give the document number as written, e.g. 〔2026〕12号 (at most 50 characters)',
  },
  report_file_type: {
    status: 400,
    code: 'validation',
    zh: '整改情况报告请上传 .docx 或 .pdf 文件',
    en: 'upload the report as a .docx or .pdf file',
  },
  report_submission_unit_only: {
    status: 403,
    code: 'forbidden',
    zh: '整改情况报告的报送由被巡察单位管理员或领导登记',
    en: "the report's submission is recorded by the unit's administrator or leaders",
  },
  report_not_submitted: {
    status: 404,
    code: 'not_found',
    zh: '该次巡察尚未报送整改情况报告',
    en: 'no report has been recorded as submitted for this inspection',
  },
  // Issue 15 (问题线索): problem clues handed to the 纪委监委.
  clue_description_invalid: {
    status: 400,
    code: 'validation',
    zh: '请填写线索的简要描述（不超过 500 字）',
    en: 'describe the clue briefly (at most 500 characters)',
  },
  clue_already_marked: {
    status: 409,
    code: 'clue_already_marked',
    zh: '该问题或事项已标记为问题线索',
    en: 'this problem or item is already marked as a clue',
  },
  clue_invalid_step: {
    status: 409,
    code: 'invalid_transition',
    zh: (p: { state: string }) => `线索当前为“${p.state}”，不能进行这一步`,
    en: (p: { state: string }) => `the clue is “${p.state}”: this step is not open`,
  },
  clue_date_format: {
    status: 400,
    code: 'validation',
    zh: '日期格式应为 YYYY-MM-DD',
    en: 'the date must be YYYY-MM-DD',
  },
  clue_date_future: {
    status: 400,
    code: 'validation',
    zh: (p: { today: string }) => `日期不能晚于今天（${p.today}）`,
    en: (p: { today: string }) => `the date cannot be after today (${p.today})`,
  },
  clue_date_before_previous: {
    status: 400,
    code: 'validation',
    zh: (p: { previous: string }) => `日期不能早于上一步的日期（${p.previous}）`,
    en: (p: { previous: string }) => `the date cannot be before the previous step (${p.previous})`,
  },
  clue_deadline_not_after_transfer: {
    status: 400,
    code: 'validation',
    zh: (p: { handedOverOn: string }) => `办理时限应晚于移交日期（${p.handedOverOn}）`,
    en: (p: { handedOverOn: string }) => `the handling deadline must be after the transfer date (${p.handedOverOn})`,
  },
  clue_receiving_body_invalid: {
    status: 400,
    code: 'validation',
    zh: '请填写接收单位，如 市纪委监委第三监督检查室（不超过 100 字）',
    en: 'name the receiving body, e.g. 市纪委监委第三监督检查室 (at most 100 characters)',
  },
  clue_outcome_not_handed_over: {
    status: 409,
    code: 'invalid_transition',
    zh: '线索移交后才能登记处置结果',
    en: 'record the outcome once the clue is handed over',
  },
  clue_outcome_count_invalid: {
    status: 400,
    code: 'validation',
    zh: '人数、件数应为 0 至 9999 的整数',
    en: 'counts must be whole numbers from 0 to 9999',
  },
  clue_outcome_filed_without_case: {
    status: 400,
    code: 'validation',
    zh: '立案后才能登记立案件数、人数和党纪政务处分人数',
    en: 'case and disciplinary counts are recorded once a case is opened',
  },
  clue_outcome_cases_people: {
    status: 400,
    code: 'validation',
    zh: '立案件数与人数应同时填写，且件数不多于人数',
    en: 'give cases and people together, with no more cases than people',
  },
  clue_outcome_disciplined_over_filed: {
    status: 400,
    code: 'validation',
    zh: '党纪政务处分人数不能多于立案人数',
    en: 'no more people disciplined than filed against',
  },
  clue_office_only: {
    status: 403,
    code: 'forbidden',
    zh: '问题线索由巡察办标记和移交',
    en: 'clues are marked and handed over by the inspection office',
  },
  // Issue 15 (督办 as documents).
  order_not_editable: {
    status: 409,
    zh: (p: { status: string }) => `督办已答复或已撤回，不能再修改或撤回（当前状态：${p.status}）`,
    en: (p: { status: string }) =>
      `the order was answered or recalled and can no longer be edited or recalled (status: ${p.status})`,
  },
  order_files_closed: {
    status: 409,
    zh: (p: { status: string }) => `只有待办理或被退回的督办可以添加或删除答复附件（当前状态：${p.status}）`,
    en: (p: { status: string }) =>
      `files are added to or removed from an open or returned order only (status: ${p.status})`,
  },
  too_many_order_files: {
    status: 409,
    zh: (p: { max: number }) => `一份督办答复最多附 ${p.max} 个文件`,
    en: (p: { max: number }) => `an answer carries at most ${p.max} files`,
  },
  soffice_missing: {
    status: 503,
    zh: '服务器未安装 LibreOffice，暂不能生成 PDF；请下载 Word 版（.docx）',
    en: 'LibreOffice is not installed on the server, so no PDF can be made; download the .docx instead',
  },
  pdf_conversion_failed: {
    status: 502,
    zh: 'PDF 生成失败，请稍后重试或下载 Word 版（.docx）',
    en: 'the PDF could not be made; try again later or download the .docx',
  },
  lookback_scope_required: {
    status: 400,
    code: 'validation',
    zh: '请选择一个单位或一轮巡察（二选一）',
    en: 'name one unit or one round (one of the two)',
  },
  lookback_scope_empty: {
    status: 409,
    zh: '所选范围内没有已销号且尚无待开展回头看的事项',
    en: 'the unit or round has no closed item without a pending look-back',
  },
  // Issue 15, point 4: the portal's 群众满意度测评.
  bad_satisfaction: {
    status: 400,
    code: 'validation',
    zh: (p: { problems: string }) => p.problems,
    en: 'the questionnaire is not complete or not valid',
  },
  satisfaction_answered_today: {
    status: 409,
    zh: '您今天已经对该通报作过满意度评价，感谢参与！请明天再来',
    en: 'this address has already answered the questionnaire on this notice today; thank you',
  },
  // Issue 15, public comments: receipts, 办结, 转办, links, remarks.
  comment_handled_needs_answer: {
    status: 400,
    code: 'validation',
    zh: '办结前请填写答复内容：答复将在回执查询页向群众公开',
    en: 'write the answer before marking it handled: the citizen reads it on the receipt page',
  },
  comment_transfer_due_format: {
    status: 400,
    code: 'validation',
    zh: '转办期限须为有效日期（YYYY-MM-DD）',
    en: 'the due date must be a valid date YYYY-MM-DD',
  },
  comment_transfer_due_past: {
    status: 400,
    code: 'validation',
    zh: (p: { today: string }) => `转办期限不能早于今天（${p.today}）`,
    en: (p: { today: string }) => `the due date must not be in the past (today is ${p.today})`,
  },
  comment_already_handled: {
    status: 409,
    zh: '该意见建议已办结，不能再转办',
    en: 'this comment is already handled and cannot be passed on',
  },
  comment_item_other_inspection: {
    status: 400,
    code: 'validation',
    zh: '只能关联本次巡察的问题（整改事项）',
    en: 'link only an item of the same inspection',
  },
  comment_remark_empty: {
    status: 400,
    code: 'validation',
    zh: '请填写意见内容（最多 2000 字）',
    en: 'write the remark (at most 2,000 characters)',
  },
  comment_remark_supervisors_only: {
    status: 403,
    code: 'forbidden',
    zh: '内部意见由派驻纪检监察组、巡察组或巡察办填写',
    en: 'internal remarks are written by the supervisors, the inspection team or the office',
  },
  receipt_lookups_limited: {
    status: 429,
    code: 'rate_limited',
    zh: (p: { retryAfterSeconds: number }) => `查询次数过多，请在 ${Math.ceil(p.retryAfterSeconds / 60)} 分钟后再试`,
    en: (p: { retryAfterSeconds: number }) =>
      `too many receipt lookups from your address; try again in ${Math.ceil(p.retryAfterSeconds / 60)} minutes`,
  },
  receipt_unknown: {
    status: 404,
    code: 'not_found',
    zh: '找不到该回执号，请核对后重新输入',
    en: 'there is no such receipt; check it and try again',
  },
  // Issue 15 (point 1): publishing as a workflow.
  publication_in_review: {
    status: 409,
    zh: '该巡察的公告已提交审批，请待审批完成或退回后再修改',
    en: 'a version of this notice is being reviewed; wait for the decision or its return before changing it',
  },
  publication_version_state: {
    status: 409,
    zh: (p: { state: string }) => `该公告版本当前为“${p.state}”，不能进行此操作`,
    en: (p: { state: string }) => `this version of the notice is “${p.state}”; this step does not apply`,
  },
  publication_step_role: {
    status: 403,
    code: 'forbidden',
    zh: '此审批环节不由您办理：提交由单位发布人员办理，审批由单位领导（及巡察办）办理',
    en: "this step is not yours: the unit's publisher submits, the unit's leader (and the office) approve",
  },
  publication_own_submission: {
    status: 403,
    code: 'forbidden',
    zh: '不能审批本人提交的公告，请由其他单位领导审批',
    en: 'you cannot approve a notice you submitted; another leader must',
  },
  publication_return_reason: {
    status: 400,
    code: 'validation',
    zh: '退回须填写理由',
    en: 'a return needs its reason',
  },
  // Issue 16: OFD and Office evidence previewed in the browser.
  preview_unavailable: {
    status: 415,
    code: 'unsupported_media_type',
    zh: '该类型的文件不能在线预览，请下载后查看',
    en: 'this kind of file cannot be previewed; download it instead',
  },
  ofd_unreadable: {
    status: 422,
    zh: '无法读取该 OFD 文件，请下载后用 OFD 阅读器查看',
    en: 'this OFD file cannot be read here; download it and open it in an OFD reader',
  },
  preview_soffice_missing: {
    status: 503,
    zh: '服务器未安装 LibreOffice，Office 文件暂不能在线预览，请下载后查看',
    en: 'LibreOffice is not installed on the server, so Office files cannot be previewed; download the file instead',
  },
  pdf_damaged: {
    status: 400,
    code: 'not_pdf',
    zh: 'PDF 文件已损坏，无法读取',
    en: (p: { reason: string }) => `the PDF is damaged and cannot be read (${p.reason})`,
  },
  pdf_encrypted: {
    status: 400,
    code: 'not_pdf',
    zh: 'PDF 文件设有密码，请去除密码后再上传',
    en: 'the PDF is password-protected; remove the password and try again',
  },
  pdf_without_text: {
    status: 400,
    code: 'empty',
    zh: 'PDF 中没有文字层（可能是扫描件），请上传原始 .docx 或文字版 PDF',
    en: 'the PDF has no text layer (it may be a scan); upload the original .docx or a PDF with text',
  },
  pdf_too_many_pages: {
    status: 413,
    code: 'too_large',
    zh: (p: { pages: number; maxPages: number }) => `PDF 共 ${p.pages} 页，超过通报的上限 ${p.maxPages} 页`,
    en: (p: { pages: number; maxPages: number }) =>
      `the PDF has ${p.pages} pages; a notice may have at most ${p.maxPages}`,
  },
  html_without_article: {
    status: 400,
    code: 'empty',
    zh: '网页中找不到正文',
    en: 'no article text was found in the web page',
  },
  office_converter_missing: {
    status: 400,
    code: 'unsupported_format',
    zh: '服务器未安装 LibreOffice，无法读取 .doc / .wps 文件，请另存为 .docx、.pdf 或 .txt 后上传',
    en: 'LibreOffice is not installed here, so .doc / .wps files cannot be read; save it as .docx, .pdf or .txt',
  },
  office_conversion_failed: {
    status: 400,
    code: 'unsupported_format',
    zh: '.doc / .wps 文件转换失败，请另存为 .docx、.pdf 或 .txt 后上传',
    en: (p: { reason: string }) =>
      `the .doc / .wps file could not be converted (${p.reason}); save it as .docx, .pdf or .txt`,
  },
  notice_paste_empty: {
    status: 400,
    code: 'empty',
    zh: '粘贴的内容为空，请粘贴通报全文或网页源代码',
    en: 'nothing was pasted; paste the notice text or the page source',
  },
  notice_paste_too_large: {
    status: 413,
    code: 'too_large',
    zh: (p: { maxBytes: number }) => `粘贴的内容过大，上限为 ${p.maxBytes / 1048576} MB`,
    en: (p: { maxBytes: number }) => `what was pasted is too large; the limit is ${p.maxBytes / 1048576} MB`,
  },
  notice_paste_not_text: {
    status: 400,
    code: 'not_text',
    zh: '粘贴的内容不是文字（含大量控制字符或乱码），请粘贴通报全文或网页源代码',
    en: 'what was pasted is not text (control characters or garbled bytes); paste the notice text or the page source',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorKey = keyof typeof ERRORS;

type ParamsOf<W> = W extends (params: infer P) => string ? P : unknown;

/** The values an entry's words name; `unknown` when they name none. */
export type ErrorParams<K extends ErrorKey> = ParamsOf<(typeof ERRORS)[K]['zh']> & ParamsOf<(typeof ERRORS)[K]['en']>;

/** The refusals of a 403, for a rule that should say more than "not allowed". */
export type ForbiddenKey = { [K in ErrorKey]: (typeof ERRORS)[K]['status'] extends 403 ? K : never }[ErrorKey];

/** The code on the wire: the key, unless the entry shares an older code with other words. */
export type ErrorCode = {
  [K in ErrorKey]: (typeof ERRORS)[K] extends { code: infer C extends string } ? C : K;
}[ErrorKey];

export function errorCode(key: ErrorKey): ErrorCode {
  const entry: ErrorEntry = ERRORS[key];
  return (entry.code ?? key) as ErrorCode;
}

export function errorStatus(key: ErrorKey): number {
  return ERRORS[key].status;
}

export function errorMessage<K extends ErrorKey>(key: K, params: ErrorParams<K>, lang: Lang): string {
  const words: Words = ERRORS[key][lang];
  return typeof words === 'string' ? words : (words as (p: ErrorParams<K>) => string)(params);
}

/** How the CLI, the logs and an error's own `message` read it: Chinese, then English. */
export function bilingualMessage<K extends ErrorKey>(key: K, params: ErrorParams<K>): string {
  return `${errorMessage(key, params, 'zh')} / ${errorMessage(key, params, 'en')}`;
}

/**
 * The words for a code received over the wire, where they need no value the code alone cannot give: codes shared by
 * several entries, or words naming a value, return null and the reader keeps the server's own message.
 */
export function messageOfCode(code: string, lang: Lang): string | null {
  const entries = (Object.keys(ERRORS) as ErrorKey[]).filter((key) => errorCode(key) === code);
  if (entries.length !== 1) return null;
  const words: Words = ERRORS[entries[0]][lang];
  return typeof words === 'string' ? words : null;
}

/** The language an Accept-Language header prefers among ours: Chinese unless English ranks above it. */
export function preferredLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...options] = part.trim().toLowerCase().split(';');
    const lang: Lang | null = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : null;
    if (!lang) continue;
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
    const q = qOption ? Number(qOption.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

/**
 * A refusal by key. Its `message` reads Chinese then English, as the CLI prints it; the HTTP error handler answers in
 * the language asked through `messageIn`.
 */
export class CodedError<K extends ErrorKey = ErrorKey> extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  constructor(
    readonly key: K,
    readonly params: ErrorParams<K>,
    readonly details?: unknown,
  ) {
    super(bilingualMessage(key, params));
    this.code = errorCode(key);
    this.statusCode = errorStatus(key);
  }

  messageIn(lang: Lang): string {
    return errorMessage(this.key, this.params, lang);
  }
}

/** The arguments after the key: the values the words name (when they name any), then the details. */
export type ErrorArgs<K extends ErrorKey> =
  unknown extends ErrorParams<K> ? [details?: unknown] : [params: ErrorParams<K>, details?: unknown];

/** Splits the arguments after a key into the words' values and the details. */
export function splitErrorArgs<K extends ErrorKey>(
  key: K,
  args: ErrorArgs<K>,
): { params: ErrorParams<K>; details: unknown } {
  const entry: ErrorEntry = ERRORS[key];
  const named = typeof entry.zh !== 'string' || typeof entry.en !== 'string';
  return named
    ? { params: args[0] as ErrorParams<K>, details: args[1] }
    : { params: undefined as ErrorParams<K>, details: args[0] };
}
