/**
 * The layers hold (issue 15), and the checks would see it if they did not: each rule is shown a planted
 * violation in a scratch tree that borrows the project's node_modules.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importViolations, layerConfig, sqlOutsideStorage } from './layer-rules';

const PROJECT = join(import.meta.dirname, '..', '..');
const config = layerConfig(PROJECT);
const scratch = mkdtempSync(join(tmpdir(), 'hallq-layers-'));
symlinkSync(join(PROJECT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true } }));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function plant(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
}

describe('the project tree', () => {
  it('breaks no import rule', async () => {
    expect(await importViolations(PROJECT, config)).toEqual([]);
  }, 120_000);

  it('has no SQL outside storage/', () => {
    expect(sqlOutsideStorage(PROJECT)).toEqual([]);
  });
});

describe('each rule catches a planted violation', () => {
  plant({
    'server/domain/rule.ts': "import { readFileSync } from 'node:fs';\nexport const rule = readFileSync;\n",
    'server/protocol/view.ts': "import { rule } from '../domain/rule';\nimport Database from 'better-sqlite3';\nexport const view = [rule, Database];\n",
    'server/storage/tickets-repo.ts': "import { HubCore } from '../app/core';\nexport const repo = HubCore;\n",
    'server/app/core.ts': 'export class HubCore {}\n',
    'server/app/use-case.ts': "import { HubCore } from './core';\nexport const useCase = HubCore;\n",
    'server/transport/http/routes.ts': "import { repo } from '../../storage/tickets-repo';\nimport { HubCore } from '../../app/core';\nexport const routes = [repo, HubCore];\n",
    'server/kiosk/wing.ts': "import Database from 'better-sqlite3';\nexport const wing = Database;\n",
    'drivers/printer.ts': "import { useCase } from '../server/app/use-case';\nexport const printer = useCase;\n",
    'kiosk-ui/main.ts': "import { useCase } from '../server/app/use-case';\nimport { view } from '../server/protocol/view';\nimport { other } from '../display-ui/other';\nexport const page = [useCase, view, other];\n",
    'display-ui/other.ts': 'export const other = 1;\n',
    'ui-client/client.ts': "import { printer } from '../drivers/printer';\nexport const client = printer;\n",
    'server/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
    'server/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
    'server/manager/report.ts': "export const sql = (db: { prepare(s: string): unknown }) => db.prepare('SELECT * FROM tickets');\n",
  });

  const expected: Array<[rule: string, from: string, to: RegExp]> = [
    ['pure-imports-no-io', 'server/domain/rule.ts', /^fs$|node:fs/],
    ['pure-imports-no-io', 'server/protocol/view.ts', /better-sqlite3/],
    ['storage-does-not-call-up', 'server/storage/tickets-repo.ts', /server\/app\/core\.ts/],
    ['hub-core-private-to-app', 'server/transport/http/routes.ts', /server\/app\/core\.ts/],
    ['transport-does-not-touch-storage', 'server/transport/http/routes.ts', /server\/storage\/tickets-repo\.ts/],
    ['database-drivers-only-in-storage', 'server/kiosk/wing.ts', /better-sqlite3/],
    ['drivers-know-nothing-of-the-hub', 'drivers/printer.ts', /server\/app\/use-case\.ts/],
    ['pages-import-only-the-contract', 'kiosk-ui/main.ts', /server\/app\/use-case\.ts/],
    ['pages-stay-in-their-folder', 'kiosk-ui/main.ts', /display-ui\/other\.ts/],
    ['ui-client-imports-only-the-contract', 'ui-client/client.ts', /drivers\/printer\.ts/],
    ['no-circular', 'server/cycle-a.ts', /server\/cycle-b\.ts/],
  ];

  it.each(expected)('%s: %s', async (rule, from, to) => {
    const found = await importViolations(scratch, config);
    expect(found.some((v) => v.rule === rule && v.from === from && to.test(v.to)), JSON.stringify(found, null, 1)).toBe(true);
  }, 60_000);

  it('allows what the layers allow', async () => {
    const found = await importViolations(scratch, config);
    expect(found.filter((v) => v.from === 'server/app/use-case.ts')).toEqual([]);
    expect(found.filter((v) => v.from === 'kiosk-ui/main.ts' && v.to.includes('server/protocol/'))).toEqual([]);
  }, 60_000);

  it('SQL outside storage/', () => {
    expect(sqlOutsideStorage(scratch)).toEqual([expect.stringContaining('server/manager/report.ts:1:')]);
  });
});
