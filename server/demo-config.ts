/**
 * The demo hall that `npm start` runs when no config file is given. Its credentials are published in the
 * README (password demo1234, kiosk token demo-kiosk-token), so a hub refuses them outside demo mode.
 */
import type { HallConfigFile } from './config-schema';

const DEMO_HASHES = [
  'scrypt$32768$8$1$i4vMtbuj4RwqFTMRs+rT6Q==$hIDyb944sBOdJrhCGip+aK3EvTT6Ec5vjt3CmFLIkNg=',
  'scrypt$32768$8$1$2Ur2EBQjgGnApFYYbnWN3w==$DO51YKTLedwXuU3ZccVqAHNwalTJ+11P3FfZKROd8P4=',
  'scrypt$32768$8$1$VdhL9G3symaAQLml/U/1Fw==$7kIK2GKfmnHEKGsiI3Qiw9b+dOnCqihGggz9cUIu9uU=',
  'scrypt$32768$8$1$qJ2xsjwCu1yY27GWf+QaMQ==$BC2G4DZcw3eNGsAK/9g9zxilooAMa5VDc9c1WFthqVo=',
  'scrypt$32768$8$1$XR7G1RZurorq7ZnRoSNggQ==$bJWsSikLZajjRp1r04c01jkbyvJUP8OFwEAPqOrlGzg=',
] as const;

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_KIOSK_TOKEN = 'demo-kiosk-token';
/** SHA-256 of DEMO_KIOSK_TOKEN. */
const DEMO_KIOSK_TOKEN_HASH = '91d7fe32b9851483d3b8bc08ee568325d72ff8d3712fd2721a05f15d2897f3d2';
/** The demo rating pad of window N uses the token `demo-pad-N`; these are their SHA-256 hashes. */
const DEMO_PAD_TOKEN_HASHES: Readonly<Record<string, string>> = {
  w1: '1cc52f90146a608b80caf6f2059789921516160475f164306b45ac2e15e2d58b',
  w2: '0c1f0d845a317b4036acf1713946eb45225227069f3a7eb46f332e4e142c5cb2',
  w3: '0015e2309345f1c7b548bc36fef0467054acf0ea4c5291d3919c4bc01a62edd2',
  w4: 'd058905d028c06654050f4ccfeaa33c7b02cc8cd66524159aaa993e33068e0d0',
  w5: '4b76e152670a069a91eccf67953b5d6b14b109b6dfb95794ded9dc24885affe0',
};

export function demoPadToken(windowNumber: number): string {
  return `demo-pad-${windowNumber}`;
}

