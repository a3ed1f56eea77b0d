import { useMutation } from '@tanstack/react-query';
import { download, href, type ResponseOf, uploadWithProgress } from '../client.ts';
import { inspectionKeys, itemKeys, statsKeys, unitKeys, userKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type DirectoryCheck = ResponseOf<'/api/directory/imports/check', 'post'>;
export type DirectoryImported = ResponseOf<'/api/directory/imports', 'post'>;
export type DirectoryProblem = DirectoryCheck['errors'][number];
export type DirectoryChange = DirectoryCheck['changes'][number];

/** Units, departments and accounts as one workbook (单位, 部门, 账号), which the import reads back. */
export const useDownloadDirectory = () =>
  useMutation({ mutationFn: () => download(href('/api/directory/export.xlsx'), 'directory.xlsx') });

const form = (file: File, planId?: string) => {
  const body = new FormData();
  // The server reads the fields that precede the file part, so they go first.
  if (planId) body.set('planId', planId);
  body.set('file', file, file.name);
  return body;
};

/** The dry run: what the file would add and change, and every problem; nothing is written. */
export const useCheckDirectory = () =>
  useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadWithProgress('/api/directory/imports/check', {}, form(file), onProgress),
  });

/** The confirmation, with the dry run's plan: all written at once, or nothing (409 when the plan changed since). */
export const useImportDirectory = () =>
  useWrite(
    ({ file, planId, onProgress }: { file: File; planId: string; onProgress: (percent: number) => void }) =>
      uploadWithProgress('/api/directory/imports', {}, form(file, planId), onProgress),
    () => [unitKeys.all, userKeys.all, inspectionKeys.all, itemKeys.all, statsKeys.all],
  );
