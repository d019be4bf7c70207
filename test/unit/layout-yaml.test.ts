/**
 * `hallq layout export` (server/cli/cmd-layout.ts): departments edited in the console come out as hallq.yaml's
 * `departments:` section, and what each kiosk offers as comments naming what to set in that kiosk's entry (a pasted
 * `kiosks:` section would drop the kiosks' devices). Without them, `hallq layout drop` would lose those edits.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { layoutYaml } from '../../server/cli/cmd-layout';
import { loadConfig } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import type { Layout } from '../../server/protocol/layout';

describe('layout export', () => {
  it('carries the departments as a section and each kiosk offer as a comment', () => {
    const demo = demoConfigFile();
    const layout: Layout = {
      services: demo.services.map((s, i) => (i === 0 ? { ...s, department: 'police' } : s)) as Layout['services'],
      windows: demo.windows as Layout['windows'],
      departments: [{ id: 'police', name: '公安' }],
      kiosks: [{ id: 'kiosk1', name: '一楼取号机', departments: ['police'] }, { id: 'kiosk2' }],
    };
    const yaml = layoutYaml({ layout, updatedAt: Date.parse('2026-12-02T06:00:00Z'), updatedBy: 'manager' }, 'Asia/Shanghai');
    const pasted = parse(yaml) as Layout;
    expect(pasted.departments).toEqual([{ id: 'police', name: '公安' }]);
    expect(pasted.kiosks).toBeUndefined();
    expect(yaml).toContain('#   kiosk1 (一楼取号机): departments: [police]');
    expect(yaml).toContain('#   kiosk2: every service');
    // Pasted into the file, the sections are a valid configuration.
    const loaded = loadConfig({ ...demo, services: pasted.services, windows: pasted.windows, departments: pasted.departments }, { isDemo: true });
    expect(loaded.ok).toBe(true);
  });
});
