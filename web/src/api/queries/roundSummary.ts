import { skipToken, useQuery } from '@tanstack/react-query';
import { client, data, type ElementOf, href, multipartBody, type ResponseOf, uploadWithProgress } from '../client.ts';
import { roundSummaryKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** Issue 15: the round summary upward and the 报送 of the 整改情况报告. */
export type RoundSummary = ResponseOf<'/api/rounds/{id}/summary'>;
export type RoundSummaryRow = ElementOf<RoundSummary['rows']>;
export type RoundReportStatus = ElementOf<ResponseOf<'/api/rounds/{id}/report-submissions'>['reports']>;
export type InspectionReport = ResponseOf<'/api/inspections/{id}/report-submission'>;

export function useRoundSummary(roundId: number | null) {
  return useQuery({
    queryKey: roundSummaryKeys.summary(roundId),
    queryFn:
      roundId === null
        ? skipToken
        : ({ signal }) => data(client.GET('/api/rounds/{id}/summary', { params: { path: { id: roundId } }, signal })),
  });
}

export function useRoundReports(roundId: number | null) {
  return useQuery({
    queryKey: roundSummaryKeys.reports(roundId),
    queryFn:
      roundId === null
        ? skipToken
        : ({ signal }) =>
            data(client.GET('/api/rounds/{id}/report-submissions', { params: { path: { id: roundId } }, signal })),
  });
}

export function useInspectionReport(inspectionId: number | null) {
  return useQuery({
    queryKey: roundSummaryKeys.inspection(inspectionId),
    queryFn:
      inspectionId === null
        ? skipToken
        : ({ signal }) =>
            data(
              client.GET('/api/inspections/{id}/report-submission', { params: { path: { id: inspectionId } }, signal }),
            ),
  });
}

export const summaryFileUrl = (roundId: number, format: 'xlsx' | 'docx') =>
  format === 'xlsx'
    ? href('/api/rounds/{id}/summary.xlsx', { path: { id: roundId } })
    : href('/api/rounds/{id}/summary.docx', { path: { id: roundId } });

export const reportFileUrl = (submissionId: number) =>
  href('/api/report-submissions/{id}/file', { path: { id: submissionId } });

/** The fields a 报送 is recorded with (multipart, so not in the OpenAPI document). */
export interface ReportFields {
  submittedOn: string;
  docNumber: string;
  note: string | null;
}

export const useRecordReport = () =>
  useWrite(
    ({
      inspectionId,
      file,
      fields,
      onProgress,
    }: {
      inspectionId: number;
      file: File;
      fields: ReportFields;
      onProgress: (percent: number) => void;
    }) => {
      const form = multipartBody(
        { submittedOn: fields.submittedOn, docNumber: fields.docNumber, note: fields.note },
        file,
      );
      return uploadWithProgress(
        '/api/inspections/{id}/report-submission',
        { path: { id: inspectionId } },
        form,
        onProgress,
      );
    },
    () => [roundSummaryKeys.all],
  );
