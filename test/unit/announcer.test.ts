import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallToAnnounce } from '../../display-ui/voice/announcement';
import { Announcer, type AnnouncerSettings, type SkippedAnnouncement } from '../../display-ui/voice/announcer';
import type {
  AudioBufferLike,
  AudioBufferSourceLike,
  AudioContextLike,
  AudioNodeLike,
  FetchLike,
  GainNodeLike,
} from '../../display-ui/voice/audio-types';
import { ClipPlayer } from '../../display-ui/voice/clip-player';
import type { Player, Utterance } from '../../display-ui/voice/player';
import { ManualClock as FakeClock } from '../support/manual-clock';

interface PlayedClip {
  readonly clip: string;
  readonly start: number;
  readonly end: number;
  stoppedAt: number | null;
}

const CLIP_SECONDS = 0.4;
const CHIME_SECONDS = 1.0;

class FakeNode implements AudioNodeLike {
  connect(): unknown {
    return undefined;
  }
  disconnect(): void {}
}

class FakeGain extends FakeNode implements GainNodeLike {
  readonly gain = { value: 1 };
}

class FakeBuffer implements AudioBufferLike {
  constructor(
    readonly clip: string,
    readonly duration: number,
  ) {}
}

/** AudioContext whose clock is the fake clock while running and frozen while suspended. */
class FakeAudioContext implements AudioContextLike {
  state = 'running';
  readonly destination = new FakeNode();
  readonly played: PlayedClip[] = [];
  readonly gains: FakeGain[] = [];
  isClosed = false;
  private frozenAt = 0;
  private runningSince: number;

  constructor(private readonly clock: FakeClock) {
    this.runningSince = clock.now();
  }

  get currentTime(): number {
    if (this.state !== 'running') return this.frozenAt;
    return this.frozenAt + (this.clock.now() - this.runningSince) / 1000;
  }

  suspend(): void {
    this.frozenAt = this.currentTime;
    this.state = 'suspended';
  }

  resume(): Promise<void> {
    if (this.state === 'suspended' && this.isUnlockable) {
      this.runningSince = this.clock.now();
      this.state = 'running';
    }
    return Promise.resolve();
  }

  /** False models Chromium's autoplay policy before a user gesture. */
  isUnlockable = true;

  createGain(): FakeGain {
    const gain = new FakeGain();
    this.gains.push(gain);
    return gain;
  }

  createBufferSource(): AudioBufferSourceLike {
    const played = this.played;
    const source = new (class extends FakeNode implements AudioBufferSourceLike {
      buffer: AudioBufferLike | null = null;
      record: PlayedClip | null = null;
      start(when = 0): void {
        const buffer = this.buffer as FakeBuffer;
        this.record = { clip: buffer.clip, start: when, end: when + buffer.duration, stoppedAt: null };
        played.push(this.record);
      }
      stop(): void {
        if (this.record !== null) this.record.stoppedAt = 0;
      }
    })();
    return source;
  }

  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike> {
    const url = new TextDecoder().decode(data);
    const clip = url.slice(url.lastIndexOf('/') + 1).replace(/\.wav$/, '');
    return Promise.resolve(new FakeBuffer(clip, clip === 'chime' ? CHIME_SECONDS : CLIP_SECONDS));
  }

  close(): Promise<void> {
    this.isClosed = true;
    return Promise.resolve();
  }
}

/** Serves the shipped manifests; a clip's bytes are its URL, which the fake decoder reads back. */
function fakeFetch(options: { missing?: readonly string[] } = {}): { fetch: FetchLike; urls: string[] } {
  const urls: string[] = [];
  const fetch: FetchLike = (url) => {
    urls.push(url);
    const isMissing = options.missing?.some((file) => url.endsWith(`/${file}`)) ?? false;
    const body = url.endsWith('manifest.json')
      ? readFileSync(join(import.meta.dirname, '../../display-ui/public', url), 'utf8')
      : url;
    return Promise.resolve({
      ok: !isMissing,
      status: isMissing ? 404 : 200,
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode(body).buffer),
      json: () => Promise.resolve(JSON.parse(body) as unknown),
    });
  };
  return { fetch, urls };
}

