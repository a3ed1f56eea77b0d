import type { PastedKind } from '../../../../src/domain/pasted-notice.ts';
import { ApiError, client, data, type ResponseOf, uploadWithProgress } from '../client.ts';
import { inspectionKeys, itemKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** A preview's plan (200) or, once confirmed, the inspection written (201). */
export type NoticeImportAnswer = ResponseOf<'/api/notice-imports', 'post'>;
/** What the server recognised in a notice: the inspection, problems and items it would write. */
export type NoticeImportPlan = Extract<NoticeImportAnswer, { problems: unknown }>;
export type NoticeImported = Exclude<NoticeImportAnswer, NoticeImportPlan>;

export const isImportPlan = (answer: NoticeImportAnswer): answer is NoticeImportPlan => 'problems' in answer;

/** The fields a notice is uploaded with (multipart, so not in the OpenAPI document). */
export interface NoticeImportFields {
  unitId: number;
  roundId: number;
  teamId?: number;
  from?: string;
  to?: string;
  feedbackOn?: string;
}

/** A refused import still says what was recognised, with the errors that stop it (in the error's details). */
export function refusedPlan(error: unknown): NoticeImportPlan | null {
  const details = error instanceof ApiError ? error.details : null;
  const plan = typeof details === 'object' && details !== null && 'plan' in details ? details.plan : null;
  return typeof plan === 'object' && plan !== null && 'problems' in plan && 'errors' in plan
    ? (plan as NoticeImportPlan)
    : null;
}

const noProgress = () => {};

/** A notice pasted in: the clipboard's HTML (or a page's source) or its plain text. */
export interface PastedNotice {
  text: string;
  kind: PastedKind;
}

/**
 * Reads a past notice, uploaded or pasted, into the plan of an inspection (nothing written), or with `confirm` writes
 * that inspection with its ledger, all or nothing. Both answer alike, so the page has one path after sending.
 */
export const useNoticeImport = () =>
  useWrite(
    ({ source, fields, confirm }: { source: File | PastedNotice; fields: NoticeImportFields; confirm: boolean }) => {
      if (!(source instanceof File)) {
        const body = { ...fields, text: source.text, kind: source.kind, confirm };
        return data<NoticeImportAnswer>(client.POST('/api/notice-imports/pasted', { body }));
      }
      const file = source;
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, String(value));
      form.set('confirm', String(confirm));
      form.set('file', file, file.name);
      return uploadWithProgress('/api/notice-imports', {}, form, noProgress);
    },
    ({ confirm }) => (confirm ? [inspectionKeys.all, itemKeys.all, statsKeys.all] : []),
  );
