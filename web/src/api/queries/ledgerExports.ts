import { useMutation } from '@tanstack/react-query';
import { client, data, download, href } from '../client.ts';

/** The inspection's ledger in the customary Excel layout, which the import reads back. */
export const useDownloadLedger = () =>
  useMutation({
    mutationFn: (inspectionId: number) =>
      download(
        href('/api/inspections/{id}/ledger.xlsx', { path: { id: inspectionId } }),
        `ledger-${inspectionId}.xlsx`,
      ),
  });

/**
 * Starts building the evidence binder on the server (a job: useJob follows it); when it is built, the job's download
 * link is a plain link, so the browser streams the zip to disk instead of holding it in the page.
 */
export const useStartBinder = () =>
  useMutation({
    mutationFn: (inspectionId: number) =>
      data(client.POST('/api/inspections/{id}/binder-jobs', { params: { path: { id: inspectionId } } })),
  });
