import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteEntry } from '../functions/routes.js';
import { isPublic } from '../shared/http/contract.js';
import { CORS_ALLOWED_HEADERS, CORS_MAX_AGE_SECONDS, originsFor } from '../shared/http/cors.js';
import { deploymentOf } from './deployment-config.js';
import { addGatewayErrorResponses, errorBody } from './error-responses.js';
import { AUTHORIZER_CACHE_TTL_SECONDS } from './authorizer-cache.js';

export interface WeiquanApiProps {
  readonly routes: readonly RouteEntry[];
  /** Each route's function, by contract name. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** The staff authorizer (functions/auth/staff-authorizer.ts) of this deployment's issuer. */
  readonly authorizerFunction: lambda.IFunction;
  readonly stageName: string;
  readonly accessLogRetention: logs.RetentionDays;
  /** Stage-wide API Gateway throttling (requests per second, burst). */
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * Content types the 405 mock answers for. A mock integration needs a request
 * template to learn its status code; any other content type gets API
 * Gateway's 415, which is also rendered in the error shape.
 */
const MOCK_CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  'text/xml',
  'application/octet-stream',
];

/**
 * The REST API: one method per route table entry, each integrated with its
 * function (Lambda proxy). Staff routes go through the staff TOKEN authorizer,
 * which verifies the ID token of the deployment's OpenID Connect issuer
 * (Cognito or the union's own) and hands the identity to the function; public
 * routes have no authorizer. Every resource that has routes also answers
 * other methods with 405 in the error shape, and, where the deployment lists
 * browser origins for its audience, CORS preflights (OPTIONS).
 */
export class WeiquanApi extends Construct {
  readonly restApi: apigateway.RestApi;
  readonly authorizer: apigateway.TokenAuthorizer;
  /** The custom (in China: ICP-filed) domain, when configured. */
  readonly domain?: apigateway.DomainName;
  /** The base URL clients use: the custom domain's, else the execute-api stage's. */
  readonly url: string;
  readonly accessLogs: logs.LogGroup;
  /** Each route's method, by contract name. */
  readonly methods: ReadonlyMap<string, apigateway.Method>;
  /** The 405 `ANY` method of each resource that has routes. */
  readonly methodNotAllowed: readonly apigateway.Method[];

