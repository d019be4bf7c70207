/**
 * Which language a staff or pad page starts in: the one its user chose on this device (remembered only
 * when they press the switch), else the hall's configured language (hall.language in GET /api/hall).
 */
import { callApi } from './hub-client';
import type { HallSnapshot, Language } from '../server/protocol/model';

export function chosenLanguage(storageKey: string): Language | undefined {
  const stored = localStorage.getItem(storageKey);
  return stored === 'zh-CN' || stored === 'en' ? stored : undefined;
}

export async function startLanguage(storageKey: string): Promise<Language> {
  const chosen = chosenLanguage(storageKey);
  if (chosen) return chosen;
  const hall = await callApi<HallSnapshot>('/api/hall', { retries: 3 }).catch(() => undefined);
  return hall?.hall.language ?? 'zh-CN';
}