export function demoConfigFile(): HallConfigFile {
  return {
    // The code is 行政区划代码 + a number (docs/uplink.md); `npm run demo:city` ships this hall to a demo centre.
    hall: { name: '示范区政务服务中心', timeZone: 'Asia/Shanghai', language: 'zh-CN', code: '330106-001', level: 'district' },
    secrets: { idHashKey: 'demo-only-id-hash-key-not-for-production-use-0001' },
    policy: {
      callOrder: 'weighted-wait',
      priorityFirst: true,
      appointmentEarlyMinutes: 15,
      appointmentLateMinutes: 15,
      recallLimit: 3,
      parkMinutes: 10,
      ratingTimeoutSeconds: 60,
      phoneRatingHours: 72,
      greenChannelAge: 70,
      perPersonDailyLimit: 3,
      sessionHours: 12,
      ticketsPerMinutePerKiosk: 60,
      loginsPerMinute: 20,
      clerksMayCallOutOfOrder: true,
    },
    services: [
      { id: 'A', name: '综合受理', nameEn: 'General affairs', prefix: 'A', rangeStart: 1, rangeEnd: 999, serviceMinutes: 6, waitLimitMinutes: 30, serviceLimitMinutes: 15, hours: [], itemCode: 'ZH-0001', category: '综合受理' },
      { id: 'B', name: '社保医保', nameEn: 'Social & medical insurance', prefix: 'B', rangeStart: 1, rangeEnd: 999, serviceMinutes: 8, waitLimitMinutes: 30, serviceLimitMinutes: 20, hours: [], itemCode: 'SB-0001', category: '社保医保' },
      { id: 'C', name: '不动产登记', nameEn: 'Real estate registration', prefix: 'C', rangeStart: 1, rangeEnd: 999, serviceMinutes: 15, waitLimitMinutes: 45, serviceLimitMinutes: 30, dailyCap: 300, hours: [], itemCode: 'BDC-0001', category: '不动产',
        guide: {
          materials: ['不动产登记申请书（现场可领）', '申请人身份证原件及复印件', '不动产权属证书原件', '买卖合同或其他权属转移材料', '完税凭证'],
          basis: '《不动产登记暂行条例》第十六条',
          promiseDays: 5,
          fees: '住宅每件80元，非住宅每件550元',
          notes: '委托办理的，另带授权委托书及受托人身份证。',
        } },
      { id: 'D', name: '公安户政', nameEn: 'Household registration', prefix: 'D', rangeStart: 1, rangeEnd: 999, serviceMinutes: 10, waitLimitMinutes: 30, serviceLimitMinutes: 20, hours: [], itemCode: 'GA-0001', category: '公安户政',
        guide: {
          materials: ['居民户口簿', '本人居民身份证（换领、补领时）', '近期免冠彩色照片（可现场拍照）'],
          basis: '《中华人民共和国居民身份证法》第八条',
          promiseDays: 20,
          fees: '换领、补领20元；首次申领不收费',
          notes: '未满16周岁的由监护人陪同办理。',
        } },
    ],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口 综合受理', area: '一楼', services: ['A'] },
      { id: 'w2', number: 2, name: '2号窗口 社保医保', area: '一楼', services: ['B', 'A'] },
      { id: 'w3', number: 3, name: '3号窗口 不动产', area: '一楼', services: ['C'] },
      { id: 'w4', number: 4, name: '4号窗口 公安户政', area: '一楼', services: ['D'] },
      {
        id: 'w5',
        number: 5,
        name: '5号窗口 一窗通办',
        area: '一楼',
        services: [
          { serviceId: 'A', weight: 1 },
          { serviceId: 'B', weight: 1 },
          { serviceId: 'C', weight: 1 },
          { serviceId: 'D', weight: 1 },
        ],
      },
    ],
    staff: [
      { username: 'clerk1', name: '王芳', role: 'clerk', passwordHash: DEMO_HASHES[0] },
      { username: 'clerk2', name: '李伟', role: 'clerk', passwordHash: DEMO_HASHES[1] },
      { username: 'clerk3', name: '赵敏', role: 'clerk', passwordHash: DEMO_HASHES[2] },
      { username: 'clerk4', name: '陈静', role: 'clerk', passwordHash: DEMO_HASHES[3] },
      { username: 'manager', name: '刘主任', role: 'admin', passwordHash: DEMO_HASHES[4] },
    ],
    ratingPads: Object.entries(DEMO_PAD_TOKEN_HASHES).map(([windowId, tokenHash]) => ({ id: `${windowId}-pad`, windowId, tokenHash })),
    kiosks: [{ id: 'kiosk1', name: '一楼取号机', tokenHash: DEMO_KIOSK_TOKEN_HASH, printer: { type: 'simulator' }, idReader: { type: 'simulator' } }],
    windowBuses: [demoWindowBus(['w1', 'w2', 'w3', 'w4', 'w5'])],
    notices: ['请携带身份证原件办理业务。', '70岁以上老年人凭身份证可走绿色通道；残疾人、孕妇请向工作人员说明。'],
  };
}

/** Whether a config file still carries demo credentials (refused outside demo mode). */
export function hasDemoCredentials(file: Pick<HallConfigFile, 'staff' | 'kiosks' | 'ratingPads'>): boolean {
  const demoHashes = new Set<string>(DEMO_HASHES);
  return file.staff.some((s) => demoHashes.has(s.passwordHash)) || file.kiosks.some((k) => k.tokenHash === DEMO_KIOSK_TOKEN_HASH) || file.ratingPads.some((p) => Object.values(DEMO_PAD_TOKEN_HASHES).includes(p.tokenHash));
}

/**
 * One simulated QLP/1 bus with a satisfaction keypad, an LED strip and a hardware caller per demo window
 * (addresses n1, n2, n3 for window n), so `npm start` shows the window devices working.
 */
function demoWindowBus(windowIds: readonly string[]): HallConfigFile['windowBuses'][number] {
  return {
    id: 'demo-window-bus',
    protocol: 'qlp',
    link: { type: 'simulator' },
    devices: windowIds.flatMap((windowId, i) => [
      { id: `${windowId}-keypad`, kind: 'keypad' as const, address: (i + 1) * 10 + 1, windowId },
      { id: `${windowId}-strip`, kind: 'led-strip' as const, address: (i + 1) * 10 + 2, windowId },
      { id: `${windowId}-caller`, kind: 'caller' as const, address: (i + 1) * 10 + 3, windowId },
    ]),
  };
}
