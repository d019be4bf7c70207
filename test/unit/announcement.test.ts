import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildAnnouncement,
  buildAnnouncementText,
  buildSpeechText,
  CHIME_CLIP,
  VOICE_LANGUAGES,
  type CallToAnnounce,
  type VoiceLanguage,
} from '../../display-ui/voice/announcement';
import { MAX_WINDOW_NUMBER, readChineseQuantity, readEnglishQuantity } from '../../display-ui/voice/number-words';
import { parseVoicePackManifest } from '../../display-ui/voice/voice-pack';

function zh(ticketNumber: string, windowNumber: number, isRecall = false): CallToAnnounce {
  return { ticketNumber, windowNumber, isRecall, language: 'zh-CN' };
}

function en(ticketNumber: string, windowNumber: number, isRecall = false): CallToAnnounce {
  return { ticketNumber, windowNumber, isRecall, language: 'en' };
}

describe('buildAnnouncement zh-CN', () => {
  it('reads 请 A012 号到 3 号窗口办理 with ticket digits one by one', () => {
    expect(buildAnnouncement(zh('A012', 3))).toEqual([
      'qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'hao', 'chuang-kou', 'ban-li',
    ]);
  });

  it('puts the chime first only when asked', () => {
    expect(buildAnnouncement(zh('A012', 3), { withChime: true })[0]).toBe(CHIME_CLIP);
    expect(buildAnnouncement(zh('A012', 3))).not.toContain(CHIME_CLIP);
  });

  it('reads zeros in tickets as 零, never as a quantity (A100, B007, A101)', () => {
    expect(buildAnnouncement(zh('A100', 1)).slice(1, 5)).toEqual(['A', '1', '0', '0']);
    expect(buildAnnouncement(zh('B007', 1)).slice(1, 5)).toEqual(['B', '0', '0', '7']);
    expect(buildAnnouncement(zh('A101', 1)).slice(1, 5)).toEqual(['A', '1', '0', '1']);
  });

  it('accepts lower-case and multi-letter prefixes', () => {
    expect(buildAnnouncement(zh('vip03', 2)).slice(1, 6)).toEqual(['V', 'I', 'P', '0', '3']);
  });

  it('prefixes a recall with 再次呼叫', () => {
    expect(buildAnnouncement(zh('A012', 3, true)).slice(0, 2)).toEqual(['zai-ci-hu-jiao', 'qing']);
  });

  it('refuses malformed tickets and windows', () => {
    expect(() => buildAnnouncement(zh('A-12', 3))).toThrow(RangeError);
    expect(() => buildAnnouncement(zh('', 3))).toThrow(RangeError);
    expect(() => buildAnnouncement(zh('A012', 0))).toThrow(RangeError);
    expect(() => buildAnnouncement(zh('A012', 1000))).toThrow(RangeError);
    expect(() => buildAnnouncement(zh('A012', 2.5))).toThrow(RangeError);
  });
});

describe('readChineseQuantity (window numbers)', () => {
  it.each([
    [3, ['3']],
    [10, ['shi']],
    [12, ['shi', '2']],
    [20, ['2', 'shi']],
    [21, ['2', 'shi', '1']],
    [99, ['9', 'shi', '9']],
    [100, ['1', 'bai']],
    [101, ['1', 'bai', '0', '1']],
    [110, ['1', 'bai', '1', 'shi']],
    [112, ['1', 'bai', '1', 'shi', '2']],
    [120, ['1', 'bai', '2', 'shi']],
    [305, ['3', 'bai', '0', '5']],
    [999, ['9', 'bai', '9', 'shi', '9']],
  ])('%i', (n, ids) => {
    expect(readChineseQuantity(n)).toEqual(ids);
  });

  it('is placed between 到 and 号窗口', () => {
    expect(buildAnnouncement(zh('A1', 21)).slice(4)).toEqual(['dao', '2', 'shi', '1', 'hao', 'chuang-kou', 'ban-li']);
  });
});

describe('English', () => {
  it('reads "Number A 0 1 2, please go to window three"', () => {
    expect(buildAnnouncement(en('A012', 3))).toEqual(['number', 'A', '0', '1', '2', 'please-go-to-window', '3']);
  });

  it('prefixes a recall with "Calling again"', () => {
    expect(buildAnnouncement(en('A012', 3, true))[0]).toBe('calling-again');
  });

  it.each([
    [12, ['12']],
    [20, ['20']],
    [21, ['20', '1']],
    [100, ['1', 'hundred']],
    [101, ['1', 'hundred', '1']],
    [110, ['1', 'hundred', '10']],
    [342, ['3', 'hundred', '40', '2']],
  ])('window %i', (n, ids) => {
    expect(readEnglishQuantity(n)).toEqual(ids);
  });
});

describe('text forms', () => {
  it('display text', () => {
    expect(buildAnnouncementText(zh('A012', 3))).toBe('请 A012 号到 3 号窗口办理');
    expect(buildAnnouncementText(zh('a012', 3, true))).toBe('再次呼叫 请 A012 号到 3 号窗口办理');
    expect(buildAnnouncementText(en('A012', 12))).toBe('Number A012, please go to window 12');
  });

  it('speech text spells ticket digits so engines cannot read 101 as 一百零一', () => {
    expect(buildSpeechText(zh('A101', 3))).toBe('请 A 一零一 号到 3 号窗口办理');
    expect(buildSpeechText(zh('B007', 12, true))).toBe('再次呼叫，请 B 零零七 号到 12 号窗口办理');
    expect(buildSpeechText(en('A012', 3))).toBe('Number A 0 1 2. Please go to window 3.');
  });
});

describe('shipped voice packs', () => {
  const packRoot = join(import.meta.dirname, '../../display-ui/public/voice');

  function loadPack(language: VoiceLanguage): { clips: Readonly<Record<string, string>>; dir: string } {
    const dir = join(packRoot, language);
    const manifest = parseVoicePackManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.language).toBe(language);
    return { clips: manifest.clips, dir };
  }

  function everyEmittableId(language: VoiceLanguage): Set<string> {
    const ids = new Set<string>();
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let window = 1; window <= MAX_WINDOW_NUMBER; window += 1) {
      const call = { ticketNumber: 'A0123456789', windowNumber: window, isRecall: true, language };
      for (const id of buildAnnouncement(call, { withChime: true })) ids.add(id);
    }
    for (const letter of letters) {
      const call = { ticketNumber: `${letter}1`, windowNumber: 1, isRecall: false, language };
      for (const id of buildAnnouncement(call)) ids.add(id);
    }
    return ids;
  }

  it.each(VOICE_LANGUAGES)('%s has a manifest entry and a WAV file for every clip the builder emits', (language) => {
    const { clips, dir } = loadPack(language);
    const missing: string[] = [];
    for (const id of everyEmittableId(language)) {
      const file = clips[id];
      if (file === undefined || !existsSync(join(dir, file))) missing.push(id);
    }
    expect(missing).toEqual([]);
  });

  it.each(VOICE_LANGUAGES)('%s clips are mono 16-bit PCM WAV', (language) => {
    const { clips, dir } = loadPack(language);
    for (const file of Object.values(clips)) {
      const header = readFileSync(join(dir, file)).subarray(0, 36);
      expect(header.toString('ascii', 0, 4), file).toBe('RIFF');
      expect(header.toString('ascii', 8, 12), file).toBe('WAVE');
      expect(header.readUInt16LE(22), `${file} channels`).toBe(1);
      expect(header.readUInt16LE(34), `${file} bits`).toBe(16);
    }
  });
});