  constructor(scope: Construct, id: string, props: WeiquanApiProps) {
    super(scope, id);
    const deployment = deploymentOf(this);

    // Access logs are network logs: China's Cybersecurity Law (Art. 21) asks for at least six months.
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.accessLogRetention });

    const field = apigateway.AccessLogField;
    this.restApi = new apigateway.RestApi(this, 'RestApi', {
      description: 'Weiquan labour-dispute intake and routing API',
      // Spreadsheets (the monthly report as xlsx) leave the function base64-encoded; API Gateway decodes them for
      // clients that accept the type.
      binaryMediaTypes: binaryMediaTypesOf(props.routes),
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      // Behind a custom domain, the execute-api URL would bypass it (and, in China, the ICP filing).
      disableExecuteApiEndpoint: deployment.domain !== undefined,
      // Execution logging needs the account-level API Gateway CloudWatch role.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: field.contextRequestId(),
            extendedRequestId: field.contextExtendedRequestId(),
            requestTimeEpoch: field.contextRequestTimeEpoch(),
            sourceIp: field.contextIdentitySourceIp(),
            userAgent: field.contextIdentityUserAgent(),
            staffId: field.contextAuthorizer('staffId'),
            httpMethod: field.contextHttpMethod(),
            resourcePath: field.contextResourcePath(),
            path: field.contextPath(),
            protocol: field.contextProtocol(),
            status: field.contextStatus(),
            responseLength: field.contextResponseLength(),
            responseLatency: field.contextResponseLatency(),
            integrationLatency: field.contextIntegrationLatency(),
            integrationStatus: field.contextIntegrationStatus(),
            errorType: field.contextErrorResponseType(),
            wafStatus: field.contextWafResponseCode(),
            ...(deployment.features.apiGatewayXRay ? { xrayTraceId: field.contextXrayTraceId() } : {}),
          }),
        ),
        // ERROR, not INFO, and no data trace: request and response bodies
        // carry personal information that must not be copied into logs.
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: deployment.features.apiGatewayXRay,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
      },
    });
    // RestApi adds an "Endpoint" output of its own; the stack exports ApiUrl instead.
    this.restApi.node.tryRemoveChild('Endpoint');

    // API Gateway creates the execution log group on first use with no
    // expiry; creating it first (same name) gives it a retention.
    const executionLogs = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.restApi.restApiId}/${props.stageName}`,
      retention: props.accessLogRetention,
    });
    this.restApi.deploymentStage.node.addDependency(executionLogs);

    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Each handler validates its request against the route contract (strict zod schemas: unknown fields, ' +
        'query parameters and bodies are rejected) and answers 400 with field paths in the project error shape; ' +
        'a gateway validator would answer first with a shapeless message and duplicate the schemas.',
    });
    const cloudWatchRole = this.restApi.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      Validations.of(cloudWatchRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'Account-level role API Gateway assumes to write execution and access logs; AWS documents this managed ' +
          'policy for it, and its log group names are chosen by API Gateway, not by this stack.',
      });
    }

    // Cached per token for 5 minutes: the authorizer's policy allows the whole API, and the route's
    // function decides by role, so one cached answer serves every route the token calls.
    this.authorizer = new apigateway.TokenAuthorizer(this, 'StaffAuthorizer', {
      handler: props.authorizerFunction,
      identitySource: apigateway.IdentitySource.header('Authorization'),
      resultsCacheTtl: Duration.seconds(AUTHORIZER_CACHE_TTL_SECONDS),
    });

    const methods = new Map<string, apigateway.Method>();
    const methodsByResource = new Map<apigateway.IResource, Set<string>>();
    for (const { contract } of props.routes) {
      const fn = props.functions.get(contract.name);
      if (!fn) throw new Error(`No function for route ${contract.name}`);
      const resource = this.restApi.root.resourceForPath(contract.path);
      const integration = new apigateway.LambdaIntegration(fn, { allowTestInvoke: false });
      const method = isPublic(contract.access)
        ? resource.addMethod(contract.method, integration, {
            operationName: contract.name,
            authorizationType: apigateway.AuthorizationType.NONE,
          })
        : resource.addMethod(contract.method, integration, {
            operationName: contract.name,
            authorizationType: apigateway.AuthorizationType.CUSTOM,
            authorizer: this.authorizer,
          });
      if (!isPublic(contract.access)) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason:
            'Staff methods use a Lambda TOKEN authorizer that verifies ID tokens of the OpenID Connect issuer chosen per ' +
            "deployment (a Cognito user pool in the aws partition, the union's own issuer in the China regions, where " +
            'Cognito user pools and the Cognito authorizer do not exist): one code path for both partitions.',
        });
      }
      if (isPublic(contract.access)) {
        const reason =
          `${contract.method} ${contract.path} is public by its contract (access.public): it serves people who ` +
          'have no staff account. It is protected by the WAF web ACL (per-IP rate limits, managed rule groups), ' +
          "the handler's body-size limit and validation, and, for case data, per-case access codes with lockout.";
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
      }
      methods.set(contract.name, method);
      const allowed = methodsByResource.get(resource) ?? new Set<string>();
      allowed.add(contract.method);
      methodsByResource.set(resource, allowed);
    }
    this.methods = methods;

    const notAllowed: apigateway.Method[] = [];
    for (const [resource, allowedMethods] of methodsByResource) {
      notAllowed.push(this.addMethodNotAllowed(resource, [...allowedMethods].sort()));
    }
    this.methodNotAllowed = notAllowed;

    this.addCorsPreflights(props.routes, methodsByResource);
    const { cors } = deployment;
    addGatewayErrorResponses(this.restApi, { reflectOrigin: cors.publicOrigins.length + cors.staffOrigins.length > 0 });

    if (deployment.domain) {
      const { name, certificateArn, basePath } = deployment.domain;
      this.domain = new apigateway.DomainName(this, 'Domain', {
        domainName: name,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
        endpointType: apigateway.EndpointType.REGIONAL,
        securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
      });
      this.domain.addBasePathMapping(this.restApi, { ...(basePath ? { basePath } : {}), stage: this.restApi.deploymentStage });
      this.url = `https://${name}/${basePath ? `${basePath}/` : ''}`;
    } else {
      this.url = this.restApi.url;
    }
  }

  /**
   * OPTIONS on each resource whose audience (public or staff, by the route
   * table) has browser origins configured, answered by API Gateway from the
   * same lists the handlers use (shared/http/cors.ts).
   */
  private addCorsPreflights(
    routes: readonly RouteEntry[],
    methodsByResource: ReadonlyMap<apigateway.IResource, Set<string>>,
  ): void {
    const { cors } = deploymentOf(this);
    for (const [resource, methods] of methodsByResource) {
      const route = routes.find(({ contract }) => this.restApi.root.resourceForPath(contract.path) === resource)!;
      const origins = originsFor(route.contract.access, cors);
      if (origins.length === 0) continue;
      const preflight = resource.addCorsPreflight({
        allowOrigins: [...origins],
        allowMethods: [...methods].sort(),
        allowHeaders: [...CORS_ALLOWED_HEADERS],
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
        statusCode: 204,
      });
      const reason =
        'CORS preflight (mock integration): answers which origins, methods and headers browsers may use; it reaches no ' +
        'function and returns no data. Browsers send preflights without credentials, so it cannot require a token.';
      Validations.of(preflight).acknowledge({ id: 'AwsSolutions-APIG4', reason });
      Validations.of(preflight).acknowledge({ id: 'AwsSolutions-COG4', reason });
    }
  }

  /**
   * `ANY` on a resource catches every method that has no explicit method
   * there (explicit methods take precedence) and answers 405 with `Allow`.
   */
  private addMethodNotAllowed(resource: apigateway.IResource, allowed: readonly string[]): apigateway.Method {
    const allow = allowed.join(', ');
    const method = resource.addMethod(
      'ANY',
      new apigateway.MockIntegration({
        passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
        requestTemplates: Object.fromEntries(MOCK_CONTENT_TYPES.map((type) => [type, '{"statusCode": 405}'])),
        integrationResponses: [
          {
            statusCode: '405',
            responseParameters: {
              'method.response.header.Allow': `'${allow}'`,
              'method.response.header.Content-Type': "'application/json'",
            },
            responseTemplates: {
              'application/json': errorBody(
                'METHOD_NOT_ALLOWED',
                `Method $context.httpMethod is not allowed here; allowed: ${allow}.`,
              ),
            },
          },
        ],
      }),
      {
        authorizationType: apigateway.AuthorizationType.NONE,
        methodResponses: [
          {
            statusCode: '405',
            responseParameters: { 'method.response.header.Allow': true, 'method.response.header.Content-Type': true },
          },
        ],
      },
    );
    const reason =
      'Mock integration that only answers 405 Method Not Allowed (with Allow) for methods a resource does not ' +
      'support; it reaches no function and returns no data, so a caller learns nothing an OPTIONS probe would not tell.';
    Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
    Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
    return method;
  }
}

/** Response types of the route table that are not text: API Gateway must treat them as binary. */
function binaryMediaTypesOf(routes: readonly RouteEntry[]): string[] {
  const types = routes.flatMap(({ contract }) => [
    contract.response.contentType,
    ...(contract.response.alternativeContentTypes ?? []),
  ]);
  return [...new Set(types.filter((type): type is string => type !== undefined && !/^(text\/|application\/json)/.test(type)))];
}
