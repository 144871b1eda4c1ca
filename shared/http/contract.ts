import type * as z from 'zod/mini';
import type { Role } from '../domain/roles.js';

/**
 * A route's contract: everything about a route that more than one consumer
 * needs. The handler validates with it; the route table collects contracts;
 * the CDK stack, the local server, the OpenAPI generator and the authorization
 * test matrix all read them from there. Contracts import only zod/mini and
 * types, so a handler bundle that imports its own contract stays small.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access =
  /** No login: the open internet may call it (WAF rate limits apply in the cloud). */
  | { readonly public: true }
  /** A valid staff token whose groups include one of these roles. */
  | { readonly public?: false; readonly roles: readonly Role[] };

/** DynamoDB actions a route's function may perform; the stack grants exactly these. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

export interface DataAccess {
  readonly actions: readonly TableAction[];
  /**
   * Indexes the function queries (the grant names each index ARN, never `index/*`). Names, not the store's
   * type: the edge does not import storage; the stack refuses a name the table does not have.
   */
  readonly indexes: readonly string[];
  /** Needs the key that hashes phone numbers for caller look-up. */
  readonly phoneHashKey?: boolean;
  /** Needs the key that binds page cursors to their query (lists that page). */
  readonly cursorKey?: boolean;
}

// zod/mini schemas of any shape: the contract does not care what they parse to.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = z.ZodMiniType<any, any>;

export interface RouteContract {
  /** Function and OpenAPI operation name, camelCase and unique. */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/cases/{caseId}`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly request: {
    readonly params?: Schema;
    readonly query?: Schema;
    /** Headers the route reads, by lower-case name; others are ignored (proxies add their own). */
    readonly headers?: Schema;
    readonly body?: Schema;
    /** Largest accepted body in bytes; defaults to DEFAULT_MAX_BODY_BYTES. */
    readonly maxBodyBytes?: number;
  };
  /** The success answer; its schema sits in the route table (functions/routes.ts), away from handler bundles. */
  readonly response: {
    readonly status: number;
    readonly description: string;
    /** Served as-is instead of JSON-encoded. */
    readonly contentType?: string;
    /** Other content types the route answers with when the request asks (e.g. a report as CSV or Excel). */
    readonly alternativeContentTypes?: readonly string[];
  };
  /** Error statuses this route documents besides the ones every route can return. */
  readonly errors: readonly number[];
  readonly data: DataAccess;
}

/** 16 KiB: a long complaint description is ~2,000 Chinese characters (6 KiB in UTF-8). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

export function isPublic(access: Access): access is { readonly public: true } {
  return access.public === true;
}

export function allowedRoles(access: Access): readonly Role[] {
  return isPublic(access) ? [] : access.roles;
}

/** Parsed request body/query/params types of a contract. */
export type BodyOf<C extends RouteContract> = C['request']['body'] extends Schema ? z.infer<C['request']['body']> : undefined;
export type QueryOf<C extends RouteContract> = C['request']['query'] extends Schema ? z.infer<C['request']['query']> : undefined;
export type ParamsOf<C extends RouteContract> = C['request']['params'] extends Schema
  ? z.infer<C['request']['params']>
  : undefined;
export type HeadersOf<C extends RouteContract> = C['request']['headers'] extends Schema
  ? z.infer<C['request']['headers']>
  : Readonly<Record<string, string>>;
