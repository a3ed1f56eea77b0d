import { Type } from 'typebox';
import { errorResponses, fileDownload, nullable } from '../../schemas.ts';

const counts = Type.Object({
  add: Type.Integer({ description: 'rows that would add a record' }),
  change: Type.Integer({ description: 'rows that would change an existing record' }),
  unchanged: Type.Integer({ description: 'rows that match the record as it is' }),
});

const problem = Type.Object({
  sheet: Type.String(),
  row: nullable(Type.Integer()),
  column: nullable(Type.String({ description: 'letter and heading as in the file, e.g. C列（上级单位）' })),
  message: Type.String({ description: 'in Chinese, saying what to change' }),
});

const plannedChange = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  kind: Type.Union([Type.Literal('unit'), Type.Literal('department'), Type.Literal('account')]),
  action: Type.Union([Type.Literal('add'), Type.Literal('change')]),
  key: Type.String({ description: "the unit's code (generated when the row gave none) or the account's user name" }),
  name: Type.String(),
  fields: Type.Array(
    Type.Object({ field: Type.String(), before: nullable(Type.String()), after: nullable(Type.String()) }),
  ),
});

const checkProperties = {
  counts: Type.Object({ units: counts, departments: counts, accounts: counts }),
  changes: Type.Array(plannedChange),
  errors: Type.Array(problem),
  ignoredSheets: Type.Array(Type.String(), { description: 'sheets read as neither units, departments nor accounts' }),
  planId: Type.String({
    description: 'send it back with the confirmation: a plan that changed since is refused (409)',
  }),
};

export const directoryCheck = Type.Object(checkProperties, {
  description: 'the dry run: what the file would add and change, and every problem; nothing written',
});

export const directoryImported = Type.Object(
  {
    ...checkProperties,
    passwords: Type.Array(
      Type.Object({ username: Type.String(), displayName: Type.String(), password: Type.String() }),
      { description: 'the new accounts’ one-time passwords, shown this once; each is changed at first sign-in' },
    ),
  },
  { description: 'written, all in one transaction' },
);

const uploadErrors = { ...errorResponses, 413: errorResponses[400] };
export const checkResponses = { 200: directoryCheck, ...uploadErrors };
export const importResponses = { 200: directoryImported, ...uploadErrors };
export const exportResponses = { 200: fileDownload, ...errorResponses };

export const DIRECTORY_IMPORT_DESCRIPTION = `Upload the directory workbook (.xlsx as exported, or a .csv of one sheet) as multipart/form-data:
- \`file\`: the workbook; sheets 单位, 部门 and 账号 (or headings that say which);
- \`planId\` (optional, on the confirmation): the dry run's planId; refused with 409 if the plan has changed since.
Nothing is ever deleted: units and accounts the file leaves out stay as they are; an account is deactivated only by a
row whose 状态 says 停用; an existing unit's parent and kind do not change. Any problem refuses the whole file (400
directory_import_refused, details.errors = [{sheet,row,column,message}]) and nothing is written.`;
