/** The province simulator (drivers/sim/province-platform.ts) set up from a hall's mapping, and a test hall that uses it. */
import type { HallConfigFile } from '../../server/config-schema';
import type { ProvinceSettings } from '../../server/config';
import type { ProvinceSimSpec } from '../../drivers/sim/province-platform';
import type { ProvinceField } from '../../server/domain/province-record';

export const SIM_KEY = 'hall-330106-001';
export const SIM_SECRET = 'test-province-secret-0123456789';

/** The interface a platform expects of this mapping: its required fields and code tables. */
export function simSpecFor(settings: ProvinceSettings): ProvinceSimSpec {
  const fields: Partial<Record<ProvinceField, string>> = settings.fields;
  const name = (f: ProvinceField): string => fields[f] ?? f;
  const headers = settings.adapter.type === 'http-json' ? settings.adapter.headers : { appKey: 'X-App-Key', timestamp: 'X-Timestamp', nonce: 'X-Nonce', signature: 'X-Signature' };
  return {
    path: '/hcp/evaluation/upload',
    appKey: SIM_KEY,
    appSecret: SIM_SECRET,
    headers,
    idField: name('recordId'),
    required: settings.required.map((f) => name(f)),
    codeTables: { [name('channel')]: Object.values(settings.channels), [name('reasons')]: Object.values(settings.reasons), [name('level')]: ['1', '2', '3', '4', '5'] },
  };
}

/** A Zhejiang-style `province:` section pointing at `url`. */
export function provinceSection(url: string, edit?: (p: NonNullable<HallConfigFile['province']>) => void): NonNullable<HallConfigFile['province']> {
  const section = {
    adapter: { type: 'http-json', url, appKey: SIM_KEY, appSecret: SIM_SECRET, timeoutSeconds: 1 },
    regionCode: '330106',
    regionName: '西湖区',
    department: { code: '11330106002493827X', name: '西湖区行政服务中心' },
    services: { A: { taskCode: '330106-ZW-0001', taskName: '社保业务' } },
    constants: { proStatus: '3', dataSource: '001' },
    retryMinSeconds: 2,
    retryMaxSeconds: 600,
  } as unknown as NonNullable<HallConfigFile['province']>;
  edit?.(section);
  return section;
}
