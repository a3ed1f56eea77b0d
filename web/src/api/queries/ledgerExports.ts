import { useMutation } from '@tanstack/react-query';
import { download, href } from '../client.ts';

/** The inspection's ledger in the customary Excel layout, which the import reads back. */
export const useDownloadLedger = () =>
  useMutation({
    mutationFn: (inspectionId: number) =>
      download(
        href('/api/inspections/{id}/ledger.xlsx', { path: { id: inspectionId } }),
        `ledger-${inspectionId}.xlsx`,
      ),
  });

/** The evidence binder (ZIP): a plain link, so the browser streams it to disk instead of holding it in the page. */
export const binderUrl = (inspectionId: number) =>
  href('/api/inspections/{id}/binder.zip', { path: { id: inspectionId } });
