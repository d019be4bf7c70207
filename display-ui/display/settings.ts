/**
 * The wall display's settings, read once from its URL (/display?service=A,B&area=一楼&windows=1,2&mute=1…).
 * Pure: takes the query string, answers a frozen value; unknown or malformed values fall back to defaults
 * so a typo on an unattended screen never leaves it blank.
 */
import type { Language } from '../../server/protocol/model';
import type { VoiceLanguage } from '../voice/announcement';
import type { DisplayFilter } from './filters';

export interface DisplaySettings {
  readonly filter: DisplayFilter;
  /** Screen language; undefined = the hall's language from the snapshot. */
  readonly language: Language | undefined;
  /** Languages each call is announced in, in order (lang=zh-CN,en for a bilingual hall). */
  readonly voiceLanguages: readonly VoiceLanguage[] | undefined;
  readonly isMuted: boolean;
  readonly repeat: number;
  readonly volume: number;
  readonly withChime: boolean;
  /** How long a call stays large in the "now calling" panel. */
  readonly highlightMs: number;
  /** Calls replayed after a reconnect are announced only if younger than this; older ones are just listed. */
  readonly announceWithinMs: number;
  /** Rows in the recent-calls list (the panel is sized for 1080p; 4K scales with the viewport). */
  readonly rows: number;
}

const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export function parseDisplaySettings(search: string): DisplaySettings {
  const params = new URLSearchParams(search);
  const langs = list(params.get('lang')).filter((l): l is Language => (LANGUAGES as readonly string[]).includes(l));
  const windows = list(params.get('windows'))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const services = list(params.get('service') ?? params.get('services'));
  const areas = list(params.get('area') ?? params.get('areas'));
  return Object.freeze({
    filter: Object.freeze({
      services: services.length > 0 ? new Set(services) : undefined,
      areas: areas.length > 0 ? new Set(areas) : undefined,
      windowNumbers: windows.length > 0 ? new Set(windows) : undefined,
    }),
    language: langs[0],
    voiceLanguages: langs.length > 0 ? langs : undefined,
    isMuted: isOn(params.get('mute')),
    repeat: clampInt(params.get('repeat'), 1, 5, 2),
    volume: clampNumber(params.get('volume'), 0, 1, 1),
    withChime: params.get('chime') === null ? true : isOn(params.get('chime')),
    highlightMs: clampInt(params.get('highlight'), 2, 120, 10) * 1000,
    announceWithinMs: clampInt(params.get('announceWithin'), 0, 3600, 120) * 1000,
    rows: clampInt(params.get('rows'), 3, 20, 8),
  });
}

function list(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function isOn(value: string | null): boolean {
  return value !== null && ['1', 'true', 'yes', 'on', ''].includes(value.toLowerCase());
}

function clampNumber(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function clampInt(value: string | null, min: number, max: number, fallback: number): number {
  return Math.round(clampNumber(value, min, max, fallback));
}
