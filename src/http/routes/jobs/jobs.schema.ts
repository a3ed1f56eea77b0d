import { Type } from 'typebox';
import { JOB_KINDS, JOB_STATUSES } from '../../../domain/jobs.ts';
import { errorResponses, nullable, stringEnum } from '../../schemas.ts';

export const jobStarted = Type.Object(
  { jobId: Type.Integer() },
  { description: 'the work was accepted and runs in the background: poll GET /api/jobs/{jobId}' },
);

export const jobSchema = Type.Object({
  id: Type.Integer(),
  kind: stringEnum(JOB_KINDS),
  status: stringEnum(JOB_STATUSES),
  progress: Type.Object({
    done: Type.Integer(),
    total: nullable(Type.Integer({ description: 'null while unknown (the file is still being read)' })),
  }),
  phase: nullable(Type.String({ description: 'what it is doing: check (reading the file), write, files' })),
  result: Type.Unknown({ description: 'when succeeded: what the work answers (an import: its counts)' }),
  error: nullable(
    Type.Object(
      { code: Type.String(), message: Type.String(), details: Type.Unknown() },
      { description: 'when failed: the refusal, as any error response words it' },
    ),
  ),
  download: nullable(Type.String({ description: 'when it built a file: where to fetch it (once, within the hour)' })),
  createdAt: Type.String(),
  startedAt: nullable(Type.String()),
  finishedAt: nullable(Type.String()),
});

export const jobResponses = { 200: jobSchema, ...errorResponses };
