import * as z from 'zod/mini';
import { toJSONSchema } from 'zod/v4/core';
import { ErrorResponse } from '../schemas/error.js';
import { isPublic, type RouteContract, type Schema } from './contract.js';

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: malformed JSON, unknown fields, wrong types or values (see details for field paths).',
  401: 'Missing or invalid token.',
  403: 'The token’s role may not call this route.',
  404: 'No such resource in your union’s area.',
  405: 'Method not allowed on this path.',
  409: 'Conflicts with the current state.',
  413: 'Body too large.',
  415: 'Body is not application/json.',
  422: 'Well-formed but cannot be processed (e.g. region outside your union’s area).',
  429: 'Too many requests: the stage’s throttling or the firewall’s rate rule (public routes also lock a case number after repeated wrong access codes).',
  500: 'A bug on our side; no internals are returned.',
  503:
    'Busy, or the data store is throttling or out of reach (`BUSY`, `STORE_UNAVAILABLE`): nothing is wrong with the ' +
    'request; retry after the seconds in Retry-After (with the same Idempotency-Key, where the route takes one).',
};

/** Statuses with response headers of their own. */
const STATUS_HEADERS: Record<number, Record<string, unknown>> = {
  503: {
    'Retry-After': {
      description: 'Seconds to wait before retrying.',
      required: true,
      schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 },
    },
    'Access-Control-Allow-Origin': {
      description: 'The calling page’s origin, when it is one of the deployment’s allowed origins (shared/http/cors.ts).',
      schema: { type: 'string', format: 'uri', maxLength: 200 },
    },
  },
};

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
/** Formats whose values all have one length, so the format fixes `maxLength`. */
const FIXED_LENGTH_FORMATS: Record<string, number> = { uuid: 36, date: 'YYYY-MM-DD'.length };

/**
 * Writes out bounds that zod enforces but its generator leaves implicit: the
 * width of an integer (int32 when its range fits) and the length of a
 * fixed-length format. Nothing here widens or narrows what a route accepts.
 */
function statedBounds(schema: JsonSchema): void {
  if (schema.type === 'integer' && schema.format === undefined) {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
    const fits32 = minimum !== undefined && maximum !== undefined && minimum >= INT32.min && maximum <= INT32.max;
    schema.format = fits32 ? 'int32' : 'int64';
  }
  const fixedLength = typeof schema.format === 'string' ? FIXED_LENGTH_FORMATS[schema.format] : undefined;
  if (schema.type === 'string' && fixedLength !== undefined && schema.maxLength === undefined) schema.maxLength = fixedLength;
}

/**
 * Converts zod schemas to OpenAPI 3.1 (JSON Schema 2020-12) with zod's own
 * generator, collecting every schema registered with an `id` as a shared
 * component.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: Schema, io: 'input' | 'output'): JsonSchema {
    const generated = toJSONSchema(schema as z.core.$ZodType, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
      override: ({ jsonSchema }) => statedBounds(jsonSchema as JsonSchema),
    });
    const rewritten = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    const { $schema: _ignored, $defs, ...root } = rewritten as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, definition] of Object.entries($defs ?? {})) this.components[name] ??= definition;
    return root;
  }
}

function parameters(collector: SchemaCollector, schema: Schema | undefined, location: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const converted = collector.convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(converted.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (converted.required ?? []).includes(name),
    schema: property,
  }));
}

function example(schema: Schema): unknown {
  const examples = z.globalRegistry.get(schema as z.core.$ZodType)?.examples as unknown[] | undefined;
  return examples?.[0];
}

/**
 * Answers any route can give whatever its contract says: 400 (every route
 * rejects unknown query parameters and an unexpected body), 405, 429 (the
 * stage's throttling applies to all routes), 500 (a bug) and 503 (the store
 * or the function's time ran out); the edge (handler.ts) answers these for
 * every route alike.
 */
const EVERY_ROUTE_ERRORS = [400, 405, 429, 500, 503];

