/**
 * The demo city's district centre as a large hall (issue 18 item 5): twelve departments, 24 services, so its
 * kiosk shows departments first and a 返回 to them. `npm start`'s demo hall stays small (one tap); only
 * `npm run demo:city` runs this layout. The e2e kiosk tests use it too (test/e2e/kiosk-departments.test.ts).
 */
import type { HallConfigFile } from '../config-schema';

type File = Pick<HallConfigFile, 'departments' | 'services' | 'windows'>;
type Service = HallConfigFile['services'][number];

const DEPARTMENTS: readonly [id: string, name: string, nameEn: string, services: readonly [prefix: string, name: string, nameEn: string][]][] = [
  ['general', '综合窗口', 'General services', [['A', '综合受理', 'General affairs'], ['E', '证照打印', 'Certificate printing']]],
  ['social', '人力社保', 'Human resources & social security', [['B', '社保医保', 'Social & medical insurance'], ['F', '就业登记', 'Employment registration']]],
  ['land', '自然资源和不动产', 'Natural resources & real estate', [['C', '不动产登记', 'Real estate registration'], ['G', '不动产抵押登记', 'Mortgage registration']]],
  ['police', '公安服务', 'Police services', [['D', '公安户政', 'Household registration'], ['H', '出入境证件', 'Exit-entry documents']]],
  ['tax', '税务服务', 'Taxation', [['J', '发票领用', 'Invoices'], ['K', '税费申报', 'Tax returns']]],
  ['market', '市场监管', 'Market regulation', [['L', '企业开办', 'Starting a business'], ['M', '食品经营许可', 'Food business licence']]],
  ['medical', '医疗保障', 'Medical insurance', [['N', '医保报销', 'Medical reimbursement'], ['P', '异地就医备案', 'Treatment in another city']]],
  ['fund', '住房公积金', 'Housing provident fund', [['Q', '公积金提取', 'Fund withdrawal'], ['R', '公积金贷款', 'Fund loans']]],
  ['civil', '民政婚姻', 'Civil affairs & marriage', [['S', '婚姻登记', 'Marriage registration'], ['T', '社会救助', 'Social assistance']]],
  ['housing', '住房城乡建设', 'Housing & construction', [['U', '施工许可', 'Construction permits'], ['V', '房屋交易备案', 'Property sale filing']]],
  ['transport', '交通运输', 'Transport', [['W', '道路运输证', 'Road transport permits'], ['X', '出租车从业资格', 'Taxi driver qualification']]],
  ['health', '卫生健康', 'Health', [['Y', '出生医学证明', 'Birth certificates'], ['Z', '母婴保健', 'Maternal & child health']]],
];

/** Applies the large hall to a demo file: the demo hall's services A–D keep their settings and guides. */
export function applyBigHall(file: HallConfigFile): void {
  const layout = bigHallLayout(file.services);
  file.departments = layout.departments;
  file.services = layout.services;
  file.windows = layout.windows;
}

function bigHallLayout(existing: readonly Service[]): File {
  const byId = new Map(existing.map((s) => [s.id, s]));
  const services: Service[] = DEPARTMENTS.flatMap(([department, , , list]) =>
    list.map(([id, name, nameEn]): Service => ({
      ...(byId.get(id) ?? { id, prefix: id, rangeStart: 1, rangeEnd: 999, serviceMinutes: 8, waitLimitMinutes: 30, serviceLimitMinutes: 20, hours: [] }),
      name, nameEn, department,
    })),
  );
  // The demo hall's five windows (its window bus and rating pads name them), then one window per further department.
  const windows: HallConfigFile['windows'] = [
    { id: 'w1', number: 1, name: '1号窗口 综合受理', area: '一楼', services: ['A', 'E'] },
    { id: 'w2', number: 2, name: '2号窗口 人力社保', area: '一楼', services: ['B', 'F'] },
    { id: 'w3', number: 3, name: '3号窗口 不动产', area: '一楼', services: ['C', 'G'] },
    { id: 'w4', number: 4, name: '4号窗口 公安服务', area: '一楼', services: ['D', 'H'] },
    { id: 'w5', number: 5, name: '5号窗口 一窗通办', area: '一楼', services: ['A', 'B', 'C', 'D'] },
    ...DEPARTMENTS.slice(4).map(([, name, , list], i) => ({ id: `w${i + 6}`, number: i + 6, name: `${i + 6}号窗口 ${name}`, area: '二楼', services: list.map(([id]) => id) })),
  ];
  return { departments: DEPARTMENTS.map(([id, name, nameEn]) => ({ id, name, nameEn })), services, windows };
}
