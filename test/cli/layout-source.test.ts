/**
 * One source of truth for services and windows (issue 20 item 6): hallq.yaml owns them until an admin saves a
 * layout in the console; then the stored layout wins, and the start-up log, `hallq check --data-dir`, the
 * console's /api/admin/layout/source, `hallq layout export` and `hallq layout drop` all say so. A real hub on a
 * real data directory, and the real `hallq` binary as a child process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { startHub } from '../../server/compose';
import { hubExtensions } from '../../server/extensions';
import { loadConfig } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import type { Layout, LayoutSource } from '../../server/protocol/layout';
import { api, login, testConfig } from '../support/hub';
import { initHall, runHallq, tempDir } from './run-hallq';

const temp = tempDir('hallq-layout-');
afterAll(() => temp.remove());
const dataDir = join(temp.dir, 'data');

async function startLogged(lines: string[]) {
  const config = testConfig();
  return startHub({
    config,
    extensions: hubExtensions(config),
    dataDir,
    host: '127.0.0.1',
    port: 0,
    logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
  });
}

describe('the layout edited in the console overrides hallq.yaml, loudly', { timeout: 180_000 }, () => {
  test('start-up warning, check, source route, export as YAML, drop (refused while the hub runs)', async () => {
    const first: string[] = [];
    const hub = await startLogged(first);
    try {
      const admin = await login(hub, 'manager');
      expect((await api<LayoutSource>(hub, 'GET', '/api/admin/layout/source', { token: admin })).body).toEqual({ source: 'file' });
      const layout = (await api<Layout>(hub, 'GET', '/api/admin/layout', { token: admin })).body;
      layout.services[0]!.name = '控制台改过的名字';
      expect((await api(hub, 'PUT', '/api/admin/layout', { token: admin, body: layout })).status).toBe(200);
      const source = (await api<LayoutSource>(hub, 'GET', '/api/admin/layout/source', { token: admin })).body;
      expect(source).toMatchObject({ source: 'console', editedBy: 'manager' });
    } finally {
      await hub.close();
    }
    expect(first.join('\n')).not.toContain("console's layout edit");

    const second: string[] = [];
    const again = await startLogged(second);
    try {
      const warning = second.map((l) => JSON.parse(l) as { level: number; msg: string; editedBy?: string }).find((l) => l.msg.includes("console's layout edit"));
      expect(warning?.level).toBe(40);
      expect(warning?.editedBy).toBe('manager');
      expect(warning?.msg).toMatch(/layout edit of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} by manager, NOT from the config file/);
      expect(warning?.msg).toContain('hallq layout export');
      // The hub still serves the console's layout.
      expect((await api<Array<{ name: string }>>(again, 'GET', '/api/services')).body[0]?.name).toBe('控制台改过的名字');

      // `hallq start` writes the pid file; here this test process stands in for the running hub.
      writeFileSync(join(dataDir, 'hallq.pid'), `${process.pid}\n`);
      const refused = await runHallq(['layout', 'drop', '--data-dir', dataDir]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`A hub (pid ${process.pid}) is running`);
      writeFileSync(join(dataDir, 'hallq.pid'), '999999999\n');
    } finally {
      await again.close();
    }

    const { configPath } = await initHall(join(temp.dir, 'hall'));
    const check = await runHallq(['check', configPath, '--data-dir', dataDir]);
    expect(check.status).toBe(0);
    expect(check.stderr).toMatch(/OVERRIDDEN by the console's layout edit of \d{4}-\d{2}-\d{2} [\d:]+ by manager/);
    const checkElsewhere = await runHallq(['check', configPath, '--data-dir', join(temp.dir, 'none')]);
    expect(checkElsewhere.stderr).toBe('');

    const out = join(temp.dir, 'layout.yaml');
    const exported = await runHallq(['layout', 'export', '--out', out, '--data-dir', dataDir]);
    expect(exported.status).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toMatch(/^# The services and windows edited in the manager console on .* by manager\./);
    const pasted = parse(yaml) as Pick<Layout, 'services' | 'windows'>;
    expect(pasted.services[0]?.name).toBe('控制台改过的名字');
    // Pasted into the file, it is a valid configuration with the console's services and windows.
    const file = { ...demoConfigFile(), services: pasted.services, windows: pasted.windows };
    const loaded = loadConfig(file, { isDemo: true });
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.config.services.map((s) => s.name)).toContain('控制台改过的名字');

    const dropped = await runHallq(['layout', 'drop', '--data-dir', dataDir]);
    expect(dropped.stderr).toBe('');
    expect(dropped.status).toBe(0);
    expect(dropped.stdout).toContain("Dropped the console's layout edit");
    expect((await runHallq(['check', configPath, '--data-dir', dataDir])).stderr).toBe('');
    const nothing = await runHallq(['layout', 'export', '--data-dir', dataDir]);
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toContain('hallq.yaml owns the services and windows');

    const third: string[] = [];
    const back = await startLogged(third);
    try {
      expect(third.join('\n')).not.toContain("console's layout edit");
      const admin = await login(back, 'manager');
      expect((await api<LayoutSource>(back, 'GET', '/api/admin/layout/source', { token: admin })).body).toEqual({ source: 'file' });
      expect((await api<Array<{ name: string }>>(back, 'GET', '/api/services')).body[0]?.name).not.toBe('控制台改过的名字');
    } finally {
      await back.close();
    }
  });
});
