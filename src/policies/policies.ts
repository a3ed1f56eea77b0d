import type { ForbiddenKey } from '../domain/error-codes.ts';
import type { Role } from '../domain/roles.ts';
import type { TodoKind } from '../domain/todos.ts';
import { eventsOpenTo, WORKFLOW_EVENTS, type WorkflowEvent, type WorkflowSnapshot } from '../domain/workflow.ts';

/** Who is acting: a signed-in user, with the path of the unit their access is scoped to ('/1/4/'). */
export interface Actor {
  id: number;
  role: Role;
  unitId: number;
  unitPath: string;
  teamId: number | null;
  /**
   * 三员分立 in force (config.separationOfDuties), stamped on the actor where the request or the command line builds it
   * (actorUnder): absent, the system administrator keeps the reach it has in the embedded trial.
   */
  separationOfDuties?: boolean;
}

/** What a policy needs to know of an item (or an inspection: departmentPaths is then empty). */
export interface ScopedResource {
  unitPath: string;
  teamId: number;
  /** Paths of the departments responsible for it: its lead department and its measures' departments. */
  departmentPaths: string[];
}

// ---- 三员分立 (separation of the three administrators, GB/T 22239-2019 level 3)
//
// The rule, in one place:
// - 系统管理员 (admin): the unit tree, accounts (create, rename, move, deactivate, reset a password) and configuration.
//   While separationOfDuties is off it also reads and manages the business data and the audit trail as the embedded
//   trial always has; on, it reads no business data and no audit trail, and it may not grant or withdraw any of the
//   three administrator roles.
// - 安全管理员 (security_admin): account security: unlock an account, end an account's sessions, grant and withdraw
//   roles (the three administrator roles included), read the security settings. It creates no account and resets no
//   password (the system administrator does, and the owner must change it at first sign-in). No business data.
// - 安全审计员 (auditor): reads and exports the audit trail, nothing else.
// - Nobody changes their own role or deactivates their own account; under separationOfDuties the last active account of
//   each of the three administrator roles can be neither deactivated nor given another role.

