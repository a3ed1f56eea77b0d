import { Type } from 'typebox';
import { errorResponses, nullable } from '../../schemas.ts';
import { jobStarted } from '../jobs/jobs.schema.ts';

const counts = {
  aspects: Type.Integer({ description: 'aspects of the round the ledger uses (matched by name; never created)' }),
  problems: Type.Integer({
    description: '反馈问题 that would be created (existing ones of the inspection are reused)',
  }),
  items: Type.Integer({ description: '整改事项 (ledger rows) that would be created' }),
  measures: Type.Integer({ description: '整改措施 that would be created' }),
};

const importError = Type.Object({
  sheet: Type.String(),
  row: nullable(Type.Integer()),
  column: nullable(Type.String({ description: 'letter and header as in the file, e.g. J列（整改时限）' })),
  message: Type.String(),
});

const unmatched = Type.Object(
  { people: Type.Array(Type.String()), departments: Type.Array(Type.String()) },
  { description: 'names matched to no account or department of the unit; map them with the mapping field' },
);

const summaryProperties = { ...counts, errors: Type.Array(importError), unmatched };

export const ledgerImportResponses = {
  200: Type.Object(summaryProperties, {
    description: 'dry run: what would be created and every problem found; nothing written',
  }),
  202: jobStarted,
  ...errorResponses,
  413: errorResponses[400],
};

export const LEDGER_IMPORT_DESCRIPTION = `Upload a unit's 整改台账 (.xlsx, or .csv in UTF-8 or GB18030) as multipart/form-data:
- \`file\`: the ledger;
- \`dryRun\` (optional, "true"): only check it and answer 200 with the counts, errors and unmatched names;
- \`mapping\` (optional, JSON): {"departments":{"原名":"code or exact name" | null},"people":{"原名":"username" | null}}.
A real import answers 202 {jobId} at once and runs as a background job: poll GET /api/jobs/{jobId}. It succeeds with
result = the counts plus created {problems, items, measures, progress}, all written in one transaction, or fails with
error = {"code","message","details":{"errors":[{sheet,row,column,message}],"unmatched":{"people","departments"}}} and
writes nothing.`;
