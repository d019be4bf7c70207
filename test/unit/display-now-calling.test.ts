/**
 * "Now calling" (正在呼叫) follows the voice: a call stays on the big panel until it has been announced, the
 * one being announced is on top and marked, and without a working voice the old time rule applies.
 *
 * Regression (QA): two calls back to back with the voice 10–30 s behind; the panel used to empty at t+10 s
 * while B001 was still to be said at t+28 s, because "now calling" looked only at the clock.
 */
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../server/protocol/model';
import { heroCalls, NO_VOICE, type HeroCall, type TicketVoice, type VoiceProgress } from '../../display-ui/display/now-calling';
import { CallSpeaker } from '../../display-ui/display/speaker';
import { fromSnapshot, nowCalling } from '../../display-ui/display/state';
import { Announcer } from '../../display-ui/voice/announcer';
import { flush, ManualClock } from '../support/manual-clock';
import type { Player, Utterance } from '../../display-ui/voice/player';

const T = 1_800_000_000_000;
const HIGHLIGHT = 10_000;
const online = { highlightMs: HIGHLIGHT, max: 3, isOnline: true };

function call(number: string, windowNumber: number, at: number, extra: Partial<CallView> = {}): CallView {
  return { seq: at - T + 1, ticketId: `t-${number}`, number, serviceId: number[0] ?? 'A', windowId: `w${windowNumber}`, windowNumber, isRecall: false, callCount: 1, at, ...extra };
}
function voice(entries: Record<string, TicketVoice>, isActive = true): VoiceProgress {
  return { isActive, tickets: new Map(Object.entries(entries).map(([number, v]) => [`t-${number}`, v])) };
}
const speaking = (text: string): TicketVoice => ({ phase: 'speaking', text });
const waiting = (position: number): TicketVoice => ({ phase: 'waiting', position });
const done = (at: number): TicketVoice => ({ phase: 'done', at });
/** "A002:speaking" per card, in screen order. */
const cards = (hero: readonly HeroCall[]): string[] => hero.map((h) => `${h.call.number}:${h.voice}`);

