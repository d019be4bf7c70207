/** 办事指南 in the layout form's draft (manager-ui/layout-form.ts): lines in, the config file's shape out. */
import { describe, expect, it } from 'vitest';
import { fromDraft, locateHubProblems, toDraft, updateService, type Layout } from '../../manager-ui/layout-form';
import { layoutRefusalWords } from '../../manager-ui/layout-words';

const layout = (): Layout => ({
  services: [
    { id: 'A', name: '综合受理', prefix: 'A', rangeStart: 1, rangeEnd: 999, serviceMinutes: 6, waitLimitMinutes: 30, serviceLimitMinutes: 15, hours: [] },
    {
      id: 'C', name: '不动产登记', prefix: 'C', rangeStart: 1, rangeEnd: 999, serviceMinutes: 15, waitLimitMinutes: 45, serviceLimitMinutes: 30, hours: [],
      guide: { materials: ['申请书', '身份证'], basis: '条例', promiseDays: 5, fees: '80元', notes: '委托办理另带委托书' },
    },
  ],
  windows: [{ id: 'w1', number: 1, services: [{ serviceId: 'A', weight: 1 }] }],
});

const body = (draft: ReturnType<typeof toDraft>) => {
  const result = fromDraft(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.layout;
};

describe('办事指南 in the layout draft', () => {
  it('shows the materials one per line and sends back exactly what it got when nothing is edited', () => {
    const draft = toDraft(layout());
    expect(draft.services[1]).toMatchObject({ materials: '申请书\n身份证', basis: '条例', promiseDays: '5', fees: '80元' });
    expect(body(draft)).toEqual(layout());
  });

  it('reads one material per non-empty line, trimmed; an empty promised time and empty texts leave those out; notes ride along', () => {
    let draft = toDraft(layout());
    draft = updateService(draft, 1, 'materials', ' 申请书 \r\n\n 身份证\n 完税凭证 \n');
    draft = updateService(draft, 1, 'promiseDays', '');
    draft = updateService(draft, 1, 'basis', '  ');
    draft = updateService(draft, 1, 'fees', '不收费');
    expect(JSON.parse(JSON.stringify(body(draft).services[1]?.guide))).toEqual({ materials: ['申请书', '身份证', '完税凭证'], fees: '不收费', notes: '委托办理另带委托书' });
  });

  it('writes a first guide for a service without one, and none while every field stays empty', () => {
    expect(body(toDraft(layout())).services[0]).not.toHaveProperty('guide');
    const draft = updateService(toDraft(layout()), 0, 'promiseDays', '０');
    expect(body(draft).services[0]?.guide).toEqual({ materials: [], promiseDays: 0 });
  });

  it('marks a promised time that is not a whole number, without asking the hub', () => {
    const result = fromDraft(updateService(toDraft(layout()), 1, 'promiseDays', '五天'));
    expect(result).toEqual({ ok: false, problems: [{ path: 'services/1/promiseDays', code: 'not-integer' }] });
  });

  it('points the hub\'s schema refusal at the guide field, in words', () => {
    const message = 'The request is not valid: body/services/1/guide/materials/2 must NOT have more than 80 characters.';
    expect(locateHubProblems(message)).toEqual([{ path: 'services/1/materials', text: '/services/1/guide/materials/2 must NOT have more than 80 characters' }]);
    expect(layoutRefusalWords(message, 'zh-CN')).toBe('事项与窗口设置有误：第 2 个事项的所需材料：不能超过 80 个字');
    expect(layoutRefusalWords('The layout is not valid: /services/0/department unknown department polise, did you mean "police"? (known: police).', 'zh-CN')).toBe(
      '事项与窗口设置有误：第 1 个事项的所属部门：没有编号为 polise 的部门',
    );
  });
});
