import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CLAIM_MAPPINGS } from '../shared/auth/staff-claims.js';
import { STAFF_TOKEN_ENV } from '../shared/auth/verify-staff-token.js';
import type { DataTable } from './data-table.js';
import { deploymentOf } from './deployment-config.js';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { RouteFunction } from './route-function.js';
import { StaffAuth } from './staff-auth.js';

export interface StaffIdentityProps {
  readonly repoRoot: string;
  readonly data: DataTable;
  readonly phoneHashSecret: secretsmanager.ISecret;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Who staff are, per deployment: the OpenID Connect issuer whose ID tokens
 * the API takes, and the one authorizer function that checks them
 * (functions/auth/staff-authorizer.ts). The issuer is a Cognito user pool this
 * stack creates (the `aws` partition's default), the union's own issuer named
 * in the configuration, or (China, none configured) stack parameters given at
 * deploy time, so one template serves every union's identity provider.
 */
export class StaffIdentity extends Construct {
  readonly authorizerFunction: lambda.IFunction;
  /** The Cognito user pool, when this stack is the issuer. */
  readonly cognito?: StaffAuth;
  /** The issuer URL the API trusts (a token for CloudFormation parameters or the user pool). */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);
    const { identity, cors } = deploymentOf(this);
    let settings: { issuer: string; audience: string; jwksUri: string; claims: string };
    switch (identity.kind) {
      case 'cognito': {
        this.cognito = new StaffAuth(this, 'UserPool', {
          callbackOrigins: cors.staffOrigins,
          ...(identity.domainPrefix ? { domainPrefix: identity.domainPrefix } : {}),
        });
        const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.cognito.userPool.userPoolId}`;
        settings = {
          issuer,
          audience: this.cognito.client.userPoolClientId,
          jwksUri: `${issuer}/.well-known/jwks.json`,
          claims: 'cognito',
        };
        break;
      }
      case 'oidc':
        settings = {
          issuer: identity.issuer,
          audience: identity.audience,
          jwksUri: identity.jwksUri ?? '',
          claims: typeof identity.claims === 'string' ? identity.claims : JSON.stringify(identity.claims),
        };
        break;
      case 'parameters': {
        const stack = Stack.of(this);
        settings = {
          issuer: new CfnParameter(stack, 'StaffOidcIssuer', {
            type: 'String',
            allowedPattern: '^https://\\S+$',
            description: "Staff sign-in: the union's OpenID Connect issuer (exact iss), e.g. https://sso.example.cn/realms/union",
          }).valueAsString,
          audience: new CfnParameter(stack, 'StaffOidcAudience', {
            type: 'String',
            minLength: 1,
            description: "Staff sign-in: the console's client id at the issuer (the aud of its ID tokens)",
          }).valueAsString,
          jwksUri: new CfnParameter(stack, 'StaffOidcJwksUri', {
            type: 'String',
            default: '',
            description: "Staff sign-in: the issuer's JWKS URL; empty to read it from the issuer's discovery document",
          }).valueAsString,
          claims: new CfnParameter(stack, 'StaffOidcClaims', {
            type: 'String',
            default: 'keycloak',
            description: `Staff sign-in: where role and union code are in the ID token: ${Object.keys(CLAIM_MAPPINGS).join(', ')}, or a JSON mapping {"role":…,"unionCode":…,"username":…}`,
          }).valueAsString,
        };
        break;
      }
    }
    this.issuer = settings.issuer;

    this.authorizerFunction = new RouteFunction(this, 'Authorizer', {
      spec: {
        name: 'staffAuthorizer',
        description: 'staffAuthorizer: verifies staff ID tokens against the OpenID Connect issuer',
        entry: 'functions/auth/staff-authorizer.ts',
        data: { actions: [], indexes: [] },
        timeout: Duration.seconds(5),
        environment: {
          [STAFF_TOKEN_ENV.issuer]: settings.issuer,
          [STAFF_TOKEN_ENV.audiences]: settings.audience,
          [STAFF_TOKEN_ENV.jwksUri]: settings.jwksUri,
          [STAFF_TOKEN_ENV.claims]: settings.claims,
        },
      },
      repoRoot: props.repoRoot,
      data: props.data,
      phoneHashSecret: props.phoneHashSecret,
      logRetention: props.logRetention,
    }).function;
  }
}
