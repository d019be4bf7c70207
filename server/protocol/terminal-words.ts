/**
 * Terminal health in words (zh-CN first, English as an option): kinds, states, self-reported faults and the
 * 故障分级 with its response target, for the manager console's 终端 tab and the audit log. Typed by the code
 * lists of protocol/terminals.ts, so a new kind or fault without words fails to compile. Browser-safe.
 */
import type { Language } from './model';
import type { FaultGrade, FaultResponseTarget, FaultResponseTargets, TerminalFaultCode, TerminalKind } from './terminals';

export interface TerminalWords {
  readonly kinds: Readonly<Record<TerminalKind, string>>;
  readonly faults: Readonly<Record<TerminalFaultCode, string>>;
  readonly online: string;
  readonly dark: string;
  readonly faultEnded: string;
  /** 「B级 · 2小时内响应」, with the hall's targets (policy.faultResponse, sent with the terminal list). */
  readonly grade: (grade: FaultGrade, targets: FaultResponseTargets) => string;
}

function target(t: FaultResponseTarget, lang: Language): string {
  if (t.workingDays !== undefined) return lang === 'en' ? `respond within ${t.workingDays} working day${t.workingDays === 1 ? '' : 's'}` : `${t.workingDays}个工作日内响应`;
  const minutes = t.minutes ?? 0;
  if (minutes % 60 === 0) return lang === 'en' ? `respond within ${minutes / 60} h` : `${minutes / 60}小时内响应`;
  return lang === 'en' ? `respond within ${minutes} min` : `${minutes}分钟内响应`;
}

export const TERMINAL_WORDS: Readonly<Record<Language, TerminalWords>> = {
  'zh-CN': {
    kinds: { display: '大厅显示屏', kiosk: '取号机页面', pad: '评价平板', clerk: '窗口电脑' },
    faults: {
      'speech-unavailable': '语音播报不可用', 'sound-blocked': '声音被浏览器阻止', 'printer-unreachable': '取号机连不上打印机',
      'id-reader-unreachable': '取号机连不上身份证读卡器', 'page-error': '页面出错',
    },
    online: '在线',
    dark: '离线',
    faultEnded: '已恢复',
    grade: (g, targets) => `${g}级 · ${target(targets[g], 'zh-CN')}`,
  },
  en: {
    kinds: { display: 'Wall display', kiosk: 'Kiosk page', pad: 'Rating tablet', clerk: 'Clerk PC' },
    faults: {
      'speech-unavailable': 'speech unavailable', 'sound-blocked': 'sound blocked by the browser', 'printer-unreachable': 'printer unreachable from the kiosk',
      'id-reader-unreachable': 'ID card reader unreachable from the kiosk', 'page-error': 'page error',
    },
    online: 'Online',
    dark: 'Dark',
    faultEnded: 'recovered',
    grade: (g, targets) => `grade ${g} · ${target(targets[g], 'en')}`,
  },
};

/** A terminal kind in words; an unknown code (an older log entry) reads as 「终端」, never as the code. */
export function terminalKindWord(kind: string, lang: Language): string {
  const kinds = TERMINAL_WORDS[lang].kinds;
  if (Object.hasOwn(kinds, kind)) return kinds[kind as TerminalKind];
  return lang === 'en' ? 'Terminal' : '终端';
}
