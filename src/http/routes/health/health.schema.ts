import { Type } from 'typebox';

export const healthResponse = Type.Object({ status: Type.Literal('ok') });
