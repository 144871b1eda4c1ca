/** Staff roles, one per Cognito user pool group. */
export const ROLES = ['operator', 'lawyer', 'mediator', 'legal_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role as staff call it (the console's labels and the API's Chinese messages). */
export const ROLE_LABELS = {
  operator: '12351坐席',
  lawyer: '志愿律师',
  mediator: '调解员',
  legal_admin: '法律部',
} as const satisfies Record<Role, string>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The authenticated staff member making a request, whatever the transport. */
export interface Caller {
  /** Stable staff identifier (the Cognito `sub`). */
  readonly staffId: string;
  readonly username: string;
  readonly roles: readonly Role[];
  /** Division code of the union the staff member works for. */
  readonly unionCode: string;
}
