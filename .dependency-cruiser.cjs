/**
 * The house's boundaries (docs/DESIGN.md, "Boundaries"), checked by `npm run check`.
 * Each rule names the layer that may not import another and why; a wrong-way
 * import fails the check. Type-only imports count: a type is a dependency too.
 */
const layer = {
  domain: '^shared/domain/',
  schemas: '^shared/schemas/',
  store: '^shared/store/',
  usecases: '^shared/usecases/',
  views: '^shared/views/',
  http: '^shared/http/',
  auth: '^shared/auth/',
  adapters: '^shared/(notify|security)/',
  reports: '^shared/reports/',
  observability: '^shared/observability/',
  composition: '^shared/composition/',
  config: '^shared/config/',
  scripts: '^scripts/',
  functions: '^functions/',
  infra: '^infra/',
  web: '^web/',
};

/** `from` may import only the layers listed (and npm packages / node built-ins, which are not paths here). */
function mayImportOnly(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: '^(shared|functions|infra|scripts|web|test)/', pathNot: allowed },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one; split what both need into a third.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    mayImportOnly('domain-imports-nothing', layer.domain, [layer.domain], 'The rules are pure: no storage, HTTP, SDK or clock.'),
    {
      name: 'domain-uses-no-packages',
      comment: 'The rules are pure TypeScript: no npm package, no node built-in.',
      severity: 'error',
      from: { path: layer.domain },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'core'] },
    },
    mayImportOnly(
      'schemas-describe-the-domain',
      layer.schemas,
      [layer.schemas, layer.domain],
      'Request and response shapes know the vocabulary, nothing else.',
    ),
    mayImportOnly(
      'store-serves-the-domain',
      layer.store,
      [layer.store, layer.domain, layer.observability, layer.config],
      'Storage knows keys and the SDK, and the records it stores; not use cases, HTTP or handlers.',
    ),
    mayImportOnly(
      'usecases-take-ports',
      layer.usecases,
      // The logger is the one outside module a use case may name: operational events, never personal information.
      [layer.usecases, layer.domain, layer.observability],
      'Use cases speak to the outside only through the ports they declare (usecases/ports.ts).',
    ),
    mayImportOnly(
      'views-read-records',
      layer.views,
      [layer.views, layer.domain, layer.schemas, layer.usecases],
      'What a role may see is decided from records and use-case results, not tables.',
    ),
    mayImportOnly(
      'http-is-the-edge',
      layer.http,
      [layer.http, layer.schemas, layer.domain, layer.observability, layer.auth],
      'The edge parses and answers; it does not reach storage or use cases.',
    ),
    mayImportOnly(
      'adapters-implement-ports',
      layer.adapters,
      [layer.adapters, layer.domain, layer.usecases, layer.observability, layer.config],
      'SMS gateways and secrets implement the ports the use cases declare.',
    ),
    mayImportOnly(
      'functions-go-through-usecases',
      layer.functions,
      [
        layer.functions,
        layer.http,
        layer.usecases,
        layer.views,
        layer.schemas,
        layer.domain,
        layer.composition,
        layer.observability,
        layer.auth,
        layer.reports,
      ],
      'Handlers parse, call a use case with its composed dependencies, and answer.',
    ),
    {
      name: 'aws-sdk-only-in-adapters',
      comment: 'Only the store and the adapters (SMS, secrets) talk to AWS; everything else reaches it through them.',
      severity: 'error',
      from: { path: '^(functions|shared)/', pathNot: '^shared/(store|notify|security)/' },
      to: { path: '(^|node_modules/)@aws-sdk/' },
    },
    mayImportOnly(
      'composition-wires-the-edge',
      layer.composition,
      [layer.composition, layer.store, layer.adapters, layer.usecases, layer.domain, layer.observability, layer.config],
      'One composition module per kind of function: the only code that builds repositories and adapters.',
    ),
    mayImportOnly(
      'infra-reads-the-route-table',
      layer.infra,
      [
        layer.infra,
        layer.functions,
        layer.http,
        layer.store,
        layer.domain,
        layer.composition,
        layer.auth,
        layer.adapters,
        layer.config,
      ],
      'The stack is built from the route and job tables and the table definition.',
    ),
    mayImportOnly(
      'web-is-a-client',
      layer.web,
      [layer.web, layer.domain],
      'The pages speak to the API through the typed client generated from the OpenAPI document; they share only the pure vocabulary and labels.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|web/dist|\\.weiquan|\\.bench)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    moduleSystems: ['es6', 'cjs'],
  },
};
