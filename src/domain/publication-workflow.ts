/**
 * Issue 15 (point 1): publishing a notice as a workflow. Every text the portal shows is a version of its publication:
 * the unit's publisher freezes a draft (the public notice generated from the ledger, with its one public period) and
 * submits it; the unit's leader approves it or returns it with a reason; where the office must approve too
 * (RECTIFY_PUBLICATION_OFFICE_APPROVAL), it approves after the leader. The last approval publishes at once: the period
 * in the draft already says from when the portal shows it, so a further "publish" click would decide nothing. A
 * published notice is corrected in place by a new version going the same way (the address stays; the old text is kept
 * in the history and the portal marks the notice 更正). Pure: who acts and their role are passed in.
 */

export const VERSION_STATES = ['draft', 'submitted', 'approved', 'returned', 'published', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** A version still on its way (at most one per inspection). */
export const OPEN_VERSION_STATES = ['draft', 'submitted', 'approved', 'returned'] as const satisfies VersionState[];

export const VERSION_STATE_ZH: Record<VersionState, string> = {
  draft: '草稿',
  submitted: '待单位领导审批',
  approved: '待巡察办审批',
  returned: '已退回',
  published: '已发布',
  superseded: '已更正（旧版本）',
};

export const VERSION_EVENTS = ['submit', 'approve_unit', 'approve_office', 'return_unit', 'return_office'] as const;
export type VersionEvent = (typeof VERSION_EVENTS)[number];

/** Who acts, as the workflow needs to know them: their role in the step and their account. */
export interface VersionActor {
  id: number;
  /** publisher: may prepare and submit (canEditNotice); leader: the unit's leader; office: the office over the unit. */
  capacities: readonly ('publisher' | 'leader' | 'office')[];
}

export interface VersionSnapshot {
  state: VersionState;
  /** Whether this version needs the office's approval after the leader's (fixed when it was submitted). */
  needsOffice: boolean;
  submittedBy: number | null;
  leaderApprovedBy: number | null;
}

export type VersionRefusal =
  /** 409: the version is not in a state this event applies to. */
  | { code: 'state'; state: VersionState }
  /** 403: the actor has not the capacity this step needs. */
  | { code: 'role' }
  /** 403: nobody approves what they submitted themselves. */
  | { code: 'own' }
  /** 400: a return needs its reason. */
  | { code: 'reason' };

export type VersionOutcome =
  | { ok: true; state: VersionState; publishes: boolean }
  | { ok: false; refusal: VersionRefusal };

const FROM: Record<VersionEvent, readonly VersionState[]> = {
  submit: ['draft', 'returned'],
  approve_unit: ['submitted'],
  return_unit: ['submitted'],
  approve_office: ['approved'],
  return_office: ['approved'],
};

const CAPACITY: Record<VersionEvent, 'publisher' | 'leader' | 'office'> = {
  submit: 'publisher',
  approve_unit: 'leader',
  return_unit: 'leader',
  approve_office: 'office',
  return_office: 'office',
};

/**
 * The step decided in the order the routes answer: the role first (403), then the state (409), then the rest. A leader
 * who submitted cannot approve the same version (another leader must); the office may approve whoever submitted.
 */
export function versionStep(
  v: VersionSnapshot,
  event: VersionEvent,
  actor: VersionActor,
  reason?: string | null,
): VersionOutcome {
  if (!actor.capacities.includes(CAPACITY[event])) return { ok: false, refusal: { code: 'role' } };
  if (!FROM[event].includes(v.state)) return { ok: false, refusal: { code: 'state', state: v.state } };
  if (event === 'approve_unit' && v.submittedBy === actor.id) return { ok: false, refusal: { code: 'own' } };
  if ((event === 'return_unit' || event === 'return_office') && !reason?.trim())
    return { ok: false, refusal: { code: 'reason' } };
  switch (event) {
    case 'submit':
      return { ok: true, state: 'submitted', publishes: false };
    case 'approve_unit':
      return v.needsOffice
        ? { ok: true, state: 'approved', publishes: false }
        : { ok: true, state: 'published', publishes: true };
    case 'approve_office':
      return { ok: true, state: 'published', publishes: true };
    case 'return_unit':
    case 'return_office':
      return { ok: true, state: 'returned', publishes: false };
  }
}

/** The events the actor may take on the version now (the buttons a page shows). */
export function versionEventsOpen(v: VersionSnapshot, actor: VersionActor): VersionEvent[] {
  return VERSION_EVENTS.filter((e) => versionStep(v, e, actor, 'x').ok);
}

/** Whether the version's text may still be regenerated (a new draft replaces it): only before it is submitted. */
export const versionEditable = (state: VersionState) => state === 'draft' || state === 'returned';

/** What the publisher's next draft for an inspection is: the first text of a new address, or a correction of one. */
export type DraftKind = 'first' | 'correction';

/**
 * Decides what preparing a draft does, given the inspection's open version (if any) and its current publication (the
 * latest not withdrawn, if any): a draft or returned version is replaced (its text regenerated); a submitted or
 * approved one blocks (409: decide it first); otherwise a new version, correcting the current publication if there is
 * one (same address) or the first of a new one.
 */
export function draftPlan(
  open: { state: VersionState } | null,
  currentPublication: { id: number } | null,
): { action: 'replace' | 'new'; kind: DraftKind } | { refused: 'in_review' } {
  const kind: DraftKind = currentPublication ? 'correction' : 'first';
  if (open === null) return { action: 'new', kind };
  if (versionEditable(open.state)) return { action: 'replace', kind };
  return { refused: 'in_review' };
}

/** The note the portal shows under a corrected notice: "本公告于 2026-12-20 更正". */
export const correctionNote = (correctedOn: string) => `本公告于 ${correctedOn} 更正`;
