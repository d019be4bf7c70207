/** `hallq init` writes a valid, commented configuration with fresh secrets; `hallq check` finds every problem. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { renderConfigTemplate, EXAMPLE_VALUES } from '../../server/cli/config-template';
import { initHall, runHallq, tempDir } from './run-hallq';

const temp = tempDir();
afterAll(() => temp.remove());

describe('hallq init', { timeout: 120_000 }, () => {
  test('writes hallq.yaml with a random secret, a hashed kiosk token and no passwords', async () => {
    const a = await initHall(join(temp.dir, 'a'));
    const b = await initHall(join(temp.dir, 'b'));
    const text = readFileSync(a.configPath, 'utf8');
    const file = parse(text) as { secrets: { idHashKey: string }; kiosks: { tokenHash: string }[]; staff: unknown[] };
    expect(file.secrets.idHashKey).toMatch(/^[0-9a-f]{64}$/);
    expect(file.secrets.idHashKey).not.toBe((parse(readFileSync(b.configPath, 'utf8')) as typeof file).secrets.idHashKey);
    expect(file.kiosks[0]?.tokenHash).toBe(createHash('sha256').update(a.kioskToken).digest('hex'));
    expect(text).not.toContain(a.kioskToken);
    expect(file.staff).toEqual([]);
    expect(text).toMatch(/^# hallq hall configuration/);
    // It holds the ID-hash secret: not readable by other users.
    expect(statSync(a.configPath).mode & 0o077).toBe(0);
    const check = await runHallq(['check', a.configPath]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  test('refuses to overwrite an existing configuration', async () => {
    const dir = join(temp.dir, 'again');
    const { configPath } = await initHall(dir);
    const before = readFileSync(configPath, 'utf8');
    const again = await runHallq(['init', dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });

  test('docs/config.example.yaml is the template, and valid apart from its placeholder warnings', async () => {
    const example = join(import.meta.dirname, '..', '..', 'docs', 'config.example.yaml');
    expect(readFileSync(example, 'utf8')).toBe(renderConfigTemplate(EXAMPLE_VALUES));
    const check = await runHallq(['check', example]);
    expect(check.status).toBe(0);
    expect(check.stderr).toContain('warning: secrets.idHashKey is the example placeholder');
  });
});

describe('hallq check', { timeout: 120_000 }, () => {
  test('prints every problem at once with its path and line, status 1', async () => {
    const { configPath } = await initHall(join(temp.dir, 'broken'), (yaml) =>
      yaml
        .replace('services: [social, general]', 'services: [social, passports]')
        .replace('prefix: C', 'prefix: A')
        .replace(/number: 3$/m, 'number: 2')
        .replace('timeZone: Asia/Shanghai', 'timeZone: Mars/Olympus_Mons')
        .replace(
          '    # printer: { type: usb, path: /dev/usb/lp0 }',
          '    printer: { type: serial, path: /dev/ttyUSB0 }\n    idReader: { type: serial, path: /dev/ttyUSB0 }',
        ),
    );
    const result = await runHallq(['check', configPath]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = readFileSync(configPath, 'utf8').split('\n');
    const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(result.stderr).toContain(`/windows/1/services/1 (line ${lineOf('services: [social, passports]')}): unknown service passports`);
    expect(result.stderr).toContain('/services/2 (line');
    expect(result.stderr).toContain('ticket prefix A is also used at /services/0');
    expect(result.stderr).toContain('window number 2 is also used at /windows/1');
    expect(result.stderr).toContain('/kiosks/0/idReader');
    expect(result.stderr).toContain('serial:/dev/ttyUSB0 is also used at /kiosks/0/printer');
    expect(result.stderr).toMatch(/\/hall\/timeZone \(line \d+\): unknown time zone Mars\/Olympus_Mons/);
    expect(result.stderr).toContain('5 problem(s)');
  });

  test('schema errors name the field', async () => {
    const { configPath } = await initHall(join(temp.dir, 'schema'), (yaml) => yaml.replace('prefix: B', 'prefix: b1').replace('callOrder: weighted-wait', 'callOrder: lottery'));
    const result = await runHallq(['check', configPath]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\/services\/1\/prefix \(line \d+\)/);
    expect(result.stderr).toMatch(/\/policy\/callOrder \(line \d+\): "lottery" is not allowed; use one of: weighted-wait, service-order, arrival/);
  });

  test('schema errors, misspelt keys and cross-checks come out together in one run', async () => {
    const { configPath } = await initHall(join(temp.dir, 'together'), (yaml) =>
      yaml
        .replace('callOrder: weighted-wait', 'callOrder: lottery')
        .replace('services: [social, general]', 'services: [social, passports]')
        .replace(/^(\s+)timeZone: Asia\/Shanghai/m, '$1timeZone: Asia/Shanghai\n$1timezone: Asia/Shanghai'),
    );
    const result = await runHallq(['check', configPath]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\/policy\/callOrder \(line \d+\): "lottery" is not allowed/);
    expect(result.stderr).toMatch(/\/hall\/timezone \(line \d+\): unknown key "timezone"; did you mean "timeZone"\?/);
    expect(result.stderr).toContain('unknown service passports');
    expect(result.stderr).toContain('3 problem(s)');
  });

  test('demo credentials, unreadable files and broken YAML are reported, not thrown', async () => {
    const demoHash = '91d7fe32b9851483d3b8bc08ee568325d72ff8d3712fd2721a05f15d2897f3d2';
    const { configPath } = await initHall(join(temp.dir, 'demo'), (yaml) => yaml.replace(/tokenHash: "[0-9a-f]{64}"/, `tokenHash: "${demoHash}"`));
    const demo = await runHallq(['check', configPath]);
    expect(demo.status).toBe(1);
    expect(demo.stderr).toContain('demo password or kiosk token');

    const missing = await runHallq(['check', join(temp.dir, 'nope.yaml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');

    const bad = join(temp.dir, 'bad.yaml');
    writeFileSync(bad, 'hall: [unclosed\n');
    const broken = await runHallq(['check', bad]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('is not valid YAML');
  });
});
