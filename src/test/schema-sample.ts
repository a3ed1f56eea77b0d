/**
 * The smallest value a JSON schema accepts, so a test can call every route with a body that passes validation and reach
 * the handler's authorisation (a 400 from validation would say nothing about who may do what).
 */
export function sampleOf(schema: unknown, today: string): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('default' in s) return s.default;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key];
    if (Array.isArray(options)) {
      const concrete = options.find((o) => (o as { type?: string }).type !== 'null') ?? options[0];
      return sampleOf(concrete, today);
    }
  }
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((part) => sampleOf(part, today)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = (s.required ?? []) as string[];
      // A patch that must change something (minProperties) gets its first optional fields too.
      const optional = Object.keys(properties).filter((key) => !required.includes(key));
      const wanted = [...required, ...optional.slice(0, Math.max(Number(s.minProperties ?? 0) - required.length, 0))];
      return Object.fromEntries(wanted.map((key) => [key, sampleOf(properties[key], today)]));
    }
    case 'array':
      return Array.from({ length: Number(s.minItems ?? 0) }, () => sampleOf(s.items, today));
    case 'integer':
    case 'number':
      return Math.max(Number(s.minimum ?? 1), 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      if (s.format === 'date') return today;
      if (s.format === 'date-time') return `${today}T00:00:00.000Z`;
      const length = Math.max(Number(s.minLength ?? 1), 1);
      return '测'.repeat(length);
    }
    default:
      return {};
  }
}
