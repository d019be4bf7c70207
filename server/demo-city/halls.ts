/**
 * The demo city (`npm run demo:city`): a district centre's own hall (the demo hall of `npm start`), two town
 * halls with services of their own, and a village point that is registered but never reports (the console
 * shows it offline). Demo credentials throughout, published in the README: never use them for a real city.
 */
import { createHash } from 'node:crypto';
import type { HallConfigFile } from '../config-schema';
import { demoConfigFile } from '../demo-config';
import { applyBigHall } from './big-hall';

export interface DemoCityHall {
  readonly code: string;
  readonly name: string;
  readonly level: 'district' | 'town' | 'village';
  readonly parent?: string;
  /** Whether the demo runs a hub for it (the village point only exists in the registry). */
  readonly isRunning: boolean;
}

export const DEMO_CITY_HALLS: readonly DemoCityHall[] = [
  { code: '330106-001', name: '示范区政务服务中心', level: 'district', isRunning: true },
  { code: '330106-101', name: '示范镇便民服务中心', level: 'town', parent: '330106-001', isRunning: true },
  { code: '330106-102', name: '湖畔街道便民服务中心', level: 'town', parent: '330106-001', isRunning: true },
  { code: '330106-201', name: '示范村便民服务点', level: 'village', parent: '330106-101', isRunning: false },
];

/** The centre's demo accounts (password DEMO_CITY_PASSWORD): one per role. */
export const DEMO_CITY_USERS = [
  { username: 'city-admin', name: '市政务办管理员', role: 'city-admin' },
  { username: 'duban', name: '督查科', role: 'city-supervisor' },
  { username: 'town-viewer', name: '示范镇查看', role: 'hall-viewer', hallCode: '330106-101' },
] as const;
export const DEMO_CITY_PASSWORD = 'city1234';

/** A hall's demo token for the uplink; the centre's registry keeps only its SHA-256. */
export const demoHallToken = (code: string): string => `demo-city-hall-token-${code}`;
export const demoHallTokenHash = (code: string): string => createHash('sha256').update(demoHallToken(code)).digest('hex');

type Service = HallConfigFile['services'][number];
const service = (id: string, name: string, nameEn: string, minutes: number, itemCode: string, category: string): Service => ({
  id, name, nameEn, prefix: id, rangeStart: 1, rangeEnd: 999, serviceMinutes: minutes, waitLimitMinutes: 30, serviceLimitMinutes: 20, hours: [], itemCode, category,
});

/** The services and windows of the two town halls (the district hall keeps the demo hall's). */
const TOWN_LAYOUTS: Readonly<Record<string, Pick<HallConfigFile, 'services' | 'windows'>>> = {
  '330106-101': {
    services: [
      service('A', '综合受理', 'General affairs', 6, 'ZH-0001', '综合受理'),
      service('B', '社保医保', 'Social & medical insurance', 8, 'SB-0001', '社保医保'),
      service('N', '农业农村', 'Agriculture & rural affairs', 10, 'NY-0001', '农业农村'),
      service('M', '民政事务', 'Civil affairs', 9, 'MZ-0001', '民政'),
    ],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口 综合受理', services: ['A', 'M'] },
      { id: 'w2', number: 2, name: '2号窗口 社保医保', services: ['B', 'A'] },
      { id: 'w3', number: 3, name: '3号窗口 农业农村', services: ['N', 'M'] },
    ],
  },
  '330106-102': {
    services: [
      service('A', '综合受理', 'General affairs', 6, 'ZH-0001', '综合受理'),
      service('D', '公安户政', 'Household registration', 10, 'GA-0001', '公安户政'),
      service('S', '市场监管', 'Market regulation', 12, 'SC-0001', '市场监管'),
    ],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口 综合受理', services: ['A'] },
      { id: 'w2', number: 2, name: '2号窗口 公安户政', services: ['D', 'A'] },
      { id: 'w3', number: 3, name: '3号窗口 市场监管', services: ['S', 'A'] },
    ],
  },
};

/** A running hall's configuration: the demo hall's credentials and policy, its own identity and layout, the uplink. */
export function demoCityHallConfig(hall: DemoCityHall, centreUrl: string): HallConfigFile {
  const file = demoConfigFile();
  file.hall = { ...file.hall, name: hall.name, code: hall.code, level: hall.level, ...(hall.parent ? { parent: hall.parent } : {}) };
  const layout = TOWN_LAYOUTS[hall.code];
  // The district centre is the large hall: its kiosk shows departments first.
  if (hall.level === 'district') applyBigHall(file);
  if (layout) {
    file.services = layout.services;
    file.windows = layout.windows;
    // The demo window devices and rating pads belong to the district hall's five windows.
    file.windowBuses = [];
    file.ratingPads = [];
    file.notices = ['请携带身份证原件办理业务。'];
  }
  file.uplink = { url: centreUrl, token: demoHallToken(hall.code), batchSize: 1000, retryMinSeconds: 1, retryMaxSeconds: 30, heartbeatSeconds: 10, requestTimeoutSeconds: 15 };
  return file;
}
