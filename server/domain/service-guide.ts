/**
 * 一次性告知 on paper: the ticket has room for a line or two, so it names the first materials and points to
 * the phone page (the QR code) for the full list. Pure text building, tested in test/unit/service-guide.test.ts.
 */
import type { ServiceGuide } from '../protocol/layout';

const SHOWN = 3;

/** E.g. 「请带齐：身份证、户口簿、照片等，详见手机」; undefined when the service lists no materials. */
export function guideReminder(guide: ServiceGuide | undefined, language: 'zh-CN' | 'en'): string | undefined {
  const materials = guide?.materials ?? [];
  if (materials.length === 0) return undefined;
  const shown = materials.slice(0, SHOWN);
  const isMore = materials.length > SHOWN;
  if (language === 'en') return `Bring: ${shown.join(', ')}${isMore ? ' and more' : ''}. Full list on your phone (QR code).`;
  return `请带齐：${shown.join('、')}${isMore ? '等' : ''}，详见手机`;
}
