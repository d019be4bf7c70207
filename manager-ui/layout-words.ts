/**
 * The hub's layout refusals in Chinese. The hub checks a layout with the config file's own rules and names
 * each problem in English with its path (server/config.ts); the zh-CN console says the same in words, by
 * the shape of each sentence. A sentence of an unknown shape (a newer hub) reads as 「此项填写有误」.
 */
import type { Lang } from './i18n';
import type { EmptyKioskDetail, ErrorDetails } from '../server/protocol/errors';

const SERVICE_FIELDS: Record<string, string> = {
  id: '编号', name: '名称', nameEn: '英文名称', prefix: '号码字头', rangeStart: '起始号', rangeEnd: '结束号', hours: '办理时段', dailyCap: '每日限号',
  serviceMinutes: '预计办理时间', waitLimitMinutes: '等候时限', serviceLimitMinutes: '办理时限', services: '办理事项', number: '窗口号', area: '区域',
  guide: '办事指南', department: '所属部门', materials: '所需材料', basis: '办理依据', promiseDays: '承诺时限', fees: '收费标准', notes: '温馨提示',
};

const WHAT: Record<string, string> = {
  'service id': '事项编号', 'ticket prefix': '号码字头', 'window id': '窗口编号', 'window number': '窗口号', 'department id': '部门编号',
};

const SECTIONS: Record<string, string> = { services: '事项', windows: '窗口', departments: '部门', kiosks: '取号机' };

/** `/services/2` → 「第 3 个事项」. */
function placeOf(path: string): string {
  // `services/0/guide/materials/1` is named by the guide's field: 「第 1 个事项的所需材料」.
  const m = /\/?(services|windows|departments|kiosks)\/(\d+)(?:\/([A-Za-z]+))?/.exec(path.replace(/\/guide\/([A-Za-z]+)/, '/$1'));
  if (!m) return '';
  const [, section = '', index, field] = m;
  const where = `第 ${Number(index) + 1} 个${SECTIONS[section] ?? ''}`;
  return field && SERVICE_FIELDS[field] ? `${where}的${SERVICE_FIELDS[field]}` : where;
}

/** One problem ("/services/1 ticket prefix A is also used at /services/0") in words. */
export function layoutProblemWords(problem: string, lang: Lang): string {
  const text = problem.trim().replace(/\.$/, '');
  if (lang === 'en') return text;
  const path = /^(?:body)?\/?((services|windows|departments|kiosks)\/\d+(?:\/[A-Za-z]+|\/\d+)*)\s*/.exec(text);
  const rest = path ? text.slice(path[0].length) : text;
  const where = path ? placeOf(path[1] ?? '') : '';
  const prefix = where ? `${where}：` : '';
  let m: RegExpExecArray | null;
  if ((m = /^(service id|ticket prefix|window id|window number|department id) (\S+) is also used at (\S+)$/.exec(rest))) return `${prefix}${WHAT[m[1] ?? ''] ?? ''} ${m[2]} 与${placeOf(m[3] ?? '')}重复`;
  if ((m = /^rangeStart (\d+) is after rangeEnd (\d+)$/.exec(rest))) return `${prefix}起始号 ${m[1]} 大于结束号 ${m[2]}`;
  if ((m = /^opening (\S+) is not before closing (\S+)$/.exec(rest))) return `${prefix}开始时间 ${m[1]} 不早于结束时间 ${m[2]}`;
  if ((m = /^unknown service (\S+)$/.exec(rest))) return `${prefix}没有编号为 ${m[1]} 的事项`;
  if ((m = /^unknown department ([^\s,]+)/.exec(rest))) return `${prefix}没有编号为 ${m[1]} 的部门`;
  if ((m = /^unknown kiosk (\S+)/.exec(rest))) return `${prefix}没有编号为 ${m[1]} 的取号机（取号机在 hallq.yaml 中添加）`;
  if (/^is required but missing$/.test(rest)) return `${prefix}必填`;
  // The schema's own words (the PUT body is checked with the config file's schema before the config rules).
  if ((m = /^must NOT have more than (\d+) characters$/.exec(rest))) return `${prefix}不能超过 ${m[1]} 个字`;
  if ((m = /^must NOT have more than (\d+) items$/.exec(rest))) return `${prefix}最多 ${m[1]} 项`;
  if ((m = /^Service (\S+) still has tickets in the queue \((\S+)\)/.exec(rest))) return `事项 ${m[1]} 还有等候的号码（${m[2]}），请办完后再删除`;
  if ((m = /^Window (\S+) is in use/.exec(rest))) return `窗口 ${m[1]} 正在使用，请先关窗再删除`;
  if (/^unknown key/.test(rest)) return `${prefix}有无法识别的字段`;
  return `${prefix}此项填写有误`;
}

/** A limited kiosk the edit would leave with nothing to offer, from the refusal's facts (not its English). */
function emptyKioskWords(k: EmptyKioskDetail): string {
  const offers = k.offers.map((o) => `${o.kind === 'department' ? '部门' : '事项'}「${o.name ?? o.id}」`);
  return `取号机「${k.kioskName ?? k.kiosk}」只办理${offers.join('、')}，这样改后它将没有可取号的事项：请至少保留其中一个事项`;
}

/**
 * The hub's whole refusal ("The layout is not valid: p1; p2.") as one sentence in words: from its `details` when
 * the hub sends them (one problem each), else from the sentence split at its semicolons (a schema refusal).
 */
export function layoutRefusalWords(message: string, lang: Lang, details?: ErrorDetails): string {
  if (lang === 'en') return message;
  const parts = details?.problems
    ? details.problems.map((p) => (p.emptyKiosk ? emptyKioskWords(p.emptyKiosk) : layoutProblemWords(`${p.path} ${p.message}`, lang)))
    : message.replace(/^The (layout|request) is not valid:\s*/, '').split(/;\s*/).filter(Boolean).map((p) => layoutProblemWords(p, lang));
  return `事项与窗口设置有误：${parts.join('；')}`;
}
