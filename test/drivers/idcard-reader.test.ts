import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceHealth } from '../../drivers/device';
import { IdCardReader } from '../../drivers/idcard/id-card-reader';
import type { IdCardData } from '../../drivers/idcard/id-card-data';
import type { CardFailure, IdCardReaderOptions } from '../../drivers/idcard/reader-options';
import { MemoryLink } from '../../drivers/link/memory-link';
import { IdCardSimulator, type IdCardSimulatorOptions } from '../../drivers/sim/idcard-simulator';

/** Clearly fake demo people; the ID numbers carry computed, valid check digits. */
const ZHANG_SAN: IdCardData = {
  name: '张三',
  sex: 'male',
  nation: '汉',
  birthDate: '1950-01-01',
  address: '上海市黄浦区演示路2号',
  idNumber: '310101195001011236',
  authority: '上海市公安局黄浦分局',
  validFrom: '2010-01-01',
  validTo: 'long-term',
};
const LI_SI: IdCardData = { ...ZHANG_SAN, name: '李四', sex: 'female', idNumber: '440304200002290022', birthDate: '2000-02-29' };

const FAST = { pollIntervalMs: 5, responseTimeoutMs: 60, reconnectMinMs: 10, reconnectMaxMs: 40 } as const;

interface Rig {
  simulator: IdCardSimulator;
  link: MemoryLink;
  reader: IdCardReader;
  cards: IdCardData[];
  failures: CardFailure[];
  healths: DeviceHealth[];
}

const readers: IdCardReader[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((reader) => reader.close()));
});

function rig(
  options: { sim?: IdCardSimulatorOptions; chunkSize?: number; reader?: Partial<IdCardReaderOptions> } = {},
): Rig {
  const simulator = new IdCardSimulator(options.sim);
  const link = new MemoryLink(simulator, { name: 'idcard', ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) });
  const reader = new IdCardReader({ id: 'reader-1', link, ...FAST, ...options.reader });
  readers.push(reader);
  const result: Rig = { simulator, link, reader, cards: [], failures: [], healths: [] };
  reader.onCard((card) => result.cards.push(card));
  reader.onCardFailure((failure) => result.failures.push(failure));
  reader.onHealth((health) => result.healths.push(health));
  return result;
}

/** Waits until the reader has sent `count` more find-card polls: proof that time has passed. */
async function waitPolls(simulator: IdCardSimulator, count: number): Promise<void> {
  const target = simulator.commands.filter((c) => c === 'findCard').length + count;
  await vi.waitFor(
    () => expect(simulator.commands.filter((c) => c === 'findCard').length).toBeGreaterThanOrEqual(target),
    { interval: 1 },
  );
}

