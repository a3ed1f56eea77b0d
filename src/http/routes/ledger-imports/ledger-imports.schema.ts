import { errorResponses } from '../../schemas.ts';

const counts = {
  aspects: { type: 'integer', description: 'aspects of the round the ledger uses (matched by name; never created)' },
  problems: {
    type: 'integer',
    description: '反馈问题 that would be created (existing ones of the inspection are reused)',
  },
  items: { type: 'integer', description: '整改事项 (ledger rows) that would be created' },
  measures: { type: 'integer', description: '整改措施 that would be created' },
} as const;

const importError = {
  type: 'object',
  properties: {
    sheet: { type: 'string' },
    row: { type: ['integer', 'null'] },
    column: { type: ['string', 'null'], description: 'letter and header as in the file, e.g. J列（整改时限）' },
    message: { type: 'string' },
  },
} as const;

const unmatched = {
  type: 'object',
  description: 'names matched to no account or department of the unit; map them with the mapping field',
  properties: {
    people: { type: 'array', items: { type: 'string' } },
    departments: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const summarySchema = {
  type: 'object',
  properties: { ...counts, errors: { type: 'array', items: importError }, unmatched },
} as const;

export const importedSchema = {
  type: 'object',
  properties: {
    ...summarySchema.properties,
    created: {
      type: 'object',
      properties: {
        problems: { type: 'integer' },
        items: { type: 'integer' },
        measures: { type: 'integer' },
        progress: { type: 'integer' },
      },
    },
  },
} as const;

export const ledgerImportResponses = {
  200: { description: 'dry run: what would be created and every problem found; nothing written', ...summarySchema },
  201: { description: 'imported, all of it in one transaction', ...importedSchema },
  ...errorResponses,
  413: errorResponses[400],
} as const;

export const LEDGER_IMPORT_DESCRIPTION = `Upload a unit's 整改台账 (.xlsx, or .csv in UTF-8 or GB18030) as multipart/form-data:
- \`file\`: the ledger;
- \`dryRun\` (optional, "true"): only check it and answer 200 with the counts, errors and unmatched names;
- \`mapping\` (optional, JSON): {"departments":{"原名":"code or exact name" | null},"people":{"原名":"username" | null}}.
A real import answers 201 and writes everything in one transaction, or answers 400 with
{"error":{"code","message","details":{"errors":[{sheet,row,column,message}],"unmatched":{"people","departments"}}}} and writes nothing.`;
