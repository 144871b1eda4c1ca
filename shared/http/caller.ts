import type { APIGatewayProxyEvent } from 'aws-lambda';
import { identityFromAuthorizerContext } from '../auth/staff-claims.js';
import type { Caller } from '../domain/roles.js';

/**
 * The one place a handler learns who is calling. The staff authorizer
 * (functions/auth/staff-authorizer.ts, the same code under `npm start`) puts
 * the verified identity in `requestContext.authorizer`. Returns undefined
 * when there is none.
 */
export function callerFromEvent(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller | undefined {
  return identityFromAuthorizerContext(event.requestContext?.authorizer);
}