describe('now calling with the voice (pure rule)', () => {
  // A002 at window 1, B001 at window 2, 200 ms apart; the voice says A002 from t+4 to t+12, B001 from t+20 to t+28.
  const a002 = call('A002', 1, T);
  const b001 = call('B001', 2, T + 200);
  const recent = [b001, a002]; // newest first, as DisplayState.recent

  it('keeps both calls on the panel until each has been announced, the one being said on top (QA timeline)', () => {
    const at8 = heroCalls(recent, T + 8_000, voice({ A002: speaking('请 A002 号到 1 号窗口办理'), B001: waiting(0) }), online);
    expect(cards(at8)).toEqual(['A002:speaking', 'B001:waiting']);
    expect(at8[0]?.caption).toBe('请 A002 号到 1 号窗口办理');
    expect(at8[1]?.caption).toBe('');

    // t+15: older than the highlight time, A002 said at t+12, B001 still to be said.
    const at15 = heroCalls(recent, T + 15_000, voice({ A002: done(T + 12_000), B001: waiting(0) }), online);
    expect(cards(at15)).toEqual(['B001:waiting', 'A002:done']);

    // t+24: B001 is being said, 24 s after it was called. A002 stays until t+22 only.
    const at24 = heroCalls(recent, T + 24_000, voice({ A002: done(T + 12_000), B001: speaking('请 B001 号到 2 号窗口办理') }), online);
    expect(cards(at24)).toEqual(['B001:speaking']);
    expect(at24[0]?.caption).toBe('请 B001 号到 2 号窗口办理');

    // After its announcement ends, B001 stays for the highlight time, then leaves.
    const after = voice({ A002: done(T + 12_000), B001: done(T + 28_000) });
    expect(cards(heroCalls(recent, T + 37_999, after, online))).toEqual(['B001:done']);
    expect(heroCalls(recent, T + 38_000, after, online)).toEqual([]);
  });

  it('would have emptied the panel by the clock alone (what QA saw, and what still happens without a voice)', () => {
    const progress = voice({ A002: done(T + 12_000), B001: waiting(0) });
    expect(heroCalls(recent, T + 15_000, NO_VOICE, online)).toEqual([]);
    expect(heroCalls(recent, T + 15_000, { ...progress, isActive: false }, online)).toEqual([]);
    expect(nowCalling(fromSnapshotOf(recent), T + 15_000, HIGHLIGHT, 3, true)).toEqual([]);
    expect(nowCalling(fromSnapshotOf(recent), T + 15_000, HIGHLIGHT, 3, true, progress).map((c) => c.number)).toEqual(['B001', 'A002']);
  });

  it('without an active voice, is the time rule: newest first, highlight time after the call, none offline', () => {
    const calls = [call('B001', 2, T - 1_000), call('A002', 1, T - 2_000), call('A001', 1, T - 60_000)];
    const inactive = voice({ B001: waiting(0), A002: speaking('x'), A001: waiting(1) }, false);
    for (const v of [NO_VOICE, inactive]) {
      expect(cards(heroCalls(calls, T, v, online))).toEqual(['B001:none', 'A002:none']);
      expect(cards(heroCalls(calls, T, v, { ...online, max: 1 }))).toEqual(['B001:none']);
      expect(heroCalls(calls, T, v, { ...online, isOnline: false })).toEqual([]);
    }
  });

  it('orders the waiting calls as the voice will say them, not newest first', () => {
    const calls = [call('C003', 3, T + 300), call('B001', 2, T + 200), call('A002', 1, T + 100)];
    const hero = heroCalls(calls, T + 60_000, voice({ C003: waiting(0), B001: waiting(2), A002: waiting(1) }), online);
    expect(cards(hero)).toEqual(['C003:waiting', 'A002:waiting', 'B001:waiting']);
  });

  it('when more calls wait than fit, shows the one being said and the next ones; the rest get their turn', () => {
    const numbers = ['A001', 'A002', 'A003', 'A004', 'A005', 'A006'];
    const calls = numbers.map((n, i) => call(n, i + 1, T + i * 100)).reverse();
    const entries: Record<string, TicketVoice> = { A001: done(T + 9_000), A002: speaking('请 A002 号到 2 号窗口办理') };
    numbers.slice(2).forEach((n, i) => (entries[n] = waiting(i)));
    expect(cards(heroCalls(calls, T + 12_000, voice(entries), online))).toEqual(['A002:speaking', 'A003:waiting', 'A004:waiting']);
    // Later the voice reaches A005: it is on top although newer, older and already-said calls exist.
    const later: Record<string, TicketVoice> = { A001: done(T + 9_000), A002: done(T + 20_000), A003: done(T + 28_000), A004: done(T + 36_000) };
    later['A005'] = speaking('请 A005 号到 5 号窗口办理');
    later['A006'] = waiting(0);
    expect(cards(heroCalls(calls, T + 40_000, voice(later), online))).toEqual(['A005:speaking', 'A006:waiting', 'A004:done']);
  });

  it('lists calls the voice is done with most recently ended first, alongside calls it never queued', () => {
    // B001 was replayed after an outage too old to announce, A002 and C001 were said; all within highlight.
    const calls = [call('C001', 3, T + 3_000), call('B001', 2, T + 2_000), call('A002', 1, T)];
    const hero = heroCalls(calls, T + 9_000, voice({ A002: done(T + 8_000), C001: done(T + 5_000) }), online);
    expect(cards(hero)).toEqual(['A002:done', 'C001:done', 'B001:none']);
  });

  it('a recall re-enters like a call: back on the panel while waiting, marked when said, then the highlight time', () => {
    const first = call('A002', 1, T);
    const recall = call('A002', 1, T + 60_000, { isRecall: true, callCount: 2, seq: 99 });
    expect(heroCalls([first], T + 59_000, voice({ A002: done(T + 12_000) }), online)).toEqual([]);
    expect(cards(heroCalls([recall], T + 61_000, voice({ A002: waiting(3) }), online))).toEqual(['A002:waiting']);
    const said = heroCalls([recall], T + 90_000, voice({ A002: speaking('再次呼叫 请 A002 号到 1 号窗口办理') }), online);
    expect(said.map((h) => [h.call.isRecall, h.voice, h.caption])).toEqual([[true, 'speaking', '再次呼叫 请 A002 号到 1 号窗口办理']]);
    expect(cards(heroCalls([recall], T + 99_000, voice({ A002: done(T + 95_000) }), online))).toEqual(['A002:done']);
    expect(heroCalls([recall], T + 105_000, voice({ A002: done(T + 95_000) }), online)).toEqual([]);
  });

  it('offline, keeps only what the voice is still saying: nothing else is claimed to be "now"', () => {
    const calls = [call('C001', 3, T + 3_000), b001, a002];
    const progress = voice({ A002: speaking('请 A002 号到 1 号窗口办理'), B001: waiting(0), C001: done(T + 3_500) });
    expect(cards(heroCalls(calls, T + 4_000, progress, { ...online, isOnline: false }))).toEqual(['A002:speaking', 'B001:waiting']);
  });

  it('never shows more than max, and nothing with max 0', () => {
    const calls = Array.from({ length: 10 }, (_, i) => call(`A${String(i).padStart(3, '0')}`, 1, T + i));
    const entries = Object.fromEntries(calls.map((c, i) => [c.number, waiting(i)] as const));
    expect(heroCalls(calls, T, voice(entries), online)).toHaveLength(3);
    expect(heroCalls(calls, T, voice(entries), { ...online, max: 0 })).toEqual([]);
  });
});

