/**
 * Entry of the wall display (/display). Wires the hub client (sync by sequence number), the pure state
 * reducer, the view and the voice; see docs/display.md for the URL parameters.
 */
import { HubClient, type ConnectionState } from '../../ui-client/hub-client';
import { pageTerminalId, pageTerminalName, TerminalReporter } from '../../ui-client/terminal-health';
import type { CallView, Language } from '../../server/protocol/model';
import type { VoiceLanguage } from '../voice';
import { visibleServices } from './filters';
import { displayTexts } from './i18n';
import { parseDisplaySettings } from './settings';
import { CallSpeaker } from './speaker';
import { applyEvent, applyQueues, fromSnapshot, isFreshCall, type DisplayState } from './state';
import { heroCalls, NO_VOICE, type HeroCall } from './now-calling';
import { DisplayView, HERO_SLOTS } from './view';
import { installDebugHook } from './debug-hook';
import { ClockText } from './clock-text';
import './display.css';

const settings = parseDisplaySettings(location.search);
const root = document.getElementById('app') ?? document.body;
const view = new DisplayView(root, settings.rows);
const clockText = new ClockText();
let state: DisplayState | undefined;
let connection: ConnectionState = 'connecting';
/** Hub clock minus this screen's clock, from the last snapshot: "fresh" and "now calling" use hub time. */
let hubOffsetMs = 0;
let speaker: CallSpeaker | undefined;
let isRenderScheduled = false;

const hubNow = (): number => Date.now() + hubOffsetMs;
const language = (): Language => settings.language ?? state?.language ?? 'zh-CN';

function ensureSpeaker(hallLanguage: Language): CallSpeaker {
  speaker ??= new CallSpeaker({
    repeat: settings.repeat,
    volume: settings.volume,
    withChime: settings.withChime,
    isMuted: settings.isMuted,
    languages: (settings.voiceLanguages ?? [hallLanguage]) satisfies readonly VoiceLanguage[],
    now: hubNow,
    // An announcement starting or ending changes "now calling" (which card is marked, which may leave).
    onChange: scheduleRender,
  });
  return speaker;
}

const client = new HubClient('public', {
  clock(now) {
    // Re-read at every resync: "recent" must follow the hub's clock, which may have moved while away.
    hubOffsetMs = now - Date.now();
  },
  snapshot(snapshot) {
    state = fromSnapshot(snapshot, settings.filter);
    // A snapshot is a resync: its calls are listed, not announced (they may be long past).
    ensureSpeaker(snapshot.hall.language);
    scheduleRender();
  },
  event(event) {
    if (!state) return;
    const reduction = applyEvent(state, event, settings.filter);
    state = reduction.state;
    // Live calls are always fresh; calls replayed after an outage are announced only while still recent.
    for (const call of reduction.calls) if (isFreshCall(call, hubNow(), settings.announceWithinMs)) speaker?.say(call);
    scheduleRender();
  },
  queues(services) {
    if (!state) return;
    state = applyQueues(state, services);
    scheduleRender();
  },
  connection(next) {
    connection = next;
    scheduleRender();
  },
});

// Terminal health: managers see this screen online or dark, its build, and whether its voice works; 「刷新页面」 reloads it.
const terminal = new TerminalReporter(client.socket, { kind: 'display', id: pageTerminalId('display'), name: pageTerminalName() });

function serviceName(id: string): string {
  const service = state?.services.find((s) => s.id === id);
  if (!service) return id;
  return language() === 'en' ? service.nameEn : service.name;
}

/** "Now calling": the calls, the hub's clock and where the voice is (see now-calling.ts). */
function hero(): HeroCall[] {
  if (!state) return [];
  return heroCalls(state.recent, hubNow(), speaker?.progress() ?? NO_VOICE, {
    highlightMs: settings.highlightMs,
    max: HERO_SLOTS,
    isOnline: connection === 'online',
  });
}

function render(): void {
  isRenderScheduled = false;
  const texts = displayTexts(language());
  if (document.documentElement.lang !== language()) {
    document.documentElement.lang = language();
    document.title = `${texts.title} · hallq`;
  }
  const recent: readonly CallView[] = state?.recent.slice(0, settings.rows) ?? [];
  view.render({
    hallName: state?.hallName ?? '',
    texts,
    hero: hero(),
    recent,
    services: state ? visibleServices(settings.filter, state.services, state.windows) : [],
    notices: state?.notices ?? [],
    connection,
    isSoundBlocked: speaker?.isBlocked() ?? false,
    isMuted: speaker?.isMuted() ?? settings.isMuted,
    serviceName,
  });
  terminal.fault('speech-unavailable', speaker?.voiceState() === 'unavailable');
  terminal.fault('sound-blocked', !settings.isMuted && (speaker?.isBlocked() ?? false));
  const clock = clockText.format(hubNow(), language(), state?.timeZone);
  view.renderClock(clock.time, clock.date);
}

/** Coalesces a burst of facts (a replay, back-to-back calls) into one DOM update. */
function scheduleRender(): void {
  if (isRenderScheduled) return;
  isRenderScheduled = true;
  setTimeout(render, 0);
}

// Every second: the clock, and "now calling" entries expiring on time (announcements re-render at once).
setInterval(render, 1000);
// How many recent rows fit whole changes with the screen's size and once the CJK fonts have loaded.
addEventListener('resize', scheduleRender);
void document.fonts?.ready.then(scheduleRender);
// A staff member's tap satisfies the autoplay policy when the kiosk browser was started without the flag.
document.addEventListener('pointerdown', () => speaker?.unlock());
document.addEventListener('keydown', () => speaker?.unlock());

installDebugHook({
  announced: () => speaker?.announced() ?? [],
  spoken: () => speaker?.spoken() ?? [],
  pending: () => speaker?.pending() ?? 0,
  speaking: () => speaker?.speaking() ?? null,
  snapshot: () => {
    const cards = hero();
    return {
      seq: client.seq ?? null,
      connection,
      recent: (state?.recent ?? []).map((c) => c.number),
      hero: cards.map((h) => h.call.number),
      heroSpeaking: cards.find((h) => h.voice === 'speaking')?.call.number ?? null,
      voice: speaker?.voiceState() ?? 'starting',
    };
  },
});
render();
