import fc from 'fast-check';

/**
 * A JSON Schema (OpenAPI 3.1 dialect) → fast-check arbitrary, for the subset
 * docs/openapi.json uses: type, enum, const, pattern, minLength/maxLength,
 * minimum/maximum, format, properties/required, additionalProperties: false,
 * items/minItems/maxItems, anyOf/oneOf and $ref to components. No package in
 * node_modules does this (json-schema-faker and friends are not installed),
 * and the subset is small enough that a converter we can read beats a
 * dependency. A keyword it does not know fails loudly, so a new schema
 * feature cannot silently go unfuzzed.
 */
export type JsonSchema = Record<string, any>;

export interface ConvertOptions {
  /** The OpenAPI document, to resolve `#/components/...` references. */
  readonly document: JsonSchema;
  /**
   * Longest free-text string generated (schemas allow up to 2,000 or more);
   * the length bounds themselves are still generated as edge cases.
   */
  readonly typicalMaxLength?: number;
}

const KNOWN_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  '$ref',
  // annotations: no effect on what is valid
  'description',
  'default',
  'examples',
  'example',
  'title',
  'id',
  'readOnly',
  'deprecated',
]);

/** Resolves a local `$ref` (`#/components/schemas/Name`). */
export function resolveRef(schema: JsonSchema, document: JsonSchema): JsonSchema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    if (!current) throw new Error(`unresolved reference ${ref}`);
  }
  return current;
}

/** Text a person might type: ASCII, Chinese, or both. */
function freeText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const chinese = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
  const unit = fc.oneof(fc.constantFrom(...'abcXYZ0123 -_.,'.split('')), chinese);
  return fc.string({ unit, minLength, maxLength });
}

function stringArbitrary(schema: JsonSchema, options: ConvertOptions): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const fits = (value: string) => value.length >= minLength && value.length <= (schema.maxLength ?? Infinity);
  const maxLength: number = schema.maxLength ?? Math.max(minLength, 64);
  if (schema.pattern !== undefined) {
    // fc.stringMatching honours the pattern; the length bounds are checked after (patterns here are short).
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  if (schema.format === 'uuid') return fc.uuid({ version: 4 }).filter(fits);
  if (schema.format === 'date') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  if (schema.format !== undefined) throw new Error(`unsupported string format ${schema.format}`);
  const typical = Math.min(maxLength, Math.max(minLength, options.typicalMaxLength ?? 40));
  return fc.oneof(
    { weight: 8, arbitrary: freeText(minLength, typical) },
    // the bounds themselves
    { weight: 1, arbitrary: freeText(minLength, minLength) },
    { weight: 1, arbitrary: freeText(maxLength, maxLength) },
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min: number = schema.minimum ?? (integer ? Number.MIN_SAFE_INTEGER : -1e12);
  const max: number = schema.maximum ?? (integer ? Number.MAX_SAFE_INTEGER : 1e12);
  const inRange = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(
    { weight: 8, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constant(min) },
    { weight: 1, arbitrary: fc.constant(max) },
  );
}

function objectArbitrary(schema: JsonSchema, options: ConvertOptions): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required: string[] = schema.required ?? [];
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    // `{}` (anything) appears only on response schemas; requests are strict.
    if (Object.keys(schema.additionalProperties).length > 0) throw new Error('typed additionalProperties are not supported');
  }
  const requiredKeys = required.filter((name) => name in properties);
  const derived = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, schemaArbitrary(property, options)])),
    { requiredKeys },
  );
  /*
   * Where the schema carries a documented example, half the values start from
   * it and re-derive only some fields: the example satisfies the checks JSON
   * Schema cannot express (an ID card's or a credit code's check digit, which
   * fields go together), so valid requests also reach the handler's logic, not
   * only its validation.
   */
  const example = (schema.examples as Record<string, unknown>[] | undefined)?.[0];
  if (!example) return derived;
  // The example's own fields only: an optional field it leaves out may only go with others (answeredOnCall: consultations).
  const nearExample = fc.record(
    Object.fromEntries(
      Object.entries(properties)
        .filter(([name]) => name in example)
        .map(([name, property]) => [
          name,
          fc.oneof(
            { weight: 4, arbitrary: fc.constant(example[name]) },
            { weight: 1, arbitrary: schemaArbitrary(property, options) },
          ),
        ]),
    ),
  );
  return fc.oneof(derived, nearExample);
}

/** An arbitrary of values valid against `schema`. */
export function schemaArbitrary(schema: JsonSchema, options: ConvertOptions): fc.Arbitrary<unknown> {
  const resolved = resolveRef(schema, options.document);
  const unknown = Object.keys(resolved).filter((keyword) => !KNOWN_KEYWORDS.has(keyword));
  if (unknown.length > 0) throw new Error(`unsupported JSON Schema keywords: ${unknown.join(', ')}`);
  if ('const' in resolved) return fc.constant(resolved.const);
  if (resolved.enum) return fc.constantFrom(...(resolved.enum as unknown[]));
  const alternatives: JsonSchema[] | undefined = resolved.anyOf ?? resolved.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => schemaArbitrary(alternative, options)));
  const types: string[] = [resolved.type ?? 'object'].flat();
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringArbitrary(resolved, options);
        case 'integer':
          return numberArbitrary(resolved, true);
        case 'number':
          return numberArbitrary(resolved, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(schemaArbitrary(resolved.items ?? {}, options), {
            minLength: resolved.minItems ?? 0,
            maxLength: Math.min(resolved.maxItems ?? 5, 5),
          });
        case 'object':
          return objectArbitrary(resolved, options);
        default:
          throw new Error(`unsupported type ${type}`);
      }
    }),
  );
}

/**
 * The alternatives a value of `schema` may take, references resolved: one for
 * a plain schema, several for anyOf/oneOf. Mutations pick one to break.
 */
export function alternativesOf(schema: JsonSchema, document: JsonSchema): JsonSchema[] {
  const resolved = resolveRef(schema, document);
  const alternatives: JsonSchema[] | undefined = resolved.anyOf ?? resolved.oneOf;
  return alternatives ? alternatives.flatMap((alternative) => alternativesOf(alternative, document)) : [resolved];
}