function setup(settings: AnnouncerSettings = {}, options: { missing?: readonly string[]; fallback?: Player } = {}) {
  const clock = new FakeClock();
  const context = new FakeAudioContext(clock);
  const { fetch, urls } = fakeFetch(options);
  const player = new ClipPlayer({ createContext: () => context, fetch, clock, baseUrl: '/voice', wordGapMs: 0 });
  const announcer = new Announcer({ player, fallbackPlayer: options.fallback, clock, ...settings });
  const events: string[] = [];
  const skipped: SkippedAnnouncement[] = [];
  announcer.onStart((a, repeats) => events.push(`start ${a.call.ticketNumber} x${repeats}`));
  announcer.onEnd((a, outcome) => events.push(`end ${a.call.ticketNumber} ${outcome}`));
  announcer.onSkip((records) => skipped.push(...records));
  return { clock, context, urls, announcer, events, skipped };
}

function call(ticketNumber: string, windowNumber = 3, isRecall = false): CallToAnnounce {
  return { ticketNumber, windowNumber, isRecall, language: 'zh-CN' };
}

/** "请 A012 号到 3 号窗口办理" is 11 clips. */
const PHRASE_CLIPS = 11;

function expectNoOverlap(played: readonly PlayedClip[]): void {
  const sorted = [...played].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const clip = sorted[i];
    if (previous === undefined || clip === undefined) continue;
    expect(clip.start, `${clip.clip} starts before ${previous.clip} ends`).toBeGreaterThanOrEqual(previous.end - 1e-9);
  }
}

