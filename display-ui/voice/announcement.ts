/**
 * Announcement builder: turns a call into the clip ids a voice pack plays, and into text for
 * the screen and for Web Speech. Pure: no DOM, no audio.
 */
import { readChineseQuantity, readEnglishQuantity, readTicketCharacters } from './number-words';

/** Languages with a builder and a shipped voice pack. */
export const VOICE_LANGUAGES = ['zh-CN', 'en'] as const;
export type VoiceLanguage = (typeof VOICE_LANGUAGES)[number];

/** One call to announce. */
export interface CallToAnnounce {
  /** Ticket number as printed, e.g. "A012"; letters and digits only. */
  readonly ticketNumber: string;
  /** Window (counter) number, 1..999. */
  readonly windowNumber: number;
  /** True when a window calls the same ticket again: the phrase gets a "calling again" prefix. */
  readonly isRecall: boolean;
  readonly language: VoiceLanguage;
}

/** Options for {@link buildAnnouncement}. */
export interface BuildAnnouncementOptions {
  /** Prepend the "chime" clip. The announcer adds it once per announcement, not per repeat. */
  readonly withChime?: boolean;
}

/** Clip id of the attention chime; present in every pack. */
export const CHIME_CLIP = 'chime';

/**
 * Clip ids for one announcement, in playing order.
 *
 * zh-CN: 「(再次呼叫) 请 A 零 一 二 号 到 三 号 窗口 办理」
 * en: "(Calling again) Number A 0 1 2, please go to window three"
 * @throws RangeError on a malformed ticket number or a window outside 1..999 (caller bugs).
 */
export function buildAnnouncement(call: CallToAnnounce, options: BuildAnnouncementOptions = {}): string[] {
  const ticket = readTicketCharacters(call.ticketNumber);
  const chime = options.withChime === true ? [CHIME_CLIP] : [];
  if (call.language === 'en') {
    const recall = call.isRecall ? ['calling-again'] : [];
    return [...chime, ...recall, 'number', ...ticket, 'please-go-to-window', ...readEnglishQuantity(call.windowNumber)];
  }
  const recall = call.isRecall ? ['zai-ci-hu-jiao'] : [];
  return [
    ...chime,
    ...recall,
    'qing',
    ...ticket,
    'hao',
    'dao',
    ...readChineseQuantity(call.windowNumber),
    'hao',
    'chuang-kou',
    'ban-li',
  ];
}

/**
 * The phrase as the display shows it: 「请 A012 号到 3 号窗口办理」, "Number A012, please go to window 3".
 * Not suitable for speech engines, which read "A101" as a quantity: use {@link buildSpeechText}.
 */
export function buildAnnouncementText(call: CallToAnnounce): string {
  const ticket = readTicketCharacters(call.ticketNumber).join('');
  const window = String(call.windowNumber);
  if (call.language === 'en') {
    return `${call.isRecall ? 'Calling again: ' : ''}Number ${ticket}, please go to window ${window}`;
  }
  return `${call.isRecall ? '再次呼叫 ' : ''}请 ${ticket} 号到 ${window} 号窗口办理`;
}

const CHINESE_DIGITS = '零一二三四五六七八九';

/**
 * Text for a speech engine (Web Speech fallback), spelling ticket digits one by one so the
 * engine cannot read them as a quantity: 「请 A 零一二 号到 3 号窗口办理」. Window numbers stay
 * numerals, which engines read as quantities, as wanted.
 */
export function buildSpeechText(call: CallToAnnounce): string {
  const chars = readTicketCharacters(call.ticketNumber);
  const window = String(call.windowNumber);
  if (call.language === 'en') {
    const spelt = chars.join(' ');
    return `${call.isRecall ? 'Calling again. ' : ''}Number ${spelt}. Please go to window ${window}.`;
  }
  const ordered = chars
    .map((c) => (isDigit(c) ? (CHINESE_DIGITS[Number(c)] ?? c) : ` ${c} `))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return `${call.isRecall ? '再次呼叫，' : ''}请 ${ordered} 号到 ${window} 号窗口办理`;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
