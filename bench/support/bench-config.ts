/**
 * Bench halls: the demo hall's services widened (4-digit ranges, no caps) so a run can issue thousands of
 * tickets, with as many windows, clerks and kiosks as a figure needs, and flood limits lifted (the load
 * generator is one client address). Credentials are the published demo ones: the bench runs in demo mode.
 */
import { createHash } from 'node:crypto';
import { demoConfigFile, DEMO_PASSWORD } from '../../server/demo-config';
import type { HallConfigFile } from '../../server/config-schema';
import { loadConfig, type Config } from '../../server/config';

export { DEMO_PASSWORD };

export interface BenchHallShape {
  readonly windows: number;
  readonly kiosks: number;
  /** Which services each window serves (by window index); all four by default. */
  readonly serves?: (index: number) => HallConfigFile['windows'][number]['services'];
  /** Configured mean service minutes (the estimate's prior). */
  readonly serviceMinutes?: Readonly<Record<string, number>>;
  /** The soak's hall: the demo's simulated window bus (keypads, strips, callers on w1–w5) and a rating pad per window. */
  readonly withDevices?: boolean;
}

export const kioskToken = (i: number): string => `bench-kiosk-token-${i}`;
export const clerkName = (i: number): string => `clerk${i + 1}`;
export const windowId = (i: number): string => `w${i + 1}`;
export const padToken = (i: number): string => `bench-pad-token-${i}`;

export function benchConfigFile(shape: BenchHallShape): HallConfigFile {
  const file = demoConfigFile();
  const demoHash = file.staff[0]?.passwordHash ?? '';
  file.policy = { ...file.policy!, ticketsPerMinutePerKiosk: 100_000, loginsPerMinute: 100_000 };
  file.services = file.services.map((s) => {
    const { dailyCap: _uncapped, ...rest } = s;
    return { ...rest, rangeEnd: 9999, serviceMinutes: shape.serviceMinutes?.[s.id] ?? s.serviceMinutes };
  });
  file.windows = Array.from({ length: shape.windows }, (_, i) => ({
    id: windowId(i),
    number: i + 1,
    name: `${i + 1}号窗口`,
    services: shape.serves?.(i) ?? ['A', 'B', 'C', 'D'],
  }));
  file.staff = [
    ...Array.from({ length: shape.windows }, (_, i) => ({ username: clerkName(i), name: `办事员${i + 1}`, role: 'clerk' as const, passwordHash: demoHash })),
    { username: 'manager', name: '主任', role: 'admin' as const, passwordHash: demoHash },
  ];
  file.kiosks = Array.from({ length: shape.kiosks }, (_, i) => ({
    id: `kiosk${i + 1}`,
    tokenHash: createHash('sha256').update(kioskToken(i)).digest('hex'),
  }));
  // No device buses or rating pads (the demo's name windows w1–w5): the figures measure the hub, not devices;
  // the soak keeps them, since a leak in a device path is as real as one in a route.
  file.windowBuses = shape.withDevices ? file.windowBuses : [];
  file.ratingPads = shape.withDevices
    ? Array.from({ length: shape.windows }, (_, i) => ({ id: `${windowId(i)}-pad`, windowId: windowId(i), tokenHash: createHash('sha256').update(padToken(i)).digest('hex') }))
    : [];
  return file;
}

export function toConfig(file: HallConfigFile): Config {
  const result = loadConfig(file, { isDemo: true });
  if (!result.ok) throw new Error(`bad bench config: ${JSON.stringify(result.problems)}`);
  return result.config;
}
