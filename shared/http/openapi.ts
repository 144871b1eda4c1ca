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
  429: 'Too many requests.',
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
      schema: { type: 'integer', minimum: 1 },
    },
  },
};

/**
 * Statuses any route may answer whatever its contract lists: 405 from the
 * routing, 500 for a bug, 503 when the store (or the function's time) runs
 * out; the edge (handler.ts) answers these for every route alike.
 */
const EVERY_ROUTE_STATUSES = [405, 500, 503];

/**
 * Converts zod schemas to OpenAPI 3.1 (JSON Schema 2020-12) with zod's own
 * generator, collecting every schema registered with an `id` as a shared
 * component.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: Schema, io: 'input' | 'output'): JsonSchema {
    const generated = toJSONSchema(schema as z.core.$ZodType, { io, unrepresentable: 'any', target: 'draft-2020-12' });
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

export function buildOpenApiDocument(routes: readonly { contract: RouteContract; response: Schema }[]) {
  const collector = new SchemaCollector();
  const errorSchema = collector.convert(ErrorResponse, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { contract, response } of routes) {
    const errorStatuses = [
      ...new Set([...contract.errors, ...(isPublic(contract.access) ? [] : [401, 403]), ...EVERY_ROUTE_STATUSES]),
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
    servers: [{ url: 'http://localhost:3000', description: 'Local (npm start)' }],
    components: {
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "An ID token from the deployment's OpenID Connect issuer (Cognito, or the union's own: Keycloak, Authing, " +
            'a provincial single sign-on), `Bearer ` optional. Its role and union-code claims (names configured per ' +
            'deployment) decide what the caller may do and see.',
        },
      },
      schemas: collector.components,
    },
    paths,
  };
}
