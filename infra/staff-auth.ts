import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES, type Role } from '../shared/domain/roles.js';

/** Name of the custom attribute holding the staff member's union; tokens carry it as `custom:union_code`. */
export const UNION_CODE_ATTRIBUTE = 'union_code';

const GROUP_DESCRIPTIONS: Record<Role, string> = {
  operator: 'Hotline and front-desk staff who register cases',
  lawyer: 'Lawyers handling assigned cases',
  mediator: 'Mediators handling assigned cases',
  legal_admin: 'Legal department administrators of a union',
};

/**
 * Staff identities. Accounts are created by administrators (no self sign-up);
 * each belongs to one or more role groups and carries the administrative
 * division code of its union in `custom:union_code`, which the handlers use
 * for tenancy. Staff see personal information of workers, so MFA (TOTP) is
 * required and the Plus feature plan's threat protection blocks risky sign-ins.
 */
export interface StaffAuthProps {
  /** Origins of the staff console: its `/auth/callback` receives the authorization code. None: no hosted sign-in. */
  readonly callbackOrigins: readonly string[];
  /** Prefix of the hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com). */
  readonly domainPrefix?: string;
}

export class StaffAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly groups: ReadonlyMap<Role, cognito.UserPoolGroup>;
  readonly domain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: false, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // Six-digit administrative division code; mutable so that an
        // administrator can move a staff member to another union.
        [UNION_CODE_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 6, maxLen: 6, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const groups = new Map<Role, cognito.UserPoolGroup>();
    ROLES.forEach((role, precedence) => {
      groups.set(
        role,
        new cognito.UserPoolGroup(this, `Group-${role}`, {
          userPool: this.userPool,
          groupName: role, // the group name is the role the handlers check: part of the contract
          description: GROUP_DESCRIPTIONS[role],
          precedence,
        }),
      );
    });
    this.groups = groups;

    // The console: a public client (no secret) signing in with the authorization
    // code flow and PKCE at the hosted sign-in, as with any other issuer. It may
    // read the union code but never write it: only administrators
    // (AdminUpdateUserAttributes) can change which union's data a staff member sees.
    const codeFlow = props.callbackOrigins.length > 0;
    this.client = this.userPool.addClient('StaffClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      ...(codeFlow
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE, cognito.OAuthScope.EMAIL],
              callbackUrls: props.callbackOrigins.map((origin) => `${origin}/auth/callback`),
              logoutUrls: props.callbackOrigins.map((origin) => `${origin}/`),
            },
          }
        : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(UNION_CODE_ATTRIBUTE),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    if (props.domainPrefix) {
      this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    }
  }
}
