import { Type } from 'typebox';
import { errorResponses, fileDownload } from '../../schemas.ts';
import { listQuerySchema } from '../items/items.schema.ts';

/** The ledger page's filters without its sorting and paging: an export is the whole selection, in ledger order. */
export const exportQuerySchema = Type.Omit(listQuerySchema, ['sort', 'order', 'limit', 'offset', 'after', 'count'], {
  additionalProperties: false,
});

export const fileResponses = { 200: fileDownload, ...errorResponses, 413: errorResponses[400] };
