/** Departments and kiosk subsets: the pure menu rule and what `hallq check` says about a wrong id. */
import { describe, expect, it } from 'vitest';
import { isOffered, kioskMenu, TWO_LEVEL_ABOVE } from '../../server/domain/kiosk-menu';
import { loadConfig } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import { DEMO_CITY_HALLS, demoCityHallConfig } from '../../server/demo-city/halls';

const departments = [
  { id: 'police', name: '公安服务' },
  { id: 'tax', name: '税务服务' },
];
const services = (n: number, department: (i: number) => string | undefined) =>
  Array.from({ length: n }, (_, i) => ({ id: `S${i}`, ...(department(i) ? { department: department(i) } : {}) }));

describe('kiosk menu', () => {
  it('stays one flat grid at 8 services in two departments, and becomes two levels at 9', () => {
    const split = (i: number) => (i % 2 === 0 ? 'police' : 'tax');
    expect(kioskMenu(undefined, services(TWO_LEVEL_ABOVE, split), departments).isTwoLevel).toBe(false);
    expect(kioskMenu(undefined, services(TWO_LEVEL_ABOVE + 1, split), departments).isTwoLevel).toBe(true);
  });

  it('stays flat with many services in one department (nothing to choose between)', () => {
    const menu = kioskMenu(undefined, services(20, () => 'police'), departments);
    expect(menu.isTwoLevel).toBe(false);
    expect(menu.departments.map((d) => d.id)).toEqual(['police']);
  });

  it('offers the union of the listed services and departments; neither listed: everything', () => {
    const list = services(4, (i) => (i < 2 ? 'police' : 'tax'));
    const subset = { services: ['S3'], departments: ['police'] };
    expect(list.filter((s) => isOffered(subset, s)).map((s) => s.id)).toEqual(['S0', 'S1', 'S3']);
    expect(list.filter((s) => isOffered({}, s))).toHaveLength(4);
    expect(kioskMenu({ departments: ['tax'] }, list, departments).serviceIds).toEqual(['S2', 'S3']);
  });
});

describe('departments in the configuration', () => {
  it('names an unknown department of a service and of a kiosk, with did-you-mean, and an unknown kiosk service', () => {
    const file = demoConfigFile();
    file.departments = [{ id: 'police', name: '公安服务' }];
    file.services[0]!.department = 'polise';
    file.kiosks[0] = { ...file.kiosks[0]!, departments: ['polic'], services: ['Z'] };
    const result = loadConfig(file, { isDemo: true });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({ path: '/services/0/department', message: 'unknown department polise, did you mean "police"? (known: police)' });
    expect(problems).toContainEqual({ path: '/kiosks/0/departments/0', message: 'unknown department polic, did you mean "police"? (known: police)' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '/kiosks/0/services/0', message: expect.stringMatching(/^unknown service Z/) }));
  });

  it('names a kiosk whose subset offers no service at all', () => {
    const file = demoConfigFile();
    file.departments = [{ id: 'police', name: '公安服务' }];
    file.kiosks[0] = { ...file.kiosks[0]!, departments: ['police'] };
    const result = loadConfig(file, { isDemo: true });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: '/kiosks/0',
        message: 'kiosk kiosk1 (一楼取号机) would offer no service: it offers only department police (公安服务)',
        emptyKiosk: { kiosk: 'kiosk1', kioskName: '一楼取号机', offers: [{ kind: 'department', id: 'police', name: '公安服务' }] },
      },
    ]);
  });

  it('loads departments and a service\'s department', () => {
    const file = demoConfigFile();
    file.departments = [{ id: 'police', name: '公安服务', nameEn: 'Police' }];
    file.services[3]!.department = 'police';
    const result = loadConfig(file, { isDemo: true });
    expect(result.ok && result.config.departments).toEqual([{ id: 'police', name: '公安服务', nameEn: 'Police' }]);
    expect(result.ok && result.config.services[3]?.department).toBe('police');
  });
});

describe('the demo halls', () => {
  it('keeps `npm start`\'s demo hall one tap, and makes the demo city\'s district centre two levels', () => {
    const demo = loadConfig(demoConfigFile(), { isDemo: true });
    expect(demo.ok && kioskMenu(demo.config.kiosks[0], demo.config.services, demo.config.departments ?? []).isTwoLevel).toBe(false);
    for (const hall of DEMO_CITY_HALLS.filter((h) => h.isRunning)) {
      const result = loadConfig(demoCityHallConfig(hall, 'http://127.0.0.1:8090'), { isDemo: true });
      expect(result.ok ? [] : result.problems, hall.name).toEqual([]);
      const menu = result.ok ? kioskMenu(result.config.kiosks[0], result.config.services, result.config.departments ?? []) : undefined;
      expect(menu?.isTwoLevel, hall.name).toBe(hall.level === 'district');
    }
  });
});
