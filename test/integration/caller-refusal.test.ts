/**
 * A refused hardware-caller key is signalled on the device: two beeps on the caller and, where the
 * window's strip shows words (QLP/1), the reason for a moment before its text comes back. A key the
 * hub runs does not beep. Real hub on port 0, real SQLite file, window bus on the in-process simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, issue, openWindow, startTestHub, testConfig, type TestHub } from '../support/hub';
import { windowDevicesExtension } from '../../server/wings/window-devices';
import type { Config } from '../../server/config';
import { waitFor } from '../support/wait';

let hub: TestHub | undefined;

afterEach(async () => {
  await hub?.dispose();
  hub = undefined;
});

async function start(config: Config): Promise<TestHub> {
  hub = await startTestHub({ config, extensions: [windowDevicesExtension(config)] });
  return hub;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const press = (h: TestHub, key: string, windowId = 'w1') => api(h, 'POST', `/api/demo/windows/${windowId}/caller`, { body: { key } });
const beeps = async (h: TestHub, windowId = 'w1') => (await api<{ beeps: number }>(h, 'GET', `/api/demo/windows/${windowId}/caller`)).body.beeps;
const strip = async (h: TestHub, windowId = 'w1') => (await api<{ text: string | null }>(h, 'GET', `/api/demo/windows/${windowId}/strip`)).body.text;

/** Waits for the strip to show `reason`, then to go back to `standing`. */
async function expectFlash(h: TestHub, reason: string, standing: string): Promise<void> {
  await waitFor(`strip shows ${reason}`, async () => (await strip(h)) === reason);
  await waitFor(`strip back to ${standing}`, async () => (await strip(h)) === standing);
}

describe('refused caller keys on QLP/1 (demo bus: keypad, strip, caller per window)', () => {
  const config = testConfig();

  it('closed window, nobody waiting, no current visitor, transfer: two beeps each and the reason on the strip', async () => {
    const h = await start(config);
    await waitFor('closed text', async () => (await strip(h)) === '1号窗口 暂停办理');
    expect(await beeps(h)).toBe(0);

    await press(h, 'call-next');
    await waitFor('two beeps for a closed window', async () => (await beeps(h)) === 2);
    await expectFlash(h, '窗口未开', '1号窗口 暂停办理');

    await openWindow(h, 'clerk1', 'w1');
    await waitFor('welcome text', async () => (await strip(h)) === '1号窗口 欢迎您');
    await press(h, 'call-next');
    await waitFor('two beeps for nobody waiting', async () => (await beeps(h)) === 4);
    await expectFlash(h, '无人等候', '1号窗口 欢迎您');
    expect(h.hub.ports.layout.windowStatus('w1')).toMatchObject({ state: 'open', currentTicketId: undefined });

    await press(h, 'finish');
    await waitFor('two beeps for no current visitor', async () => (await beeps(h)) === 6);
    await expectFlash(h, '无当前办理', '1号窗口 欢迎您');

    await press(h, 'transfer');
    await waitFor('two beeps for transfer', async () => (await beeps(h)) === 8);
    await expectFlash(h, '请在窗口页操作', '1号窗口 欢迎您');
  });

  it('keys the hub runs do not beep: call with a ticket waiting, recall, finish', async () => {
    const h = await start(config);
    await openWindow(h, 'clerk1', 'w1');
    await waitFor('welcome text', async () => (await strip(h)) === '1号窗口 欢迎您');
    const ticket = await issue(h, 'A');
    await press(h, 'call-next');
    await waitFor('ticket called by the caller', () => h.hub.ports.layout.windowStatus('w1').currentTicketId === ticket.id);
    await waitFor('called text', async () => (await strip(h)) === `${ticket.number} 请到1号窗口`);
    await press(h, 'recall');
    await waitFor('recalled', () => h.hub.ports.read.tickets.get(ticket.id)?.callCount === 2);
    await press(h, 'finish');
    await waitFor('finished by the caller', () => h.hub.ports.read.tickets.get(ticket.id)?.status === 'done');
    await waitFor('welcome text again', async () => (await strip(h)) === '1号窗口 欢迎您');
    await pause(400); // a wrong beep would have been queued right behind the strip write
    expect(await beeps(h)).toBe(0);
  });

  it('a call that succeeds during a refusal reason replaces it and is not overwritten when the reason expires', async () => {
    const h = await start(config);
    await openWindow(h, 'clerk1', 'w1');
    await waitFor('welcome text', async () => (await strip(h)) === '1号窗口 欢迎您');
    await press(h, 'call-next');
    await waitFor('reason shown', async () => (await strip(h)) === '无人等候');
    const ticket = await issue(h, 'A');
    await press(h, 'call-next');
    await waitFor('called text', async () => (await strip(h)) === `${ticket.number} 请到1号窗口`);
    await pause(2_400); // past the 2 s the reason would have stayed
    expect(await strip(h)).toBe(`${ticket.number} 请到1号窗口`);
    expect(await beeps(h)).toBe(2);
  });
});

describe('refused caller keys on FF68 (caller and 3-digit display in one box)', () => {
  const config = testConfig((file) => {
    file.windowBuses = [
      {
        id: 'ff68-bus',
        protocol: 'ff68',
        link: { type: 'simulator' },
        devices: [
          { id: 'w1-caller', kind: 'caller', address: 5, windowId: 'w1' },
          { id: 'w1-strip', kind: 'led-strip', address: 5, windowId: 'w1' },
        ],
      },
    ];
  });

  it('beeps twice for a refusal and leaves the digits alone; a call that runs does not beep', async () => {
    const h = await start(config);
    await openWindow(h, 'clerk1', 'w1');
    await waitFor('caller online', () => h.hub.staffSnapshot().devices.find((d) => d.id === 'w1-caller')?.status === 'online');
    const before = await strip(h);

    await press(h, 'call-next');
    await waitFor('two beeps for nobody waiting', async () => (await beeps(h)) === 2);
    await pause(300);
    expect(await strip(h)).toBe(before); // a word would blank the 3 digits: beep only

    const ticket = await issue(h, 'A');
    await press(h, 'call-next');
    await waitFor('ticket called by the caller', () => h.hub.ports.layout.windowStatus('w1').currentTicketId === ticket.id);
    await waitFor('ticket digits shown', async () => (await strip(h))?.endsWith(ticket.number.slice(-3)));
    await pause(700); // two beeps are 300 ms apart on FF68: a wrong pair would be done by now
    expect(await beeps(h)).toBe(2);

    await press(h, 'finish');
    await waitFor('finished', () => h.hub.ports.read.tickets.get(ticket.id)?.status === 'done');
    // The same key frame again within 300 ms is taken as a retransmission (FF68 duplicate window).
    await pause(400);
    await press(h, 'finish');
    await waitFor('two beeps for no current visitor', async () => (await beeps(h)) === 4);
  });
});
