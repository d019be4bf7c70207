/** The `province:` block of docs/config.example.yaml is a complete, valid example once uncommented (issue 17). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runHallq, tempDir } from './run-hallq';

const temp = tempDir();
afterAll(() => temp.remove());

/** The example with its `# province:` block (the last one in the file) uncommented. */
function uncommented(): string {
  const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'config.example.yaml'), 'utf8');
  const lines = text.split('\n');
  const start = lines.indexOf('# province:');
  expect(start).toBeGreaterThan(0);
  return [...lines.slice(0, start), ...lines.slice(start).map((l) => l.replace(/^# ?/, ''))].join('\n');
}

describe('the province example', { timeout: 60_000 }, () => {
  test('is commented out by default, and `hallq check` accepts it uncommented', async () => {
    const example = join(temp.dir, 'example.yaml');
    writeFileSync(example, readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'config.example.yaml')));
    expect((parse(readFileSync(example, 'utf8')) as { province?: unknown }).province).toBeUndefined();

    const path = join(temp.dir, 'province.yaml');
    const text = uncommented();
    writeFileSync(path, text);
    const province = (parse(text) as { province: { adapter: { type: string }; fields: Record<string, string>; rules: Record<string, number> } }).province;
    expect(province.adapter.type).toBe('http-json');
    expect(province.fields.caseNumber).toBe('projectNo');
    expect(province.rules).toMatchObject({ callbackWorkingDays: 1, remedyWorkingDays: 5, defaultRatingAfterDays: 0 });
    const check = await runHallq(['check', path]);
    expect(check.stderr).not.toContain('/province');
    expect(check.status).toBe(0);
  });

  test('`hallq check` does look at it: a 事项 of an unknown service is a problem', async () => {
    const path = join(temp.dir, 'broken.yaml');
    writeFileSync(path, uncommented().replace('    social: { taskCode:', '    passports: { taskCode:'));
    const check = await runHallq(['check', path]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('/province/services/passports');
  });
});