function fromSnapshotOf(recentCalls: CallView[]) {
  return fromSnapshot(
    {
      seq: 100, day: '2027-01-15', now: T,
      hall: { name: '大厅', timeZone: 'Asia/Shanghai', language: 'zh-CN' },
      services: [], windows: [], recentCalls, notices: [],
    },
    {},
  );
}

/** Says every utterance in 4 s of clock time (like one pass of a zh-CN phrase), or fails on demand. */
class TimedPlayer implements Player {
  readonly said: string[] = [];
  blocked = false;
  constructor(private readonly clock: ManualClock) {}
  async play(utterance: Utterance): Promise<void> {
    this.said.push(utterance.text);
    await this.clock.sleep(4_000);
  }
  stop(): void {}
  setVolume(): void {}
  isBlocked(): boolean {
    return this.blocked;
  }
  unlock(): Promise<boolean> {
    return Promise.resolve(!this.blocked);
  }
  dispose(): void {}
}

async function speakerSetup(options: { languages?: ('zh-CN' | 'en')[]; isMuted?: boolean; fails?: boolean } = {}) {
  const clock = new ManualClock();
  const player = new TimedPlayer(clock);
  let changes = 0;
  const speaker = new CallSpeaker({
    repeat: 1, volume: 1, withChime: false, isMuted: options.isMuted ?? false,
    languages: options.languages ?? ['zh-CN'],
    now: () => T + clock.now(), // hub time
    onChange: () => changes++,
    createAnnouncer: (settings) =>
      options.fails === true ? Promise.reject(new Error('no Web Audio')) : Promise.resolve(new Announcer({ ...settings, gapMs: 1_000, player, clock })),
  });
  await flush();
  const progress = (number: string): TicketVoice | undefined => speaker.progress().tickets.get(`t-${number}`);
  return { clock, player, speaker, progress, changes: () => changes };
}

