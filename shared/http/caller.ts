import type { APIGatewayProxyEvent } from 'aws-lambda';
import { isRole, type Caller } from '../domain/roles.js';

/**
 * The one place a handler learns who is calling. API Gateway's Cognito
 * authorizer (and the local server's emulation of it) puts the verified
 * token's claims in `requestContext.authorizer.claims`, every value a string.
 * Returns undefined when there are no usable claims.
 */
export function callerFromEvent(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller | undefined {
  const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
  const staffId = claims?.sub;
  if (typeof staffId !== 'string' || staffId === '') return undefined;
  const unionCode = claims?.['custom:union_code'];
  return {
    staffId,
    username: typeof claims?.['cognito:username'] === 'string' ? (claims['cognito:username'] as string) : staffId,
    roles: parseGroups(claims?.['cognito:groups']).filter(isRole),
    unionCode: typeof unionCode === 'string' && /^\d{6}$/.test(unionCode) ? unionCode : '',
  };
}

/**
 * `cognito:groups` arrives flattened to a string: "operator", "[operator lawyer]"
 * (API Gateway's rendering of a JSON array) or "operator,lawyer"; an array is
 * accepted too.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group !== '');
}
