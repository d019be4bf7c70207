/** `hallq check` on the hall's 故障分级响应 targets (policy.faultResponse): a bad target is refused with where and why. */
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { initHall, runHallq, tempDir } from './run-hallq';

const temp = tempDir();
afterAll(() => temp.remove());

/** Uncomments the template's faultResponse block and sets grade B's target. */
const withTargetB = (target: string) => (yaml: string): string => {
  const edited = yaml.replace('  # faultResponse:', '  faultResponse:').replace('  #   A: { minutes: 30 }', '    A: { minutes: 30 }').replace('  #   B: { minutes: 120 }', `    B: ${target}`);
  if (edited === yaml) throw new Error('the template has no faultResponse block');
  return edited;
};

describe('hallq check: policy.faultResponse', { timeout: 120_000 }, () => {
  test('accepts the hall\'s own targets', async () => {
    const { configPath } = await initHall(join(temp.dir, 'good'), withTargetB('{ minutes: 45 }'));
    const check = await runHallq(['check', configPath]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  test('refuses a negative target, and one given both in minutes and in working days', async () => {
    const negative = await initHall(join(temp.dir, 'negative'), withTargetB('{ minutes: -10 }'));
    const refused = await runHallq(['check', negative.configPath]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/policy\/faultResponse\/B\/minutes.*greater or equal to 1/);

    const both = await initHall(join(temp.dir, 'both'), withTargetB('{ minutes: 60, workingDays: 1 }'));
    const twice = await runHallq(['check', both.configPath]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/policy\/faultResponse\/B.*minutes or as workingDays, one of the two/);
  });
});
