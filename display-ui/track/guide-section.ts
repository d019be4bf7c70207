/**
 * 一次性告知 on the visitor's phone (issue 18 item 4): the full 办事指南 of the ticket's service — every
 * material, the basis, 承诺时限 and fees — while the visitor waits, so a missing document can still be fetched.
 * Its own words here (zh-CN and en); the hub sends the guide inside TrackView.
 */
import type { ServiceGuide } from '../../server/protocol/layout';

const WORDS = {
  'zh-CN': {
    title: '办事指南：请带齐以下材料', basis: '办理依据', fees: '收费标准', notes: '温馨提示', sep: '：',
    promise: (d: number) => (d === 0 ? '即来即办' : `${d} 个工作日`), promiseLabel: '承诺时限',
  },
  en: {
    title: 'What to bring', basis: 'Legal basis', fees: 'Fees', notes: 'Please note', sep: ': ',
    promise: (d: number) => (d === 0 ? 'done while you wait' : `${d} working days`), promiseLabel: 'Time limit',
  },
} as const;

export function guideSection(guide: ServiceGuide | undefined, isEnglish: boolean): HTMLElement | undefined {
  if (!guide || guide.materials.length === 0) return undefined;
  const w = WORDS[isEnglish ? 'en' : 'zh-CN'];
  const section = document.createElement('section');
  section.className = 'guide';
  section.dataset.testid = 'guide';
  const title = document.createElement('h2');
  title.textContent = w.title;
  const list = document.createElement('ol');
  for (const m of guide.materials) {
    const li = document.createElement('li');
    li.textContent = m;
    list.append(li);
  }
  section.append(title, list);
  const facts: Array<[string, string | undefined]> = [
    [w.promiseLabel, guide.promiseDays === undefined ? undefined : w.promise(guide.promiseDays)],
    [w.fees, guide.fees],
    [w.basis, guide.basis],
    [w.notes, guide.notes],
  ];
  for (const [label, value] of facts) {
    if (value === undefined) continue;
    const p = document.createElement('p');
    p.className = 'guide-fact';
    p.textContent = `${label}${w.sep}${value}`;
    section.append(p);
  }
  return section;
}
