import { describe, expect, it } from 'vitest';
import type { DeviceSimulator } from '../../drivers/device';
import { MemoryLink } from '../../drivers/link/memory-link';
import { isRealtimeStatusReply, parseRealtimeStatus, statusFault } from '../../drivers/printer/printer-status';
import { StatusReader } from '../../drivers/printer/status-reader';
import { systemTimers } from '../../drivers/timers';
import { statusByte } from '../../drivers/sim/printer-simulator';

const HEALTHY = { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false };

describe('DLE EOT status parsing', () => {
  it('reads a healthy printer', () => {
    expect(parseRealtimeStatus({ 1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12 })).toEqual(HEALTHY);
    expect(statusFault(HEALTHY)).toBeNull();
  });

  it('decodes each fault bit of the reference tables', () => {
    expect(parseRealtimeStatus({ 1: 0x1a })).toMatchObject({ online: false });
    expect(parseRealtimeStatus({ 2: 0x16 })).toMatchObject({ coverOpen: true, paperOut: false });
    expect(parseRealtimeStatus({ 2: 0x32 })).toMatchObject({ paperOut: true });
    expect(parseRealtimeStatus({ 2: 0x52 })).toMatchObject({ error: true });
    expect(parseRealtimeStatus({ 3: 0x1a })).toMatchObject({ error: true }); // autocutter
    expect(parseRealtimeStatus({ 3: 0x52 })).toMatchObject({ error: true }); // head overheat
    expect(parseRealtimeStatus({ 4: 0x1e })).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(parseRealtimeStatus({ 4: 0x72 })).toMatchObject({ paperOut: true });
  });

  it('ranks faults: paper out before cover open before offline', () => {
    const all = { online: false, coverOpen: true, paperOut: true, paperNearEnd: true, error: false };
    expect(statusFault(all)?.code).toBe('paper-out');
    expect(statusFault({ ...all, paperOut: false })?.code).toBe('cover-open');
    expect(statusFault({ ...HEALTHY, online: false })?.code).toBe('offline');
    expect(statusFault({ ...HEALTHY, paperNearEnd: true })).toBeNull();
  });

  it('tells DLE EOT replies from ASB bytes and noise', () => {
    expect([0x12, 0x16, 0x1a, 0x7e].every(isRealtimeStatusReply)).toBe(true);
    expect([0x10, 0x00, 0xff, 0x13, 0x92].some(isRealtimeStatusReply)).toBe(false);
  });

  it('simulator replies parse back to the state that produced them', () => {
    const state = { paperOut: true, coverOpen: false, nearEnd: false };
    const replies = { 1: statusByte(1, state), 2: statusByte(2, state), 3: statusByte(3, state), 4: statusByte(4, state) };
    expect(parseRealtimeStatus(replies)).toMatchObject({ online: false, paperOut: true, coverOpen: false });
  });
});

describe('StatusReader over a link', () => {
  it('matches replies split into single bytes and ignores ASB noise before them', async () => {
    const simulator: DeviceSimulator = {
      receive: (bytes, reply) => {
        const n = bytes[2] ?? 0;
        reply(Buffer.from([0x10, 0x00, n === 2 ? 0x16 : 0x12])); // ASB-like noise, then the answer
      },
    };
    const link = new MemoryLink(simulator, { chunkSize: 1 });
    await link.open();
    const reader = new StatusReader(link, systemTimers, 200);
    expect(await reader.readAll()).toEqual({ 1: 0x12, 2: 0x16, 3: 0x12, 4: 0x12 });
  });

  it('gives up after the timeout when the printer stays silent', async () => {
    const link = new MemoryLink({ receive: () => undefined });
    await link.open();
    const started = Date.now();
    expect(await new StatusReader(link, systemTimers, 50).readAll()).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