describe('Announcer with the clip player', () => {
  it('plays chime once, then the phrase twice, back to back and without overlap', async () => {
    const { clock, context, announcer, events } = setup({ repeat: 2, repeatGapMs: 1000 });
    announcer.enqueue(call('A012'));
    await clock.advance(60_000);

    const clips = context.played.map((p) => p.clip);
    const phrase = ['qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'hao', 'chuang-kou', 'ban-li'];
    expect(clips).toEqual(['chime', ...phrase, ...phrase]);
    expectNoOverlap(context.played);
    const firstPassEnd = context.played[PHRASE_CLIPS]?.end ?? Number.NaN;
    const secondPassStart = context.played[PHRASE_CLIPS + 1]?.start ?? Number.NaN;
    expect(secondPassStart - firstPassEnd).toBeGreaterThanOrEqual(1.0);
    expect(events).toEqual(['start A012 x2', 'end A012 spoken']);
  });

  it('never lets the next call overlap or cut off the one being spoken', async () => {
    const { clock, context, announcer, events } = setup({ repeat: 1, gapMs: 500 });
    announcer.enqueue(call('A001'));
    await clock.advance(1000);
    announcer.enqueue(call('A002', 5));
    expect(announcer.pending().map((a) => a.call.ticketNumber)).toEqual(['A002']);
    expect(announcer.current()?.call.ticketNumber).toBe('A001');
    await clock.advance(60_000);

    expect(context.played.every((p) => p.stoppedAt === null)).toBe(true);
    expectNoOverlap(context.played);
    const secondChime = context.played.filter((p) => p.clip === 'chime')[1];
    const firstLast = context.played[PHRASE_CLIPS];
    expect((secondChime?.start ?? 0) - (firstLast?.end ?? 0)).toBeGreaterThanOrEqual(0.5);
    expect(events).toEqual(['start A001 x1', 'end A001 spoken', 'start A002 x1', 'end A002 spoken']);
    expect(announcer.pending()).toEqual([]);
  });

  it('fetches and decodes each clip once', async () => {
    const { clock, urls, announcer } = setup({ repeat: 2 });
    announcer.enqueue(call('A011'));
    announcer.enqueue(call('A111'));
    await clock.advance(60_000);
    const counts = new Map<string, number>();
    for (const url of urls) counts.set(url, (counts.get(url) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.has('/voice/zh-CN/manifest.json')).toBe(true);
  });

  it('preloads a whole pack so the first call needs no fetch', async () => {
    const clock = new FakeClock();
    const context = new FakeAudioContext(clock);
    const { fetch, urls } = fakeFetch();
    const player = new ClipPlayer({ createContext: () => context, fetch, clock, baseUrl: '/voice' });
    await player.preload('zh-CN');
    const fetchedByPreload = urls.length;
    expect(fetchedByPreload).toBeGreaterThan(40);
    const done = player.play({ clipIds: ['chime', 'qing', 'A'], text: '', language: 'zh-CN' });
    await clock.advance(10_000);
    await done;
    expect(urls).toHaveLength(fetchedByPreload);
    expect(context.played.map((p) => p.clip)).toEqual(['chime', 'qing', 'A']);
  });

  it('queues a recall of the ticket being spoken as a new announcement', async () => {
    const { clock, context, announcer, events } = setup({ repeat: 1 });
    announcer.enqueue(call('A012'));
    await clock.advance(500);
    announcer.enqueue(call('A012', 3, true));
    await clock.advance(60_000);
    expect(events).toEqual(['start A012 x1', 'end A012 spoken', 'start A012 x1', 'end A012 spoken']);
    expect(context.played.filter((p) => p.clip === 'zai-ci-hu-jiao')).toHaveLength(1);
  });

  it('updates a ticket that is still waiting instead of queueing it twice', async () => {
    const { clock, announcer } = setup();
    announcer.enqueue(call('A001'));
    await clock.advance(100);
    announcer.enqueue(call('A002', 3));
    announcer.enqueue(call('A003', 4));
    announcer.enqueue(call('A002', 7, true));
    expect(announcer.pending().map((a) => [a.call.ticketNumber, a.call.windowNumber, a.call.isRecall])).toEqual([
      ['A002', 7, false],
      ['A003', 4, false],
    ]);
  });

  it('keeps the most recent calls when they pile up and reports the skipped ones', async () => {
    const { clock, announcer, skipped } = setup({ maxPending: 20 });
    for (let n = 1; n <= 30; n += 1) announcer.enqueue(call(`A${String(n).padStart(3, '0')}`));
    const pending = announcer.pending().map((a) => a.call.ticketNumber);
    expect(pending).toHaveLength(20);
    expect(pending[0]).toBe('A011');
    expect(pending[19]).toBe('A030');
    const expectedSkipped = ['A002', 'A003', 'A004', 'A005', 'A006', 'A007', 'A008', 'A009', 'A010'];
    expect(skipped.map((s) => s.announcement.call.ticketNumber)).toEqual(expectedSkipped);
    expect(skipped.every((s) => s.reason === 'overflow')).toBe(true);
    expect(announcer.skipped().map((s) => s.announcement.call.ticketNumber)).toEqual(expectedSkipped);
    await clock.advance(1000);
  });

  it('says each announcement once while the backlog is at condenseAt or more', async () => {
    const { clock, announcer, events } = setup({ repeat: 2, condenseAt: 2 });
    for (const ticket of ['A001', 'A002', 'A003', 'A004']) announcer.enqueue(call(ticket));
    await clock.advance(120_000);
    expect(events.filter((e) => e.startsWith('start'))).toEqual([
      'start A001 x2', // dequeued before the others arrived
      'start A002 x1', // two still waiting
      'start A003 x2',
      'start A004 x2',
    ]);
  });

  it('mute stops the current announcement, skips the waiting ones and refuses new calls', async () => {
    const { clock, context, announcer, events, skipped } = setup({ repeat: 2 });
    announcer.enqueue(call('A001'));
    announcer.enqueue(call('A002'));
    await clock.advance(1500);
    announcer.setMuted(true);
    await clock.advance(10);
    expect(events).toEqual(['start A001 x2', 'end A001 stopped']);
    expect(context.played.some((p) => p.stoppedAt !== null)).toBe(true);
    expect(announcer.enqueue(call('A003'))).toBeNull();
    expect(skipped.map((s) => [s.announcement.call.ticketNumber, s.reason])).toEqual([
      ['A002', 'muted'],
      ['A003', 'muted'],
    ]);
    const playedWhileMuted = context.played.length;
    await clock.advance(60_000);
    expect(context.played).toHaveLength(playedWhileMuted);

    announcer.setMuted(false);
    announcer.enqueue(call('A004'));
    await clock.advance(60_000);
    expect(events.at(-1)).toBe('end A004 spoken');
  });

  it('applies and clamps the volume on the master gain', async () => {
    const { clock, context, announcer } = setup({ volume: 0.5 });
    announcer.enqueue(call('A001'));
    await clock.advance(10);
    expect(context.gains[0]?.gain.value).toBe(0.5);
    announcer.setVolume(3);
    expect(context.gains[0]?.gain.value).toBe(1);
    announcer.setVolume(-1);
    expect(announcer.volume()).toBe(0);
  });

  it('leaves the chime out when disabled', async () => {
    const { clock, context, announcer } = setup({ withChime: false, repeat: 1 });
    announcer.enqueue(call('A001'));
    await clock.advance(60_000);
    expect(context.played.map((p) => p.clip)).not.toContain('chime');
  });

  it('waits for a context blocked by the autoplay policy instead of counting the call as heard', async () => {
    const { clock, context, announcer, events } = setup({ repeat: 1 });
    context.isUnlockable = false;
    context.suspend();
    announcer.enqueue(call('A001'));
    await clock.advance(30_000);
    expect(announcer.isBlocked()).toBe(true);
    expect(events).toEqual(['start A001 x1']);

    context.isUnlockable = true; // the user clicked
    expect(await announcer.unlock()).toBe(true);
    await clock.advance(30_000);
    expect(events).toEqual(['start A001 x1', 'end A001 spoken']);
  });

  it('falls back to the second player when a clip is missing, and reports the error', async () => {
    const said: string[] = [];
    const fallback: Player = {
      play: (u: Utterance) => {
        said.push(u.text);
        return Promise.resolve();
      },
      stop: () => undefined,
      setVolume: () => undefined,
      isBlocked: () => false,
      unlock: () => Promise.resolve(true),
      dispose: () => undefined,
    };
    const { clock, announcer, events } = setup({ repeat: 1 }, { missing: ['Q.wav'], fallback });
    const errors: unknown[] = [];
    announcer.onError((error) => errors.push(error));
    announcer.enqueue(call('Q007', 12));
    await clock.advance(60_000);
    expect(said).toEqual(['请 Q 零零七 号到 12 号窗口办理']);
    expect(errors).toHaveLength(1);
    expect(events).toEqual(['start Q007 x1', 'end Q007 spoken']);
  });

  it('reports a failed announcement without a fallback and carries on with the queue', async () => {
    const { clock, announcer, events } = setup({ repeat: 2 }, { missing: ['Q.wav'] });
    announcer.enqueue(call('Q007'));
    announcer.enqueue(call('A001'));
    await clock.advance(60_000);
    expect(events).toEqual(['start Q007 x2', 'end Q007 failed', 'start A001 x2', 'end A001 spoken']);
  });

  it('dispose stops playback, skips the queue and closes the audio context', async () => {
    const { clock, context, announcer, skipped } = setup();
    announcer.enqueue(call('A001'));
    announcer.enqueue(call('A002'));
    await clock.advance(500);
    announcer.dispose();
    await announcer.idle();
    expect(context.isClosed).toBe(true);
    expect(skipped.map((s) => [s.announcement.call.ticketNumber, s.reason])).toEqual([['A002', 'disposed']]);
    expect(announcer.enqueue(call('A003'))).toBeNull();
  });

  it('rejects a malformed call before queueing it', () => {
    const { announcer } = setup();
    expect(() => announcer.enqueue(call('A 1'))).toThrow(RangeError);
    expect(announcer.pending()).toEqual([]);
  });
});
