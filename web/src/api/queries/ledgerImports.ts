import { useQueryClient } from '@tanstack/react-query';
import { ApiError, type ResponseOf, uploadWithProgress } from '../client.ts';
import { itemKeys, planKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** A check's counts, errors and unmatched names (200), or the background job a real import runs as (202). */
type Answer = ResponseOf<'/api/inspections/{id}/ledger-imports', 'post'>;
export type LedgerImportStarted = Extract<Answer, { jobId: number }>;
export type LedgerImportCheck = Exclude<Answer, LedgerImportStarted>;
export type LedgerImportError = LedgerImportCheck['errors'][number];
export type UnmatchedNames = LedgerImportCheck['unmatched'];
/** A finished import job's result: the check's figures and what was created. */
export type LedgerImportDone = LedgerImportCheck & {
  created: { problems: number; items: number; measures: number; progress: number };
};

export const isImportStarted = (answer: Answer): answer is LedgerImportStarted => 'jobId' in answer;

/**
 * What the file's unmatched names stand for, sent with the file (multipart, so not in the OpenAPI document): a
 * department by its code or name, or null for none; a person by user name or full name, or null to keep only the name.
 */
export interface Mapping {
  departments: Record<string, string | null>;
  people: Record<string, string | null>;
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** A refused import says which rows are wrong and which names are still unmatched, in the error's details. */
export function refusedImport(error: unknown): Pick<LedgerImportCheck, 'errors' | 'unmatched'> | null {
  const details = error instanceof ApiError ? error.details : null;
  if (typeof details !== 'object' || details === null || !('errors' in details) || !('unmatched' in details)) {
    return null;
  }
  const { errors, unmatched } = details;
  if (!Array.isArray(errors) || typeof unmatched !== 'object' || unmatched === null) return null;
  if (!('people' in unmatched) || !('departments' in unmatched)) return null;
  if (!isStringList(unmatched.people) || !isStringList(unmatched.departments)) return null;
  return { errors, unmatched: { people: unmatched.people, departments: unmatched.departments } };
}

/**
 * An Excel or CSV ledger into one inspection, with a progress bar: a dry run only checks it; otherwise the server starts
 * a job that imports it whole, or not at all (useJob follows it; useImportFinished refreshes what it changed).
 */
export const useLedgerImport = (inspectionId: number) =>
  useWrite(
    ({
      file,
      dryRun,
      mapping,
      onProgress,
    }: {
      file: File;
      dryRun: boolean;
      mapping: Mapping | null;
      onProgress: (percent: number) => void;
    }) => {
      const form = new FormData();
      // The server reads the fields that precede the file part, so they go first.
      form.set('dryRun', String(dryRun));
      if (mapping) form.set('mapping', JSON.stringify(mapping));
      form.set('file', file, file.name);
      return uploadWithProgress(
        '/api/inspections/{id}/ledger-imports',
        { path: { id: inspectionId } },
        form,
        onProgress,
      );
    },
    () => [],
  );

/** Once an import job has written its rows: the plan, the ledger and its figures are stale. */
export function useImportFinished(inspectionId: number) {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [planKeys.one(inspectionId), itemKeys.all, statsKeys.all]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
}
