import { nullableIsoDate, patchBody } from '../../schemas.ts';
import { measureInputSchema } from '../items/items.schema.ts';

export const patchMeasureBody = patchBody({ ...measureInputSchema.properties, completedOn: nullableIsoDate });
