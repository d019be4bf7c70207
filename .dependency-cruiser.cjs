/**
 * The layers of hallq (docs/architecture.md), checked on every `npm test` (`npm run lint:layers`).
 * test/architecture/layers.test.ts plants a violation of each rule and shows that it is caught.
 */
const PAGES = '^(kiosk-ui|window-ui|manager-ui|display-ui|city-ui|desk-ui)/';
const PURE = '^server/(domain|protocol|centre/domain)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-imports-no-io',
      comment: 'domain/ and protocol/ are pure: no node built-ins, no packages with I/O, no other layer (only TypeBox and themselves).',
      severity: 'error',
      from: { path: PURE },
      to: {
        pathNot: ['^server/(domain|protocol)/', '^server/centre/domain/', 'node_modules/@sinclair/typebox/'],
      },
    },
    {
      name: 'pages-import-only-the-contract',
      comment: 'A page imports only server/protocol/ and the shared client (ui-client/), never hub code.',
      severity: 'error',
      from: { path: PAGES },
      to: { path: '^(server|drivers)/', pathNot: '^server/protocol/' },
    },
    {
      name: 'pages-stay-in-their-folder',
      comment: 'A page folder does not reach into another page folder: shared browser code lives in ui-client/.',
      severity: 'error',
      from: { path: '^(kiosk-ui|window-ui|manager-ui|display-ui|city-ui|desk-ui)/' },
      to: { path: PAGES, pathNot: '^$1/' },
    },
    {
      name: 'ui-client-imports-only-the-contract',
      severity: 'error',
      from: { path: '^ui-client/' },
      to: { path: '^(server|drivers|kiosk-ui|window-ui|manager-ui|display-ui|city-ui|desk-ui)/', pathNot: '^server/protocol/' },
    },
    {
      name: 'drivers-know-nothing-of-the-hub',
      severity: 'error',
      from: { path: '^drivers/' },
      to: { path: '^(server|ui-client|kiosk-ui|window-ui|manager-ui|display-ui|city-ui|desk-ui)/' },
    },
    {
      name: 'transport-does-not-touch-storage',
      comment: 'Routes and socket handlers call app/ use cases; SQL is storage/ business.',
      severity: 'error',
      from: { path: '^server/(transport|centre/transport)/' },
      to: { path: '^server/(storage|centre/storage)/' },
    },
    {
      name: 'hub-core-private-to-app',
      comment: 'HubCore (server/app/core.ts) is the single writer: wings get narrow ports (server/app/ports.ts).',
      severity: 'error',
      from: { path: '^', pathNot: '^server/app/' },
      to: { path: '^server/app/core\\.ts$' },
    },
    {
      name: 'database-drivers-only-in-storage',
      comment: 'Only storage/ opens databases (better-sqlite3 for the hall, pg for the centre).',
      severity: 'error',
      from: { path: '^(server|drivers|ui-client)/', pathNot: ['^server/storage/', '^server/centre/storage/'] },
      to: { path: 'node_modules/(better-sqlite3|pg|pg-[a-z-]+|@electric-sql)/' },
    },
    {
      name: 'storage-does-not-call-up',
      severity: 'error',
      from: { path: '^server/(storage|centre/storage)/' },
      to: { path: '^server/(app|transport|centre/app|centre/transport|devices|cli)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(server|drivers|ui-client)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test/architecture/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