describe('CallSpeaker progress (what the rule is fed)', () => {
  it('follows the queue: speaking, waiting, then done at the hub time the announcement ended', async () => {
    const { clock, speaker, progress, changes } = await speakerSetup();
    speaker.say(call('A002', 1, T));
    speaker.say(call('B001', 2, T + 200));
    await flush();
    expect(speaker.progress().isActive).toBe(true);
    expect(progress('A002')).toEqual({ phase: 'speaking', text: '请 A002 号到 1 号窗口办理' });
    expect(progress('B001')).toEqual({ phase: 'waiting', position: 0 });
    expect(speaker.speaking()).toBe('A002@1');
    await clock.advance(4_000); // A002 ends; 1 s gap before B001
    expect(progress('A002')).toEqual({ phase: 'done', at: T + 4_000 });
    expect(progress('B001')).toEqual({ phase: 'waiting', position: 0 });
    await clock.advance(1_000);
    expect(progress('B001')).toEqual({ phase: 'speaking', text: '请 B001 号到 2 号窗口办理' });
    await clock.advance(4_000);
    expect(progress('B001')).toEqual({ phase: 'done', at: T + 9_000 });
    expect(speaker.spoken()).toEqual(['A002@1', 'B001@2']);
    expect(speaker.speaking()).toBeNull();
    expect(changes()).toBeGreaterThanOrEqual(4); // each start and end re-renders at once
  });

  it('a recall while the first call is being said: marked speaking, then waiting for its own turn', async () => {
    const { clock, speaker, progress } = await speakerSetup();
    speaker.say(call('A002', 1, T));
    await flush();
    speaker.say(call('A002', 1, T + 1_000, { isRecall: true }));
    expect(progress('A002')?.phase).toBe('speaking');
    await clock.advance(4_000);
    expect(progress('A002')).toEqual({ phase: 'waiting', position: 0 });
    await clock.advance(1_000);
    expect(progress('A002')).toEqual({ phase: 'speaking', text: '再次呼叫 请 A002 号到 1 号窗口办理' });
    await clock.advance(4_000);
    expect(progress('A002')).toEqual({ phase: 'done', at: T + 9_000 });
  });

  it('a call for a ticket still waiting keeps one place in the queue, and ends once', async () => {
    const { clock, speaker, progress } = await speakerSetup();
    speaker.say(call('A001', 1, T));
    speaker.say(call('B001', 2, T));
    speaker.say(call('C001', 3, T));
    speaker.say(call('B001', 4, T + 500)); // transferred while waiting: updated in place
    expect(progress('B001')).toEqual({ phase: 'waiting', position: 0 });
    expect(progress('C001')).toEqual({ phase: 'waiting', position: 1 });
    await clock.advance(5_000);
    expect(progress('B001')).toEqual({ phase: 'speaking', text: '请 B001 号到 4 号窗口办理' });
    await clock.advance(20_000);
    expect(speaker.spoken()).toEqual(['A001@1', 'B001@4', 'C001@3']);
    expect([...speaker.progress().tickets.values()].every((v) => v.phase === 'done')).toBe(true);
  });

  it('bilingual: the ticket is being said through both languages and done after the last one', async () => {
    const { clock, speaker, progress } = await speakerSetup({ languages: ['zh-CN', 'en'] });
    speaker.say(call('A012', 3, T));
    expect(progress('A012')).toEqual({ phase: 'speaking', text: '请 A012 号到 3 号窗口办理' });
    await clock.advance(4_000);
    expect(progress('A012')?.phase).toBe('waiting');
    await clock.advance(1_000);
    expect(progress('A012')).toEqual({ phase: 'speaking', text: 'Number A012, please go to window 3' });
    await clock.advance(4_000);
    expect(progress('A012')).toEqual({ phase: 'done', at: T + 9_000 });
  });

  it('is inactive (time rule) when muted, without audio, or while the autoplay policy blocks sound', async () => {
    const muted = await speakerSetup({ isMuted: true });
    muted.speaker.say(call('A001', 1, T));
    expect(muted.speaker.progress()).toEqual({ isActive: false, tickets: new Map() });

    const noAudio = await speakerSetup({ fails: true });
    noAudio.speaker.say(call('A001', 1, T));
    expect(noAudio.speaker.progress().isActive).toBe(false);

    const blocked = await speakerSetup();
    blocked.speaker.say(call('A001', 1, T));
    blocked.player.blocked = true;
    expect(blocked.speaker.progress().isActive).toBe(false);
    blocked.player.blocked = false;
    expect(blocked.speaker.progress().isActive).toBe(true);
  });

  it('calls that arrive while the announcer starts are waiting, in order', async () => {
    const clock = new ManualClock();
    let ready: () => void = () => undefined;
    const speaker = new CallSpeaker({
      repeat: 1, volume: 1, withChime: false, isMuted: false, languages: ['zh-CN'],
      now: () => T + clock.now(), onChange: () => undefined,
      createAnnouncer: (settings) => new Promise((resolve) => (ready = () => resolve(new Announcer({ ...settings, player: new TimedPlayer(clock), clock })))),
    });
    speaker.say(call('A001', 1, T));
    speaker.say(call('B001', 2, T));
    expect(speaker.progress().tickets.get('t-A001')).toEqual({ phase: 'waiting', position: 0 });
    expect(speaker.progress().tickets.get('t-B001')).toEqual({ phase: 'waiting', position: 1 });
    ready();
    await flush();
    expect(speaker.progress().tickets.get('t-A001')?.phase).toBe('speaking');
    expect(speaker.progress().tickets.get('t-B001')).toEqual({ phase: 'waiting', position: 0 });
  });
});
