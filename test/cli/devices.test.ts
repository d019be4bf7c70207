/** `hallq devices`: configured device ports against what this machine has. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { initHall, runHallq, tempDir } from './run-hallq';

const temp = tempDir();
afterAll(() => temp.remove());

describe('hallq devices', { timeout: 120_000 }, () => {
  test('lists this machine’s serial ports without a configuration', async () => {
    const result = await runHallq(['devices']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Serial ports on this machine \(\d+\):/);
    expect(result.stdout).toContain('--config');
  });

  test('marks a missing configured port, shows a present one, exit status 1', async () => {
    const printer = join(temp.dir, 'lp0');
    writeFileSync(printer, '');
    const missing = join(temp.dir, 'ttyUSB-missing');
    const { configPath } = await initHall(join(temp.dir, 'hall'), (yaml) =>
      yaml.replace(
        '    # printer: { type: usb, path: /dev/usb/lp0 }',
        `    printer: { type: usb, path: ${printer} }\n    idReader: { type: serial, path: ${missing} }`,
      ),
    );
    const result = await runHallq(['devices', '--config', configPath]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`kiosk kiosk1 printer\\s+/kiosks/0/printer\\s+usb ${printer}\\s+present`));
    expect(result.stdout).toMatch(new RegExp(`kiosk kiosk1 ID-card reader\\s+/kiosks/0/idReader\\s+serial ${missing}\\s+MISSING`));
    expect(result.stdout).toContain('/manager');
    expect(result.stderr).toContain('1 configured device(s) missing');
  });
});
