import { Type } from 'typebox';
import { errorResponses, nullable, stringEnum } from '../../schemas.ts';
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

const aspectSuggestion = Type.Object({
  written: Type.String({ description: 'the 问题类别 as the file writes it' }),
  aspectId: Type.Integer(),
  aspectName: Type.String(),
  similarity: Type.Number(),
});

const fieldChange = Type.Object({
  field: stringEnum(['title', 'kind', 'deadline', 'responsibleLeader', 'leadDepartment'] as const, {
    description:
      'title 具体问题, kind 措施类型, deadline 整改时限, responsibleLeader 责任领导, leadDepartment 责任部门',
  }),
  from: nullable(Type.String()),
  to: nullable(Type.String()),
});

const rowStatus = stringEnum(['new', 'same', 'update', 'error'] as const, {
  description: 'new: a new item; same: matches an existing item, nothing to change; update: changes its fields; error',
});

const previewRow = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  number: nullable(Type.String({ description: 'the number it keeps (a match) or will get (new, numbered on)' })),
  title: Type.String(),
  status: rowStatus,
  match: nullable(
    Type.Object({
      id: Type.Integer(),
      number: nullable(Type.String()),
      title: Type.String(),
      by: Type.Union([Type.Literal('number'), Type.Literal('title')]),
      similarity: Type.Number(),
    }),
  ),
  changes: Type.Array(fieldChange),
  errors: Type.Array(Type.String()),
});

const summaryProperties = {
  ...counts,
  errors: Type.Array(importError),
  unmatched,
  aspectSuggestions: Type.Array(aspectSuggestion, {
    description: 'aspects written otherwise than the round names them: confirm one with mapping.aspects {written: id}',
  }),
};

export const ledgerImportResponses = {
  200: Type.Object(
    {
      ...summaryProperties,
      rows: Type.Array(previewRow, { description: 'each planned item of the file, classified against the ledger' }),
      rowsOmitted: Type.Integer({ description: 'rows beyond the first 5000, counted but not listed' }),
      counts: Type.Object({ new: Type.Integer(), same: Type.Integer(), update: Type.Integer(), error: Type.Integer() }),
      previewToken: Type.String({ description: 'send back as previewToken with the same file and mapping to import' }),
    },
    { description: 'dry run: row by row what would be created, updated or left, every problem found; nothing written' },
  ),
  202: jobStarted,
  ...errorResponses,
  413: errorResponses[400],
};

export const LEDGER_IMPORT_DESCRIPTION = `Upload a unit's 整改台账 (.xlsx, or .csv in UTF-8 or GB18030) as multipart/form-data:
- \`file\`: the ledger;
- \`dryRun\` ("true"): the preview: answer 200 with every row classified against the live ledger (new, same, update
  with its fields old → new, error with why), the counts, errors, unmatched names, aspect suggestions and a previewToken;
- \`mapping\` (optional, JSON): {"departments":{"原名":"code or exact name" | null},"people":{"原名":"username" | null},
  "aspects":{"问题类别 as written": aspectId}} (an aspect suggestion the user confirmed);
- \`previewToken\` (required without dryRun): the preview's token. 确认导入 sends the same file and mapping with it; if
  the file, the mapping or the ledger changed since the preview, the import is refused with 409 ledger_import_stale.
A confirmed import answers 202 {jobId} at once and runs as a background job: poll GET /api/jobs/{jobId}. It succeeds with
result = the counts plus created {problems, items, measures, progress}, updated (existing items changed) and importId
(for its undo), all written in one transaction, or fails with
error = {"code","message","details":{"errors":[{sheet,row,column,message}],"unmatched":{"people","departments"}}} and
writes nothing. Rows matching an existing item (by number and title similarity, within their aspect) update it and
never add it again; new items are numbered on from the last number of their aspect or inspection.`;

export const ledgerImportRecord = Type.Object({
  id: Type.Integer(),
  inspectionId: Type.Integer(),
  actorId: Type.Integer(),
  actorName: Type.String(),
  fileName: Type.String(),
  itemsCreated: Type.Integer(),
  itemsUpdated: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  undoneAt: nullable(Type.String({ format: 'date-time' })),
  undoableUntil: nullable(
    Type.String({ format: 'date-time', description: 'until when 撤销导入 is possible; null once undone or too old' }),
  ),
});

export const ledgerImportListResponses = { 200: Type.Array(ledgerImportRecord), ...errorResponses };

export const undoParams = Type.Object({ id: Type.Integer({ minimum: 1 }), importId: Type.Integer({ minimum: 1 }) });

export const undoResponses = {
  200: Type.Object({
    deleted: Type.Integer({ description: 'items the import had created, deleted again' }),
    restored: Type.Integer({ description: 'items whose fields were restored' }),
    problems: Type.Integer({ description: '反馈问题 the import had created, deleted again' }),
  }),
  ...errorResponses,
};