/** One line per tag the route table uses; the lint fails on a tag missing here. */
const TAGS: Record<string, string> = {
  cases: 'Hotline intake and the case file: register, list, read, timeline.',
  callers: 'Who is calling: earlier cases of a phone number (matched by keyed hash).',
  lifecycle: 'Case work after intake: work entries, calls, closing, follow-up, reopening.',
  dispatch: 'Pools, claims, assignments and transfers between unions.',
  roster: 'Volunteer lawyers and mediators a legal department manages.',
  alerts: '欠薪预警: several wage-arrears complaints against one employer.',
  reports: 'Monthly figures from pre-aggregated counters, and filing them upward.',
  unions: 'The union directory.',
  public: 'No login: workers file and follow complaints with a case number and access code.',
  docs: 'This document.',
};

export function buildOpenApiDocument(routes: readonly { contract: RouteContract; response: Schema }[]) {
  const collector = new SchemaCollector();
  const errorSchema = collector.convert(ErrorResponse, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { contract, response } of routes) {
    const errorStatuses = [
      ...new Set([...contract.errors, ...(isPublic(contract.access) ? [] : [401, 403]), ...EVERY_ROUTE_ERRORS]),
    ].sort();
    const body = contract.request.body;
    const bodyExample = body ? example(body) : undefined;
    paths[contract.path] ??= {};
    paths[contract.path]![contract.method.toLowerCase()] = {
      operationId: contract.name,
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      tags: contract.tags,
      security: isPublic(contract.access) ? [] : [{ staffToken: [] }],
      'x-weiquan-roles': isPublic(contract.access) ? 'public' : contract.access.roles,
      parameters: [
        ...parameters(collector, contract.request.params, 'path'),
        ...parameters(collector, contract.request.query, 'query'),
        ...parameters(collector, contract.request.headers, 'header'),
      ],
      ...(body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: collector.convert(body, 'input'),
                  ...(bodyExample !== undefined ? { example: bodyExample } : {}),
                },
              },
            },
          }
        : {}),
      responses: {
        [String(contract.response.status)]: {
          description: contract.response.description,
          content: {
            [contract.response.contentType ?? 'application/json']: {
              schema: collector.convert(response, 'output'),
            },
            // Files (CSV, spreadsheets): OpenAPI 3.1 describes raw content by its media type alone.
            ...Object.fromEntries((contract.response.alternativeContentTypes ?? []).map((type) => [type, {}])),
          },
        },
        ...Object.fromEntries(
          errorStatuses.map((status) => [
            String(status),
            {
              description: STATUS_TEXT[status] ?? 'Error.',
              ...(STATUS_HEADERS[status] ? { headers: STATUS_HEADERS[status] } : {}),
              content: { 'application/json': { schema: errorSchema } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weiquan 维权 API',
      version: '0.1.0',
      description:
        'Labour-dispute intake and routing for trade union legal aid: 12351 hotline operators, volunteer lawyers, ' +
        'mediators and union legal departments. Staff routes take an ID token from the deployment’s OpenID Connect issuer (locally: `npm run token -- <username>`).',
    },
    // Deployed stages have their own HTTPS URLs (API Gateway serves nothing else); this is the local one.
    servers: [{ url: 'http://localhost:3000', description: 'Local (npm start)', 'x-internal': true }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "An ID token from the deployment's OpenID Connect issuer (Cognito, or the union's own: Keycloak, Authing, " +
            'a provincial single sign-on), `Bearer ` optional. Its role and union-code claims (names configured per ' +
            'deployment) decide what the caller may do and see. Verified as RFC8725 (JWT Best Current Practices) asks: ' +
            'the accepted algorithms are pinned (RS256 and ES256 unless the deployment names others), the signing key comes from the ' +
            "issuer's JWKS, and `iss`, `aud`, `exp`, `iat` and `sub` are required and checked.",
        },
      },
      schemas: collector.components,
    },
    paths,
  };
}
