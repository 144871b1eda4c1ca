import type { components } from '../../../src/api/schema';

/** The API's shapes the page uses, from the schema generated for the console and this page (npm run openapi). */
export type FiledComplaint = components['schemas']['FiledComplaint'];
export type PublicCase = components['schemas']['PublicCase'];
export type FileComplaintRequest = components['schemas']['FileComplaintRequest'];
export type ApiErrorBody = components['schemas']['Error'];
export type FieldIssue = NonNullable<ApiErrorBody['error']['details']>[number];

/** What the page knows of a failed request (see ApiFailure). */
export interface Failure {
  /** The API's error code, or NETWORK when no answer arrived. */
  readonly code: string;
  readonly issues: readonly FieldIssue[];
  readonly retryAfterSeconds: number | undefined;
}
