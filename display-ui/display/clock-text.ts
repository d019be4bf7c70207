/**
 * The header clock in the hall's time zone. Intl formatters are costly to build, so they are made once
 * per language and zone, not every second (the page ticks for months).
 */
import type { Language } from '../../server/protocol/model';

export class ClockText {
  private key = '';
  private timeFormat: Intl.DateTimeFormat | undefined;
  private dateFormat: Intl.DateTimeFormat | undefined;

  format(at: number, language: Language, timeZone: string | undefined): { time: string; date: string } {
    const key = `${language}|${timeZone ?? ''}`;
    if (key !== this.key || !this.timeFormat || !this.dateFormat) {
      this.key = key;
      this.timeFormat = new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
      this.dateFormat = new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
    }
    return { time: this.timeFormat.format(at), date: this.dateFormat.format(at) };
  }
}
