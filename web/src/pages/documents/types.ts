import type { ResultLabel, WorkflowState } from '../../api/types.ts';

/** Shapes of the documents API (src/http/routes/notices, notice-imports) that only this page uses. */
export const DOCUMENT_KINDS = ['notice', 'report', 'leader-report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOWNLOAD_FORMATS = ['docx', 'md', 'html', 'txt'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export interface Contacts {
  phone: string[];
  email: string[];
  postal: string | null;
  postcode: string | null;
}

export interface Writing {
  issuer: string | null;
  issuedOn: string | null;
  asOf: string | null;
  organising: string | null;
  nextSteps: string | null;
  publicFrom: string | null;
  publicTo: string | null;
  contacts: Contacts;
  addressee: string | null;
  signatory: string | null;
}

export interface WorkLogFact {
  kind: string;
  heldOn: string;
  title: string;
  note: string | null;
}

export interface Draft extends Writing {
  kind: DocumentKind;
  version: number;
  updatedAt: string | null;
  suggestions: { facts: WorkLogFact[] };
}

export interface ImportCounts {
  problems: number;
  items: number;
  measures: number;
  completed: number;
  partiallyCompleted: number;
  notCompleted: number;
  unlabelled: number;
}

export interface ImportPlan {
  inspection: {
    unitId: number;
    roundId: number;
    teamId: number | null;
    kind: string;
    from: string | null;
    to: string | null;
    feedbackOn: string | null;
  };
  source: { title: string | null; issuer: string | null; issuedOn: string | null; team: string | null };
  problems: {
    title: string | null;
    aspectId: number | null;
    aspectName: string | null;
    items: {
      number: string | null;
      title: string;
      state: WorkflowState;
      result: ResultLabel;
      closedOn: string | null;
      measures: string[];
    }[];
  }[];
  counts: ImportCounts;
  warnings: string[];
  errors: string[];
}

export interface Imported {
  inspectionId: number;
  counts: ImportCounts;
}