describe('IdCardReader with the simulator over MemoryLink', () => {
  it('goes online and emits one card event on insertion', async () => {
    const { simulator, reader, cards } = rig();
    expect(reader.kind).toBe('id-reader');
    await reader.open();
    await vi.waitFor(() => expect(reader.health().status).toBe('online'));
    simulator.insertCard(ZHANG_SAN);
    await vi.waitFor(() => expect(cards).toHaveLength(1));
    expect(cards[0]).toEqual(ZHANG_SAN);
    expect(simulator.commands.join(' ')).toContain('findCard selectCard readBaseInfo');
  });

  it.each([
    ['a reader that keeps finding the card', {}],
    ['a reader that needs the card re-presented', { findFailsAfterRead: true }],
  ] as const)('does not repeat while the card stays, and fires again after re-insertion (%s)', async (_, sim) => {
    const { simulator, reader, cards } = rig({ sim });
    simulator.insertCard(ZHANG_SAN);
    await reader.open();
    await vi.waitFor(() => expect(cards).toHaveLength(1));
    await waitPolls(simulator, 20);
    expect(cards).toHaveLength(1);

    simulator.removeCard();
    await waitPolls(simulator, 3);
    simulator.insertCard(LI_SI);
    await vi.waitFor(() => expect(cards).toHaveLength(2));
    expect(cards[1]?.name).toBe('李四');
    await waitPolls(simulator, 10);
    expect(cards).toHaveLength(2);
    expect(reader.stats().cardsRead).toBe(2);
  });

  it('ignores a one-poll RF glitch while the card lies still', async () => {
    const { simulator, reader, cards } = rig({ reader: { pollIntervalMs: 40, removalPolls: 2 } });
    simulator.insertCard(ZHANG_SAN);
    await reader.open();
    await vi.waitFor(() => expect(cards).toHaveLength(1));
    simulator.removeCard();
    await waitPolls(simulator, 1); // exactly one "no card" answer, well inside the 40 ms poll gap
    simulator.insertCard(ZHANG_SAN);
    await waitPolls(simulator, 4);
    expect(cards).toHaveLength(1);
  });

  it('reassembles answers delivered in 7-byte chunks', async () => {
    const { simulator, reader, cards } = rig({ chunkSize: 7 });
    simulator.insertCard(ZHANG_SAN);
    await reader.open();
    await vi.waitFor(() => expect(cards).toEqual([ZHANG_SAN]));
  });

  it('counts a corrupt reply, survives it and still reads the card once', async () => {
    const { simulator, reader, cards } = rig();
    await reader.open();
    await waitPolls(simulator, 2);
    simulator.insertCard(ZHANG_SAN);
    simulator.setCorruptNextReply();
    await vi.waitFor(() => expect(cards).toHaveLength(1));
    expect(reader.stats().checksumErrors).toBe(1);
    expect(reader.health().status).toBe('online');
  });

  it('goes offline "no-answer" when the reader is silent, and back online when it answers', async () => {
    const { simulator, reader } = rig();
    await reader.open();
    await vi.waitFor(() => expect(reader.health().status).toBe('online'));
    simulator.setSilent(true);
    await vi.waitFor(() => expect(reader.health()).toMatchObject({ status: 'offline', code: 'no-answer' }));
    expect(reader.stats().timeouts).toBeGreaterThan(0);
    simulator.setSilent(false);
    await vi.waitFor(() => expect(reader.health().status).toBe('online'));
  });

  it('goes offline "port-missing" on unplug, retries with back-off, and recovers on replug', async () => {
    const delays: number[] = [];
    const timers = {
      schedule(fn: () => void, ms: number) {
        delays.push(ms);
        const handle = setTimeout(fn, ms);
        return () => clearTimeout(handle);
      },
      now: () => Date.now(),
    };
    const { simulator, link, reader, cards } = rig({ reader: { timers } });
    await reader.open();
    await vi.waitFor(() => expect(reader.health().status).toBe('online'));
    link.unplug();
    expect(reader.health()).toMatchObject({ status: 'offline', code: 'port-missing' });
    await vi.waitFor(() => expect(reader.stats().reconnectAttempts).toBeGreaterThanOrEqual(4));
    expect(delays.filter((ms) => ms >= FAST.reconnectMinMs && ms <= FAST.reconnectMaxMs).slice(0, 4)).toEqual([10, 20, 40, 40]);

    simulator.insertCard(ZHANG_SAN);
    link.replug();
    await vi.waitFor(() => expect(reader.health().status).toBe('online'));
    await vi.waitFor(() => expect(cards).toHaveLength(1));
  });

  it('opens without rejecting when the port is missing from the start', async () => {
    const { link, reader } = rig();
    link.unplug();
    await expect(reader.open()).resolves.toBeUndefined();
    expect(reader.health()).toMatchObject({ status: 'offline', code: 'port-missing' });
    link.replug();
    await vi.waitFor(() => expect(reader.health().status).toBe('online'));
  });

  it('refuses a residence-permit card once, without a card event', async () => {
    const { simulator, reader, cards, failures } = rig({ sim: { cardTypeMarker: 'J' } });
    simulator.insertCard(ZHANG_SAN);
    await reader.open();
    await vi.waitFor(() => expect(failures).toEqual(['unsupported-card-type']));
    await waitPolls(simulator, 10);
    expect(failures).toHaveLength(1);
    expect(cards).toHaveLength(0);
  });

  it('survives a throwing card listener', async () => {
    const { simulator, reader, cards } = rig();
    reader.onCard(() => {
      throw new Error('hub bug');
    });
    simulator.insertCard(ZHANG_SAN);
    await reader.open();
    await vi.waitFor(() => expect(cards).toHaveLength(1));
    await waitPolls(simulator, 3);
    expect(reader.stats().listenerErrors).toBe(1);
  });

  it('never puts card data in health reasons or stats', async () => {
    const { simulator, link, reader, cards, healths } = rig();
    simulator.insertCard(ZHANG_SAN);
    await reader.open();
    await vi.waitFor(() => expect(cards).toHaveLength(1));
    simulator.setSilent(true);
    await vi.waitFor(() => expect(reader.health().code).toBe('no-answer'));
    link.unplug();
    const reasons = [...healths, reader.health()].map(({ status, code, reason }) => ({ status, code, reason }));
    const visible = JSON.stringify([reasons, reader.stats()]);
    for (const value of [ZHANG_SAN.name, ZHANG_SAN.idNumber, ZHANG_SAN.address, '1950']) {
      expect(visible).not.toContain(value);
    }
  });

  it('stops polling after close', async () => {
    const { simulator, reader } = rig();
    await reader.open();
    await waitPolls(simulator, 2);
    await reader.close();
    const sent = simulator.commands.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(simulator.commands.length).toBe(sent);
    expect(reader.health()).toMatchObject({ status: 'offline', code: 'closed' });
  });
});
