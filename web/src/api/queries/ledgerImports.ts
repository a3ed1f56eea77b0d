import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, client, data, download, href, type ResponseOf, uploadWithProgress } from '../client.ts';
import { itemKeys, ledgerImportKeys, planKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** A check's counts, errors and unmatched names (200), or the background job a real import runs as (202). */
type Answer = ResponseOf<'/api/inspections/{id}/ledger-imports', 'post'>;
export type LedgerImportStarted = Extract<Answer, { jobId: number }>;
export type LedgerImportCheck = Exclude<Answer, LedgerImportStarted>;
export type LedgerImportError = LedgerImportCheck['errors'][number];
export type UnmatchedNames = LedgerImportCheck['unmatched'];
export type LedgerImportRow = LedgerImportCheck['rows'][number];
export type AspectSuggestion = LedgerImportCheck['aspectSuggestions'][number];
/** A finished import job's result: the check's figures, what was created and updated, and the import to undo. */
export type LedgerImportDone = Pick<LedgerImportCheck, 'errors' | 'unmatched'> & {
  created: { problems: number; items: number; measures: number; progress: number };
  updated: number;
  importId: number | null;
};
export type LedgerImportRecord = ResponseOf<'/api/inspections/{id}/ledger-imports'>[number];

export const isImportStarted = (answer: Answer): answer is LedgerImportStarted => 'jobId' in answer;

/**
 * What the file's unmatched names stand for, sent with the file (multipart, so not in the OpenAPI document): a
 * department by its code or name, or null for none; a person by user name or full name, or null to keep only the name.
 */
export interface Mapping {
  departments: Record<string, string | null>;
  people: Record<string, string | null>;
  /** A 问题类别 as written → the round's aspect the user confirmed it means. */
  aspects: Record<string, number>;
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
      previewToken,
      onProgress,
    }: {
      file: File;
      dryRun: boolean;
      mapping: Mapping | null;
      /** 确认导入: the token of the preview being confirmed. */
      previewToken?: string;
      onProgress: (percent: number) => void;
    }) => {
      const form = new FormData();
      // The server reads the fields that precede the file part, so they go first.
      form.set('dryRun', String(dryRun));
      if (mapping) form.set('mapping', JSON.stringify(mapping));
      if (previewToken) form.set('previewToken', previewToken);
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

/** The inspection's recent imports, each with until when it may be undone. */
export const useLedgerImports = (inspectionId: number) =>
  useQuery({
    queryKey: ledgerImportKeys.of(inspectionId),
    queryFn: ({ signal }) =>
      data(client.GET('/api/inspections/{id}/ledger-imports', { params: { path: { id: inspectionId } }, signal })),
  });

/** 撤销导入: the whole import reverted on the server, then the ledger and the list read again. */
export function useUndoImport(inspectionId: number) {
  const finished = useImportFinished(inspectionId);
  return useMutation({
    mutationFn: (importId: number) =>
      data(
        client.POST('/api/inspections/{id}/ledger-imports/{importId}/undo', {
          params: { path: { id: inspectionId, importId } },
        }),
      ),
    onSuccess: finished,
  });
}

/** The import template: the export's layout headed for this inspection, with its 填写说明. */
export const useDownloadTemplate = () =>
  useMutation({
    mutationFn: (inspectionId: number) =>
      download(
        href('/api/inspections/{id}/ledger-template.xlsx', { path: { id: inspectionId } }),
        `ledger-template-${inspectionId}.xlsx`,
      ),
  });

/** Once an import job has written its rows (or was undone): the plan, the ledger, its figures and the imports are stale. */
export function useImportFinished(inspectionId: number) {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [
      planKeys.one(inspectionId),
      itemKeys.all,
      statsKeys.all,
      ledgerImportKeys.of(inspectionId),
    ]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  };
}
