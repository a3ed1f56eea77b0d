/** Schema pieces shared by the routes; each route folder's `<resource>.schema.ts` builds on these. */
import { type Static, type TEnum, type TOptional, type TSchema, type TUnsafe, Type } from 'typebox';
import { Memory } from 'typebox/system';

/**
 * A value or null, written as JSON Schema's type list (`type: ['string', 'null']`) rather than TypeBox's anyOf:
 * with ajv's coerceTypes an anyOf branch rewrites the value before it fails (a null body field would arrive as ""),
 * and fast-json-stringify serialises a type list without trying branches one by one.
 */
export function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type, enum: values, ...rest } = schema as { type?: string; enum?: unknown[] };
  if (typeof type !== 'string') throw new Error('nullable() needs a schema with a single type');
  return Type.Unsafe<Static<T> | null>({
    ...rest,
    type: [type, 'null'],
    ...(values ? { enum: [...values, null] } : {}),
  });
}

/**
 * A request field the client may leave out because ajv fills in `value`: optional in the JSON Schema (so in the
 * generated client), always present in the handler's type.
 */
export function withDefault<T extends TSchema>(schema: T, value: Static<T>): T {
  return Memory.Update(schema, { '~optional': true }, { default: value }) as T;
}

/** One of a fixed list of strings; `type: 'string'` is kept so fast-json-stringify writes it without a fallback. */
export function stringEnum<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string } = {},
): TEnum<[...Values]> {
  return Type.Enum([...values], { type: 'string', ...options }) as TEnum<[...Values]>;
}

export const isoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' });
export const nullableIsoDate = nullable(isoDate);
export const id = Type.Integer({ minimum: 1 });
export const nullableId = nullable(id);
export const text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });
export const nullableText = (maxLength: number) => nullable(Type.String({ maxLength }));
export const version = Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409' });

/** A notice's contact lines (举报电话, 邮箱, 通信地址, 邮编) as the server returns them. */
export const contactsResponse = Type.Object({
  phone: Type.Array(Type.String()),
  email: Type.Array(Type.String()),
  postal: nullable(Type.String()),
  postcode: nullable(Type.String()),
});

/** One finding of the notice linter, on a pasted text or a notice about to be published. */
export const lintFinding = Type.Object({
  severity: stringEnum(['error', 'warning']),
  code: Type.String(),
  message: Type.String(),
  line: nullable(Type.Integer()),
  excerpt: nullable(Type.String()),
});

/** The public period of a notice, both days required. */
export const publicPeriod = { publicFrom: isoDate, publicTo: isoDate };

export const idParams = Type.Object({ id }, { additionalProperties: false });
export type IdParams = Static<typeof idParams>;

/** What error-handler.ts sends for every refusal; details is null when there are none. */
const errorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Unknown() }),
});

export type ErrorBody = Static<typeof errorBody>;

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
};

/** No body: OpenAPI shows it as null, and the handler's `reply.status(204).send()` needs no argument. */
export const noContent = Type.Unsafe<undefined>({ type: 'null' });

export const noContentResponse = { 204: noContent, ...errorResponses };

/**
 * The body of an edit: the version that was read plus at least one field. Defaults are dropped, because in an edit
 * an absent field means "leave it as it is", not "reset it".
 */
export function patchBody<Fields extends Record<string, TSchema>>(fields: Fields) {
  const optional = {} as { [Name in keyof Fields]: TOptional<Fields[Name]> };
  for (const [name, schema] of Object.entries(fields)) {
    const { default: _default, ...rest } = schema as { default?: unknown };
    (optional as Record<string, TSchema>)[name] = Type.Optional(rest);
  }
  return Type.Object({ version, ...optional }, { minProperties: 2, additionalProperties: false });
}

/** A download: the bytes go out as they are, under the content type the route sets. */
export const fileDownload = Type.Unknown({ description: 'the file, streamed' });

const created = Type.Object({ id: Type.Integer() });
export type Created = Static<typeof created>;

export const createdResponse = { 201: created, ...errorResponses };
