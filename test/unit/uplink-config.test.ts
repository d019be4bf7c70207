/** The hall's identity and uplink in the configuration: optional, defaults filled, mistakes named with their path. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { demoConfigFile } from '../../server/demo-config';
import type { HallConfigFile } from '../../server/config-schema';

const withUplink = (uplink: Record<string, unknown>, edit?: (file: HallConfigFile) => void) => {
  // A file as an operator writes it: only some fields, the rest from the defaults.
  const file: HallConfigFile = demoConfigFile();
  edit?.(file);
  return loadConfig({ ...file, uplink }, { isDemo: true });
};

describe('uplink configuration', () => {
  it('is optional: the demo hall has an identity and no uplink', () => {
    const result = loadConfig(demoConfigFile(), { isDemo: true });
    expect(result.ok && result.config.uplink).toBe(undefined);
    expect(result.ok && result.config.hall).toMatchObject({ code: '330106-001', level: 'district' });
    expect(result.ok && result.config.serviceCodes?.A).toEqual({ itemCode: 'ZH-0001', category: '综合受理' });
  });

  it('fills the back-off and batch defaults', () => {
    const result = withUplink({ url: 'https://city.example.cn', tokenFile: '/etc/hallq/uplink-token' });
    expect(result.ok && result.config.uplink).toMatchObject({ batchSize: 1000, retryMinSeconds: 1, retryMaxSeconds: 300, heartbeatSeconds: 30, requestTimeoutSeconds: 15 });
  });

  it('names every problem: no hall code, two token sources, half a certificate, inverted bounds, a bad URL', () => {
    const result = withUplink({ url: 'https://city.example.cn', token: 'x'.repeat(20), tokenFile: '/t', certFile: '/c', retryMinSeconds: 10, retryMaxSeconds: 5 }, (file) => {
      delete file.hall.code;
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/hall\/code: .*330106-001/),
      expect.stringMatching(/^\/uplink: .*exactly one of tokenFile or token/),
      expect.stringMatching(/^\/uplink: .*certFile and keyFile/),
      expect.stringMatching(/^\/uplink\/retryMinSeconds/),
    ]));
    const badUrl = withUplink({ url: 'ftp://city', tokenFile: '/t' });
    expect(badUrl.ok).toBe(false);
    expect(badUrl.ok ? [] : badUrl.problems.map((p) => p.path)).toContain('/uplink/url');
  });

  it('refuses a hall code that is not one, and a hall that is its own parent', () => {
    const result = withUplink({ url: 'https://c', tokenFile: '/t' }, (file) => {
      file.hall.code = '330106 001';
    });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toContain('/hall/code');
    const own = loadConfig({ ...demoConfigFile(), hall: { ...demoConfigFile().hall, parent: '330106-001' } }, { isDemo: true });
    expect(own.ok ? [] : own.problems.map((p) => p.path)).toContain('/hall/parent');
  });
});