export const ADMINISTRATOR_ROLES = ['admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];
export const isAdministratorRole = (role: Role) => (ADMINISTRATOR_ROLES as readonly Role[]).includes(role);

/** The actor as the configuration has it: whether 三员分立 is in force. */
export function actorUnder(config: { separationOfDuties: boolean }, actor: Actor): Actor {
  return { ...actor, separationOfDuties: config.separationOfDuties };
}

/** The system administrator while 三员分立 is not in force: it reads and manages what the office does, as it always has. */
const isTrialAdmin = (actor: Actor) => actor.role === 'admin' && !actor.separationOfDuties;

/** The security administrator and the auditor never read business data; the system administrator not under 三员分立. */
export function readsBusinessData(actor: Actor): boolean {
  if (actor.role === 'security_admin' || actor.role === 'auditor') return false;
  return actor.role !== 'admin' || !actor.separationOfDuties;
}

/** How a list query is narrowed for an actor; repositories turn this into SQL. */
export type ReadScope =
  | { kind: 'subtree'; path: string }
  | { kind: 'department'; path: string }
  | { kind: 'team'; teamId: number };

/** A subtree no unit's path lies in: the ledger shows nothing. */
const NOTHING: ReadScope = { kind: 'subtree', path: '/nothing/' };

export function readScope(actor: Actor): ReadScope {
  if (!readsBusinessData(actor)) return NOTHING;
  switch (actor.role) {
    case 'team':
      return actor.teamId === null ? NOTHING : { kind: 'team', teamId: actor.teamId };
    case 'department':
      return { kind: 'department', path: actor.unitPath };
    default:
      return { kind: 'subtree', path: actor.unitPath };
  }
}

const inSubtree = (path: string, root: string) => path.startsWith(root);

/** Whether a unit (by its path) lies in the part of the tree the actor answers for. */
export function isWithinActorTree(actor: Actor, unitPath: string): boolean {
  return inSubtree(unitPath, actor.unitPath);
}

function ownsByUnit(actor: Actor, r: ScopedResource): boolean {
  return inSubtree(r.unitPath, actor.unitPath);
}

function ownsByDepartment(actor: Actor, r: ScopedResource): boolean {
  return r.departmentPaths.some((p) => inSubtree(p, actor.unitPath));
}

export function canRead(actor: Actor, r: ScopedResource): boolean {
  const scope = readScope(actor);
  if (scope.kind === 'team') return r.teamId === scope.teamId;
  if (scope.kind === 'department') return ownsByDepartment(actor, r);
  // The scope's path, not the actor's: an actor who reads no business data has a subtree no unit lies in.
  return inSubtree(r.unitPath, scope.path);
}

/** An inspection's header: a department reads the inspection of the unit it belongs to. */
export function canReadInspection(actor: Actor, r: Pick<ScopedResource, 'unitPath' | 'teamId'>): boolean {
  if (actor.role === 'department') return actor.unitPath.startsWith(r.unitPath);
  return canRead(actor, { ...r, departmentPaths: [] });
}

/** Entering and correcting the feedback itself: the office, the team that inspected, the unit's own administrator. */
export function canEditFeedback(actor: Actor, r: ScopedResource): boolean {
  if (actor.role === 'office') return ownsByUnit(actor, r);
  if (actor.role === 'team') return actor.teamId !== null && r.teamId === actor.teamId;
  if (actor.role === 'unit_admin') return ownsByUnit(actor, r);
  return false;
}

/** The plan: measures, owners, deadlines, kinds, the 不宜公开 flag, outcomes and the work log. */
export function canEditPlan(actor: Actor, r: ScopedResource): boolean {
  return (actor.role === 'unit_admin' || actor.role === 'office') && ownsByUnit(actor, r);
}

/** Importing a ledger writes feedback and plan at once: the unit's administrator and the office, or the administrator. */
export function canImportLedger(actor: Actor, r: ScopedResource): boolean {
  if (actor.role === 'admin') return isTrialAdmin(actor) && ownsByUnit(actor, r);
  return canEditFeedback(actor, r) && canEditPlan(actor, r);
}

/** Progress, evidence and outcomes: the responsible department and the unit's administrator. */
export function canRecordProgress(actor: Actor, r: ScopedResource): boolean {
  if (actor.role === 'department') return ownsByDepartment(actor, r);
  if (actor.role === 'unit_admin') return ownsByUnit(actor, r);
  return false;
}

/**
 * Issue 14: removing or replacing an evidence file (before a request rests on it, which the domain decides): its
 * uploader, or the unit's administrator, who answers for the unit's file; never another department's user.
 */
export function canRemoveEvidence(actor: Actor, r: ScopedResource, uploadedBy: number | null): boolean {
  if (!canRecordProgress(actor, r)) return false;
  return actor.id === uploadedBy || actor.role === 'unit_admin';
}

/** Which role moves the close-out flow at each step; the domain adds that nobody approves their own request. */
export function canTransition(actor: Actor, event: WorkflowEvent, r: ScopedResource): boolean {
  switch (event) {
    case 'start':
    case 'request_close':
    // Issue 14: whoever may request may take the request back (the requester, or another of the same department or unit).
    case 'withdraw':
      return canRecordProgress(actor, r);
    case 'approve':
      return actor.role === 'unit_leader' && ownsByUnit(actor, r);
    case 'confirm':
    case 'reopen':
      return actor.role === 'office' && ownsByUnit(actor, r);
    case 'return':
      return (actor.role === 'unit_leader' || actor.role === 'office') && ownsByUnit(actor, r);
  }
}

/** Issue 13: the step of an extension request: the unit leader's, then (挂牌督办 items) the inspection office's. */
export function canDecideExtension(actor: Actor, step: 'unit' | 'office', r: ScopedResource): boolean {
  return actor.role === (step === 'unit' ? 'unit_leader' : 'office') && ownsByUnit(actor, r);
}

/** The 延期申请 step an actor decides at, as canDecideExtension lets them: the office's, else the unit leader's. */
export function extensionStepFor(actor: Actor): 'unit' | 'office' {
  return actor.role === 'office' ? 'office' : 'unit';
}

/** Issue 13: submitting the plan (报送整改方案), after which deadlines move only through requests: the unit itself. */
export function canSubmitPlan(actor: Actor, r: ScopedResource): boolean {
  return (actor.role === 'unit_admin' || actor.role === 'unit_leader') && ownsByUnit(actor, r);
}

/** Rounds, teams, inspections: the inspection office and the administrator. */
export function canManageInspections(actor: Actor): boolean {
  return actor.role === 'office' || isTrialAdmin(actor);
}

/** The unit tree and accounts (create, rename, move, deactivate, reset a password): the system administrator. */
export function canManageAccounts(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * The directory workbook (issue 13): exporting and importing units, departments and accounts in bulk is managing them,
 * so it is the system administrator's, as adding one unit or one account is; a unit's own users get 403.
 */
export function canExchangeDirectory(actor: Actor): boolean {
  return canManageAccounts(actor);
}

/** Account security (unlock, end sessions, the security settings): the security administrator; the trial's admin too. */
export function canSecureAccounts(actor: Actor): boolean {
  return actor.role === 'security_admin' || isTrialAdmin(actor);
}

/** Granting and withdrawing roles at all; which roles, mayGrantRole decides. */
export function canGrantRoles(actor: Actor): boolean {
  return actor.role === 'security_admin' || actor.role === 'admin';
}

/**
 * Whether the actor may move an account from one role to another: the security administrator any role; the system
 * administrator any role while 三员分立 is not in force, and only between business roles while it is.
 */
export function mayGrantRole(actor: Actor, from: Role, to: Role): boolean {
  if (actor.role === 'security_admin') return true;
  if (actor.role !== 'admin') return false;
  return !actor.separationOfDuties || (!isAdministratorRole(from) && !isAdministratorRole(to));
}

/** The list of accounts: whoever manages them, secures them or grants their roles. */
export function canSeeAccounts(actor: Actor): boolean {
  return canManageAccounts(actor) || canSecureAccounts(actor) || canGrantRoles(actor);
}

/**
 * The whole audit log across records: the auditor always; the office and the system administrator only while 三员分立
 * is not in force. A record's own history is readable by whoever may read the record.
 */
export function canReadAuditLog(actor: Actor): boolean {
  if (actor.role === 'auditor') return true;
  return (actor.role === 'admin' || actor.role === 'office') && !actor.separationOfDuties;
}

/** What the unit writes for its notice and reports (account, next steps, public period, contacts): the unit's administrator and leaders, the office. */
export function canEditNotice(actor: Actor, r: ScopedResource): boolean {
  const roles: Role[] = ['unit_admin', 'unit_leader', 'office', 'admin'];
  return roles.includes(actor.role) && readsBusinessData(actor) && ownsByUnit(actor, r);
}

/** Internal documents (the reports, the notice with its 不宜公开 items): those who answer for the unit or inspected it. */
export function canReadInternalDocuments(actor: Actor, r: ScopedResource): boolean {
  const roles: Role[] = ['unit_admin', 'unit_leader', 'office', 'team', 'admin'];
  return roles.includes(actor.role) && readsBusinessData(actor) && canRead(actor, r);
}

/** Supervision orders, look-back scheduling and evaluations: the inspection office (and the administrator) over its tree. */
export function canSupervise(actor: Actor, unitPath: string): boolean {
  return (actor.role === 'office' || isTrialAdmin(actor)) && inSubtree(unitPath, actor.unitPath);
}

/** Issue 15 (报送): the unit's administrator and leaders record their report's submission; the office may correct it. */
export function canRecordReportSubmission(actor: Actor, r: ScopedResource): boolean {
  const unitSide = (actor.role === 'unit_admin' || actor.role === 'unit_leader') && ownsByUnit(actor, r);
  return unitSide || canSupervise(actor, r.unitPath);
}

/** Issue 15: a round's summary upward (汇总表, 汇总报告) and the 报送 list: the inspection office and the supervisors. */
export function canReadRoundSummary(actor: Actor): boolean {
  return actor.role === 'office' || actor.role === 'supervisor' || isTrialAdmin(actor);
}

/** Answering a supervision order: the inspected unit's administrator and leaders. */
export function canAnswerSupervision(actor: Actor, unitPath: string): boolean {
  return (actor.role === 'unit_admin' || actor.role === 'unit_leader') && inSubtree(unitPath, actor.unitPath);
}

/** Seeing the reminder outbox and running a sweep by hand: the system administrator and the inspection office. */
/** Issue 13: the units' robots and SMS hook (within the actor's tree, which the unit rules' visibility checks). */
export function canConfigureUnitChannels(actor: Actor): boolean {
  return canManageInspections(actor) || actor.role === 'unit_admin';
}

export function canOperateReminders(actor: Actor): boolean {
  return isTrialAdmin(actor) || actor.role === 'office';
}

// ---- abilities: what an operation asks of a resource, by name; src/policies/authorize.ts loads the scope and asks

/** A pure decision about one resource from what its scope says. */
export type Decision<S> = (actor: Actor, scope: S) => boolean;

/**
 * One named ability on a kind of resource. `role` is asked before anything is loaded, so a role that may never do this
 * is refused (403) whatever the id; `seen` replaces the resource's own visibility (404 when false); `may` decides (403);
 * `refusal` words a 403 that should say more than "not allowed".
 */
export interface Rule<S> {
  role?: (actor: Actor) => boolean;
  seen?: Decision<S>;
  may: Decision<S>;
  refusal?: ForbiddenKey;
  /** A read (or the office's archiving itself): still allowed under an archived round, where every other ability is refused (409 round_archived). */
  openWhenArchived?: true;
}

/**
 * Issue 12: an archived round is read-only. Whatever the role, an ability that is not a read is refused on anything under
 * it (its inspections, items, measures, evidence, notices, publications, orders about its items); authorize.ts asks this
 * after the rule itself, so who may not do it at all still hears 403, and who may hears why not now.
 */
export function refusedWhileArchived(rule: Pick<Rule<unknown>, 'openWhenArchived'>, archived: boolean): boolean {
  return archived && !rule.openWhenArchived;
}

/** What `authorize<Resource>` asks once the resource is seen: the rule's role, then its decision. */
export function allows<S>(rule: Rule<S>, actor: Actor, scope: S): boolean {
  return (rule.role?.(actor) ?? true) && rule.may(actor, scope);
}

const anyone = () => true;
const supervises: Decision<ScopedResource> = (actor, r) => canSupervise(actor, r.unitPath);

const transitions = Object.fromEntries(
  WORKFLOW_EVENTS.map((event) => [event, { may: (actor: Actor, r: ScopedResource) => canTransition(actor, event, r) }]),
) as Record<WorkflowEvent, Rule<ScopedResource>>;

/** An item is seen by whoever may read it (canRead); a look-back is seen and decided as its item. */
export const ITEM_RULES = {
  read: { may: anyone, openWhenArchived: true },
  /** Feedback fields of an item: whoever enters the feedback, or plans (the plan's editors may correct them). */
  editFeedback: { may: (actor, r) => canEditFeedback(actor, r) || canEditPlan(actor, r) },
  editPlan: { may: canEditPlan },
  recordProgress: { may: canRecordProgress },
  addOutcome: { may: (actor, r) => canRecordProgress(actor, r) || canEditPlan(actor, r) },
  supervise: { may: supervises },
  /** Issue 14: the item side of removing evidence; whose file it is, canRemoveEvidence decides once the file is loaded. */
  removeEvidence: { may: canRecordProgress },
  ...transitions,
  // Issue 13: extension requests (延期申请). Whoever reports progress asks, and a unit leader may ask on the unit's
  // behalf; a unit leader decides the first step and the office the second (挂牌督办 items only); the domain adds that
  // nobody decides their own request.
  requestExtension: { may: (actor, r) => canRecordProgress(actor, r) || canDecideExtension(actor, 'unit', r) },
  decideExtensionUnit: { may: (actor, r) => canDecideExtension(actor, 'unit', r) },
  decideExtensionOffice: { may: (actor, r) => canDecideExtension(actor, 'office', r) },
} satisfies Record<string, Rule<ScopedResource>>;
export type ItemAbility = keyof typeof ITEM_RULES;

/** An inspection is seen by whoever may read its header (canReadInspection); its scope has no departments. */
export const INSPECTION_RULES = {
  read: { may: anyone, openWhenArchived: true },
  editFeedback: { may: canEditFeedback },
  editPlan: { may: canEditPlan },
  editNotice: { may: canEditNotice },
  readInternal: {
    may: canReadInternalDocuments,
    refusal: 'internal_documents_only',
    openWhenArchived: true,
  },
  importLedger: { may: canImportLedger },
  supervise: { may: supervises },
  submitPlan: { may: canSubmitPlan },
  manage: { role: canManageInspections, may: anyone },
  /** Carrying open items over: seen across the actor's part of the tree, done by those who manage inspections. */
  carryOver: { seen: (actor, r) => isWithinActorTree(actor, r.unitPath), may: (actor) => canManageInspections(actor) },
  /** Issue 15 (报送): recording (or correcting) that the unit's 整改情况报告 was submitted. */
  recordReport: { may: canRecordReportSubmission, refusal: 'report_submission_unit_only' },
} satisfies Record<string, Rule<ScopedResource>>;
export type InspectionAbility = keyof typeof INSPECTION_RULES;

/** A publication (and a comment on it) is seen as its inspection is. */
export const PUBLICATION_RULES = {
  read: { may: anyone, openWhenArchived: true },
  editNotice: { may: canEditNotice },
} satisfies Record<string, Rule<ScopedResource>>;
export type PublicationAbility = keyof typeof PUBLICATION_RULES;

/** A supervision order is seen when the actor's read scope lists it (a department: orders about its own items). */
export interface OrderScope {
  unitPath: string;
  listed: boolean;
}
export const ORDER_RULES = {
  answer: { may: (actor, r) => canAnswerSupervision(actor, r.unitPath) },
  supervise: { may: (actor, r) => canSupervise(actor, r.unitPath) },
  /** Issue 15: whoever sees the order reads its 通知书 and its answer's files, under an archived round too. */
  read: { may: anyone, openWhenArchived: true },
} satisfies Record<string, Rule<OrderScope>>;
export type OrderAbility = keyof typeof ORDER_RULES;

/** A unit, or a user by their unit, is seen inside the actor's part of the tree. */
export const UNIT_RULES = {
  manage: { role: canManageAccounts, may: anyone },
  /** An account's security: unlocking it, ending its sessions. */
  secure: { role: canSecureAccounts, may: anyone },
  /** An account's role (and the team a team member belongs to); mayGrantRole then decides which roles. */
  grantRoles: { role: canGrantRoles, may: anyone },
  /** Creating an inspection of the unit: a unit outside the tree is refused (403), not hidden, as a unit named in a form. */
  inspect: { role: canManageInspections, seen: anyone, may: (actor, r) => isWithinActorTree(actor, r.unitPath) },
  /** Issue 13: a unit's 钉钉 / 企业微信 robots and SMS hook, set by the office or by the unit's own administrator. */
  configureChannels: { role: canConfigureUnitChannels, may: anyone },
} satisfies Record<string, Rule<{ unitPath: string }>>;
export type UnitAbility = keyof typeof UNIT_RULES;

/**
 * A round, the committee's: seen by every signed-in user (the rounds list is open), managed by the office. `archive`
 * (归档 and 取消归档) is the one write open under an archived round, so the office can take it back.
 */
export const ROUND_RULES = {
  manage: { role: canManageInspections, may: anyone },
  archive: { role: canManageInspections, may: anyone, openWhenArchived: true },
  /** Issue 15: the office's aspect mapping into a round, read (with its suggestion) even once the round is archived. */
  readAspectMapping: { role: canManageInspections, may: anyone, openWhenArchived: true },
  /** Issue 15: the round's summary upward and who has submitted their report: the office and the supervisors. */
  summarize: { role: canReadRoundSummary, may: anyone, openWhenArchived: true },
} satisfies Record<string, Rule<unknown>>;
export type RoundAbility = keyof typeof ROUND_RULES;

/**
 * Issue 15 (point 1): the capacities an actor has in a unit's publishing workflow. The publisher is whoever may edit
 * the notice (canEditNotice, who published alone before); the leader is a unit leader of the unit; the office is the
 * office over the unit (canSupervise). Which step each capacity takes is the domain's (publication-workflow.ts).
 */
export function publicationCapacities(actor: Actor, r: ScopedResource): ('publisher' | 'leader' | 'office')[] {
  const out: ('publisher' | 'leader' | 'office')[] = [];
  if (canEditNotice(actor, r)) out.push('publisher');
  if (actor.role === 'unit_leader' && ownsByUnit(actor, r)) out.push('leader');
  if (canSupervise(actor, r.unitPath)) out.push('office');
  return out;
}

/**
 * The states of a version that wait for this actor's decision, for the list of notices to approve: a unit leader decides
 * the submitted ones, the office (and the trial's administrator) the ones the leader approved. Whether a version listed
 * is really theirs to decide stays with PUBLICATION_VERSION_RULES and the workflow.
 */
export function versionStatesAwaiting(actor: Actor): ('submitted' | 'approved')[] {
  if (actor.role === 'unit_leader') return ['submitted'];
  if (actor.role === 'office' || actor.role === 'admin') return ['approved'];
  return [];
}

/** A version of a publication is seen as its inspection is; acting on it needs some capacity in the workflow. */
export const PUBLICATION_VERSION_RULES = {
  read: { may: anyone, openWhenArchived: true },
  act: { may: (actor, r) => publicationCapacities(actor, r).length > 0, refusal: 'publication_step_role' },
} satisfies Record<string, Rule<ScopedResource>>;
export type PublicationVersionAbility = keyof typeof PUBLICATION_VERSION_RULES;

// ---- abilities sent to the web, decided by the same rules the routes ask, so a button appears exactly where it works

/** A resource wholly inside the actor's own part: their unit, their team, their department. */
function ownScope(actor: Actor): ScopedResource {
  return { unitPath: actor.unitPath, teamId: actor.teamId ?? -1, departmentPaths: [actor.unitPath] };
}

/** Whether a rule lets the actor do this to anything at all: a rule that refuses them on their own part refuses everywhere. */
const anywhere = (rule: Rule<ScopedResource>, actor: Actor) => allows(rule, actor, ownScope(actor));

/**
 * Pages a role follows without acting there, which no server check states since reading is open to every role: the
 * 派驻纪检监察组 oversees the documents, publications, supervision and recurrence; a team follows the orders and the
 * repeats that grow from what it inspected.
 */
const FOLLOWERS = {
  documents: ['supervisor'],
  publications: ['supervisor'],
  supervision: ['team', 'supervisor'],
  recurrence: ['team', 'supervisor'],
} satisfies Record<string, Role[]>;
const follows = (actor: Actor, page: keyof typeof FOLLOWERS) => (FOLLOWERS[page] as Role[]).includes(actor.role);

/** What the menu and the pages offer the signed-in user; the routes still decide each request. */
export function sessionAbilities(actor: Actor) {
  const editNotice = anywhere(INSPECTION_RULES.editNotice, actor);
  const readInternal = anywhere(INSPECTION_RULES.readInternal, actor);
  const importLedger = anywhere(INSPECTION_RULES.importLedger, actor);
  const supervise = canSupervise(actor, actor.unitPath);
  const answerOrders = canAnswerSupervision(actor, actor.unitPath);
  const manageInspections = canManageInspections(actor);
  return {
    /** 反馈录入: entering an inspection's feedback, or importing a whole ledger. */
    enterFeedback: anywhere(INSPECTION_RULES.editFeedback, actor) || importLedger,
    /** 文书: the unit's writing for its notice and reports, and the internal documents. */
    writeDocuments: editNotice || readInternal || follows(actor, 'documents'),
    editNotice,
    readInternal,
    /** Reading a notice into a new inspection creates one. */
    importNotice: allows(UNIT_RULES.inspect, actor, { unitPath: actor.unitPath }),
    /** 台账交换: importing a ledger, and exporting one with its 不宜公开 items. */
    exchangeLedgers: importLedger || readInternal,
    importLedger,
    publish: editNotice || follows(actor, 'publications'),
    /** 督办: the orders given, answered, or followed. */
    seeSupervision: supervise || answerOrders || follows(actor, 'supervision'),
    supervise,
    answerOrders,
    seeRecurrence: manageInspections || follows(actor, 'recurrence'),
    /** Rounds, inspections and the unit tree. */
    administer: manageInspections,
    manageUsers: canManageAccounts(actor),
    /** The accounts page: managing accounts, securing them or granting roles. */
    seeAccounts: canSeeAccounts(actor),
    secureAccounts: canSecureAccounts(actor),
    grantRoles: canGrantRoles(actor),
    /** Granting the three administrator roles (the role picker offers them only then). */
    grantAdministratorRoles: mayGrantRole(actor, 'admin', 'auditor'),
    operateReminders: canOperateReminders(actor),
    /** Issue 13: the robots and SMS hook of the actor's own unit and those beneath it. */
    configureUnitChannels: canConfigureUnitChannels(actor),
    readAuditLog: canReadAuditLog(actor),
    /** Issue 15 (问题线索): the clue list and the item page's clue section (the office and the supervisors only). */
    seeClues: canFollowClues(actor),
    markClues: canMarkClues(actor),
  };
}
export type SessionAbilities = ReturnType<typeof sessionAbilities>;

/** An item's open extension request, as the abilities need it: its step and who may not decide it. */
export interface OpenExtension {
  step: 'unit' | 'office';
  requestedBy: number;
  unitDecidedBy: number | null;
}

/** What this user may do to one item they can read, now: its workflow events and its edits. */
export function itemAbilities(
  actor: Actor,
  item: ScopedResource,
  workflow: WorkflowSnapshot,
  extension: { open: OpenExtension | null } = { open: null },
) {
  const may = (ability: ItemAbility) => allows(ITEM_RULES[ability], actor, item);
  return {
    events: eventsOpenTo(workflow, actor.id).filter(may),
    editFeedback: may('editFeedback'),
    editPlan: may('editPlan'),
    recordProgress: may('recordProgress'),
    /** An upload asks what a progress entry asks. */
    addEvidence: may('recordProgress'),
    addOutcome: may('addOutcome'),
    supervise: may('supervise'),
    /** Issue 13: asking for an extension (the item open and no request awaiting a decision). */
    requestExtension: workflow.state !== 'closed' && extension.open === null && may('requestExtension'),
    /** Issue 13: deciding the open request at its present step (never one's own, nor both steps of one). */
    decideExtension:
      extension.open !== null &&
      actor.id !== extension.open.requestedBy &&
      actor.id !== extension.open.unitDecidedBy &&
      may(extension.open.step === 'unit' ? 'decideExtensionUnit' : 'decideExtensionOffice'),
  };
}
export type ItemAbilities = ReturnType<typeof itemAbilities>;

// ---- two-factor sign-in and personal API tokens

/** Roles that must enrol when RECTIFY_REQUIRE_2FA is on: the three administrators of 三员分立 and the inspection office. */
export const TWO_FACTOR_ROLES: readonly Role[] = ['admin', 'security_admin', 'auditor', 'office'];

/**
 * Roles that may hold no API token while RECTIFY_REQUIRE_2FA is on: a token is a single secret, so for the three
 * administrators it would be a way round the second factor. The office keeps tokens for its scripts (it must have
 * enrolled to create one, since an unenrolled office session may do nothing else).
 */
export const TOKEN_REFUSED_ROLES: readonly Role[] = ['admin', 'security_admin', 'auditor'];

export const twoFactorRequired = (role: Role, requireTwoFactor: boolean) =>
  requireTwoFactor && TWO_FACTOR_ROLES.includes(role);

export const apiTokensRefused = (role: Role, requireTwoFactor: boolean) =>
  requireTwoFactor && TOKEN_REFUSED_ROLES.includes(role);

// ---- background jobs (issue 12)

/**
 * Who may see a job (its progress, result, built file): the account that started it, and the office, which reads every
 * unit's ledger anyway. Anyone else is told it does not exist.
 */
export const canSeeJob = (actor: Actor, job: { ownerId: number }) =>
  actor.id === job.ownerId || actor.role === 'office';

// ---- 待办 (issue 13): which kinds of waiting work a user has, from the same rules the routes ask

/**
 * The 待办 kinds open to this user: each is asked of the rule that lets them act on it, on their own part of the tree.
 * Public comments are the unit's to handle (its administrators and leaders), not the office's, though it may answer
 * them too.
 */
export function todoKindsFor(actor: Actor): TodoKind[] {
  const kinds: TodoKind[] = [];
  if (anywhere(ITEM_RULES.approve, actor)) kinds.push('close_to_approve');
  if (anywhere(ITEM_RULES.confirm, actor)) kinds.push('close_to_confirm');
  if (anywhere(ITEM_RULES.recordProgress, actor)) kinds.push('returned_to_redo');
  if (canAnswerSupervision(actor, actor.unitPath)) kinds.push('order_to_answer');
  if (canSupervise(actor, actor.unitPath)) kinds.push('answer_to_review');
  if ((actor.role === 'unit_admin' || actor.role === 'unit_leader') && anywhere(INSPECTION_RULES.editNotice, actor)) {
    kinds.push('comment_to_handle');
  }
  if (anywhere(ITEM_RULES.decideExtensionUnit, actor) || anywhere(ITEM_RULES.decideExtensionOffice, actor)) {
    kinds.push('extension_to_decide');
  }
  if (actor.role === 'department') kinds.push('comment_transferred');
  // Issue 15: the leader approves the unit's notices (the office's step, where configured, shows on its home when due).
  if (actor.role === 'unit_leader' && readsBusinessData(actor)) kinds.push('notice_to_approve');
  return kinds;
}

// ---- 问题线索 (issue 15): problem clues handed to the 纪委监委

/**
 * Who follows problem clues at all: the inspection office, the 派驻纪检监察组 (supervisors), and the system administrator
 * of the embedded trial. No unit's users, no department, no team and never the public: to them every clue route is 403
 * whatever the id, before anything is loaded, so nothing about a clue's existence leaks.
 */
export function canFollowClues(actor: Actor): boolean {
  return actor.role === 'office' || actor.role === 'supervisor' || isTrialAdmin(actor);
}

/** Marking, unmarking and handing over: the inspection office's (巡察办移交); the supervisors record the handling. */
export function canMarkClues(actor: Actor): boolean {
  return actor.role === 'office' || isTrialAdmin(actor);
}

/** A clue (or the problem or item it marks) is seen inside the actor's part of the tree. */
export const CLUE_RULES = {
  read: { role: canFollowClues, seen: inClueTree, may: anyone, openWhenArchived: true },
  /** Marking a problem or an item, unmarking it while not handed over, handing it over. */
  mark: { role: canFollowClues, seen: inClueTree, may: (actor) => canMarkClues(actor), refusal: 'clue_office_only' },
  /** Recording the handling's steps and its outcome. */
  record: { role: canFollowClues, seen: inClueTree, may: anyone },
} satisfies Record<string, Rule<{ unitPath: string }>>;
export type ClueAbility = keyof typeof CLUE_RULES;

function inClueTree(actor: Actor, r: { unitPath: string }): boolean {
  return readsBusinessData(actor) && isWithinActorTree(actor, r.unitPath);
}
// ---- issue 15: public comments (意见建议) beyond the notice's own rules

/**
 * A public comment is seen as its notice's inspection is, except by a department, which sees only the comments passed to
 * it (转办: the scope's departmentPaths is that department). The unit answers for its comments (answer, 转办, link, 办结);
 * the department drafts the answer of a comment passed to it; the 派驻纪检监察组, the inspection team and the office add
 * internal remarks, which are never public.
 */
export function canSeeComment(actor: Actor, r: ScopedResource): boolean {
  if (actor.role === 'department') return ownsByDepartment(actor, r);
  return canReadInspection(actor, r);
}

export function canRemarkComment(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'team' || actor.role === 'office';
}

export const COMMENT_RULES = {
  read: { seen: canSeeComment, may: anyone, openWhenArchived: true },
  answer: { seen: canSeeComment, may: canEditNotice },
  transfer: { seen: canSeeComment, may: canEditNotice },
  linkItem: { seen: canSeeComment, may: canEditNotice },
  draft: { seen: canSeeComment, may: (actor, r) => canEditNotice(actor, r) || ownsByDepartment(actor, r) },
  remark: { seen: canSeeComment, role: canRemarkComment, may: anyone, refusal: 'comment_remark_supervisors_only' },
  /** The remarks are internal to the unit and those who oversee it, not the department a comment was passed to. */
  readRemarks: { seen: canSeeComment, may: (actor) => actor.role !== 'department' },
} satisfies Record<string, Rule<ScopedResource>>;
export type CommentAbility = keyof typeof COMMENT_RULES;

/**
 * Whether the search lists public comments: not for departments, which read only the comments passed to them, on the
 * comment's own page (the index knows a comment's unit, not whom it was passed to).
 */
export const searchesPublicComments = (actor: Actor): boolean => actor.role !== 'department';
