/**
 * The layout form's model: opening hours as text both ways, the PUT body built on the hub's own objects
 * (fields the form does not show survive), order and weight changes, defaults of added rows, format
 * problems, and where the hub's refusal points.
 */
import { describe, expect, it } from 'vitest';
import {
  addService,
  addWindow,
  addWindowService,
  formatHours,
  fromDraft,
  hasOrderWeights,
  locateHubProblems,
  moveWindowService,
  NEW_SERVICE,
  parseDecimal,
  parseHours,
  parseWhole,
  removeService,
  removeWindow,
  removeWindowService,
  servicesNotIn,
  toDraft,
  updateService,
  updateWeight,
  updateWindow,
  type Layout,
  type LayoutDraft,
} from '../../manager-ui/layout-form';
import { addDepartment, chooseForKiosk, moveDepartment, removeDepartment, setKioskLimited, updateDepartment } from '../../manager-ui/layout-departments';

/** What GET /api/admin/layout answers for a small hall (weights always explicit), plus a field from a newer hub. */
function hubLayout(): Layout {
  return {
    services: [
      { id: 'A', name: '综合受理', nameEn: 'General affairs', prefix: 'A', rangeStart: 1, rangeEnd: 999, serviceMinutes: 6, waitLimitMinutes: 30, serviceLimitMinutes: 15, hours: [] },
      {
        id: 'B', name: '社保医保', nameEn: 'Social insurance', prefix: 'B', rangeStart: 100, rangeEnd: 499, serviceMinutes: 8.5, waitLimitMinutes: 30, serviceLimitMinutes: 20,
        dailyCap: 200, hours: [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:00' }], futureField: { keep: true },
      },
    ],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口', area: '一楼', services: [{ serviceId: 'A', weight: 1 }] },
      { id: 'w2', number: 2, name: '2号窗口', area: '二楼', services: [{ serviceId: 'B', weight: 2 }, { serviceId: 'A', weight: 1 }] },
      { id: 'w5', number: 5, area: '一楼', services: [{ serviceId: 'A', weight: 1 }, { serviceId: 'B', weight: 1 }] },
    ],
  };
}

function body(draft: LayoutDraft): Layout {
  const result = fromDraft(draft);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.layout;
}

describe('opening hours as text', () => {
  it('formats the hub periods and reads them back', () => {
    const hours = [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:00' }];
    expect(formatHours(hours)).toBe('08:30-12:00, 13:30-17:00');
    expect(parseHours(formatHours(hours))).toEqual({ ok: true, hours });
    expect(formatHours([])).toBe('');
    expect(parseHours('   ')).toEqual({ ok: true, hours: [] });
  });

  it('reads what a Chinese input method types: full-width colons and digits, 至 / ～, Chinese commas, spaces', () => {
    const expected = [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:00' }];
    for (const text of ['8:30-12:00，13:30-17:00', '08：30 至 12：00、13:30～17:00', '０８:３０-12:00; 13:30 - 17:00', '08:30-12:00 13:30-17:00', '08:30–12:00\n13:30—17:00']) {
      expect(parseHours(text), text).toEqual({ ok: true, hours: expected });
    }
  });

  it('names the malformed period', () => {
    expect(parseHours('08:30-12:00, 1330-1700')).toEqual({ ok: false, bad: '1330-1700' });
    expect(parseHours('24:00-25:00')).toEqual({ ok: false, bad: '24:00-25:00' });
    expect(parseHours('08:60-09:00')).toEqual({ ok: false, bad: '08:60-09:00' });
    expect(parseHours('上午')).toEqual({ ok: false, bad: '上午' });
    expect(parseHours('08:30')).toEqual({ ok: false, bad: '08:30' });
  });

  it('leaves "opens after it closes" to the hub (a rule, not a format)', () => {
    expect(parseHours('17:00-08:00')).toEqual({ ok: true, hours: [{ from: '17:00', to: '08:00' }] });
  });
});

describe('numbers as typed', () => {
  it('reads whole and decimal numbers, full-width digits too, and nothing else', () => {
    expect(parseWhole(' 300 ')).toBe(300);
    expect(parseWhole('３００')).toBe(300);
    expect(parseWhole('3.5')).toBeUndefined();
    expect(parseWhole('-1')).toBeUndefined();
    expect(parseWhole('')).toBeUndefined();
    expect(parseWhole('三百')).toBeUndefined();
    expect(parseDecimal('8.5')).toBe(8.5);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('8.')).toBeUndefined();
    expect(parseDecimal('1e3')).toBeUndefined();
  });
});

describe('the PUT body', () => {
  it('gives back exactly what the hub sent when nothing was edited', () => {
    expect(body(toDraft(hubLayout()))).toEqual(hubLayout());
  });

  it('overwrites only the edited fields and keeps the ones the form does not show', () => {
    let draft = toDraft(hubLayout());
    draft = updateService(draft, 1, 'name', ' 社保医保（新） ');
    draft = updateService(draft, 1, 'hours', '09:00-11:30');
    draft = updateService(draft, 1, 'serviceMinutes', '7');
    draft = updateWindow(draft, 1, 'name', '社保专窗');
    const layout = body(draft);
    expect(layout.services[1]).toEqual({ ...hubLayout().services[1], name: '社保医保（新）', hours: [{ from: '09:00', to: '11:30' }], serviceMinutes: 7 });
    expect(layout.services[1]?.futureField).toEqual({ keep: true });
    expect(layout.services[1]?.nameEn).toBe('Social insurance');
    expect(layout.windows[1]).toEqual({ ...hubLayout().windows[1], name: '社保专窗' });
    expect(layout.services[0]).toEqual(hubLayout().services[0]);
  });

  it('keeps unknown fields at the top and on window entries', () => {
    const layout = { ...hubLayout(), fromNewerHub: 1 };
    layout.windows[1]!.services[0] = { serviceId: 'B', weight: 2, note: 'x' };
    const sent = body(toDraft(layout));
    expect(sent.fromNewerHub).toBe(1);
    expect(sent.windows[1]?.services[0]).toEqual({ serviceId: 'B', weight: 2, note: 'x' });
  });

  it('an empty daily cap removes the cap; a number sets one', () => {
    let draft = updateService(toDraft(hubLayout()), 1, 'dailyCap', '  ');
    expect(body(draft).services[1]).not.toHaveProperty('dailyCap');
    draft = updateService(draft, 0, 'dailyCap', '80');
    expect(body(draft).services[0]?.dailyCap).toBe(80);
  });

  it('an empty window name is left out (the hub names it "<n>号窗口")', () => {
    const draft = updateWindow(toDraft(hubLayout()), 0, 'name', '');
    expect(body(draft).windows[0]).not.toHaveProperty('name');
    expect(toDraft(hubLayout()).windows[2]?.name).toBe('');
  });

  it('does not let an existing service or window change its id', () => {
    let draft = updateService(toDraft(hubLayout()), 0, 'id', 'Z');
    draft = updateWindow(draft, 0, 'id', 'wz');
    expect(body(draft).services[0]?.id).toBe('A');
    expect(body(draft).windows[0]?.id).toBe('w1');
  });

  it('reads bare service ids with the weights their order gives (as the hub loader does)', () => {
    const layout = hubLayout();
    layout.windows[1]!.services = ['B', 'A'];
    expect(body(toDraft(layout)).windows[1]?.services).toEqual([{ serviceId: 'B', weight: 2 }, { serviceId: 'A', weight: 1 }]);
  });
});

describe('a window’s services in priority order', () => {
  it('moves a service up; weights that followed the order follow it again', () => {
    const draft = moveWindowService(toDraft(hubLayout()), 1, 1, -1);
    expect(body(draft).windows[1]?.services).toEqual([{ serviceId: 'A', weight: 2 }, { serviceId: 'B', weight: 1 }]);
  });

  it('moves a service down; hand-set weights stay with their service', () => {
    let draft = updateWeight(toDraft(hubLayout()), 2, 1, '3');
    draft = moveWindowService(draft, 2, 0, 1);
    expect(body(draft).windows[2]?.services).toEqual([{ serviceId: 'B', weight: 3 }, { serviceId: 'A', weight: 1 }]);
  });

  it('ignores a move past either end', () => {
    const draft = toDraft(hubLayout());
    expect(moveWindowService(draft, 1, 0, -1)).toEqual(draft);
    expect(moveWindowService(draft, 1, 1, 1)).toEqual(draft);
  });

  it('adds a service at the end and offers only the services not listed yet', () => {
    let draft = toDraft(hubLayout());
    expect(servicesNotIn(draft, 0).map((s) => s.id)).toEqual(['B']);
    draft = addWindowService(draft, 0, 'B');
    expect(body(draft).windows[0]?.services).toEqual([{ serviceId: 'A', weight: 2 }, { serviceId: 'B', weight: 1 }]);
    expect(servicesNotIn(draft, 0)).toEqual([]);
    expect(addWindowService(draft, 0, 'B')).toEqual(draft);
    expect(addWindowService(draft, 0, 'nope')).toEqual(draft);
  });

  it('adds with weight 1 to a window whose weights were set by hand', () => {
    let draft = removeWindowService(toDraft(hubLayout()), 2, 1);
    draft = updateWeight(draft, 2, 0, '5');
    draft = addWindowService(draft, 2, 'B');
    expect(body(draft).windows[2]?.services).toEqual([{ serviceId: 'A', weight: 5 }, { serviceId: 'B', weight: 1 }]);
  });

  it('removes a service from a window', () => {
    const draft = removeWindowService(toDraft(hubLayout()), 1, 0);
    expect(body(draft).windows[1]?.services).toEqual([{ serviceId: 'A', weight: 1 }]);
  });

  it('tells order weights from hand-set ones', () => {
    expect(hasOrderWeights([{ serviceKey: 'A', weight: '2' }, { serviceKey: 'B', weight: '1' }])).toBe(true);
    expect(hasOrderWeights([{ serviceKey: 'A', weight: '1' }, { serviceKey: 'B', weight: '1' }])).toBe(false);
    expect(hasOrderWeights([])).toBe(true);
  });
});

describe('added and removed rows', () => {
  it('a new service takes the first free letter and the config defaults, with no name and no cap', () => {
    const draft = addService(toDraft(hubLayout()));
    const added = draft.services[2];
    expect(added).toMatchObject({ id: 'C', prefix: 'C', name: '', hours: '', dailyCap: '', rangeStart: '1', rangeEnd: '999', serviceMinutes: '8', waitLimitMinutes: '30', serviceLimitMinutes: '20' });
    expect(added?.original).toBeUndefined();
    expect(fromDraft(draft)).toEqual({ ok: false, problems: [{ path: 'services/2/name', code: 'required' }] });
    const named = updateService(draft, 2, 'name', '不动产登记');
    expect(body(named).services[2]).toEqual({ id: 'C', name: '不动产登记', prefix: 'C', ...NEW_SERVICE, hours: [] });
  });

  it('a new service can be renamed and added to a window, which then sends its current id', () => {
    let draft = addService(toDraft(hubLayout()));
    const key = draft.services[2]!.key;
    draft = addWindowService(draft, 0, key);
    draft = updateService(draft, 2, 'id', 'RE');
    draft = updateService(draft, 2, 'prefix', 're');
    draft = updateService(draft, 2, 'name', '不动产');
    const layout = body(draft);
    expect(layout.services[2]).toMatchObject({ id: 'RE', prefix: 'RE' });
    expect(layout.windows[0]?.services.map((s) => (typeof s === 'string' ? s : s.serviceId))).toEqual(['A', 'RE']);
  });

  it('removing a service takes it off every window, re-weighing windows that followed the order', () => {
    const draft = removeService(toDraft(hubLayout()), 1);
    const layout = body(draft);
    expect(layout.services.map((s) => s.id)).toEqual(['A']);
    expect(layout.windows[1]?.services).toEqual([{ serviceId: 'A', weight: 1 }]);
    expect(layout.windows[2]?.services).toEqual([{ serviceId: 'A', weight: 1 }]);
  });

  it('a new window takes the next number and id and must be given a service', () => {
    let draft = addWindow(toDraft(hubLayout()));
    expect(draft.windows[3]).toMatchObject({ id: 'w6', number: '6', name: '', services: [] });
    expect(fromDraft(draft)).toEqual({ ok: false, problems: [{ path: 'windows/3/services', code: 'no-services' }] });
    draft = addWindowService(draft, 3, 'B');
    expect(body(draft).windows[3]).toEqual({ id: 'w6', number: 6, services: [{ serviceId: 'B', weight: 1 }] });
  });

  it('a new window skips an id already taken', () => {
    const layout = hubLayout();
    layout.windows[2]!.id = 'w6';
    expect(addWindow(toDraft(layout)).windows[3]?.id).toBe('w7');
  });

  it('removes a window', () => {
    expect(body(removeWindow(toDraft(hubLayout()), 0)).windows.map((w) => w.id)).toEqual(['w2', 'w5']);
  });
});

describe('format problems', () => {
  it('names each malformed field by its path', () => {
    let draft = toDraft(hubLayout());
    draft = updateService(draft, 0, 'hours', '8点半到12点');
    draft = updateService(draft, 0, 'rangeEnd', '九九九');
    draft = updateService(draft, 1, 'dailyCap', '2.5');
    draft = updateService(draft, 1, 'serviceMinutes', '');
    draft = updateService(draft, 1, 'prefix', 'B1');
    draft = updateWindow(draft, 0, 'number', 'x');
    draft = updateWeight(draft, 1, 0, 'heavy');
    draft = addWindow(draft);
    draft = updateWindow(draft, 3, 'id', 'w 6');
    const result = fromDraft(draft);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'services/0/hours', code: 'bad-hours' },
      { path: 'services/0/rangeEnd', code: 'not-integer' },
      { path: 'services/1/prefix', code: 'bad-prefix' },
      { path: 'services/1/dailyCap', code: 'not-integer' },
      { path: 'services/1/serviceMinutes', code: 'required' },
      { path: 'windows/0/number', code: 'not-integer' },
      { path: 'windows/1/services/0/weight', code: 'not-number' },
      { path: 'windows/3/id', code: 'bad-id' },
      { path: 'windows/3/services', code: 'no-services' },
    ]);
  });

  it('leaves rules to the hub: a range that runs backwards is sent as typed', () => {
    let draft = updateService(toDraft(hubLayout()), 0, 'rangeStart', '500');
    draft = updateService(draft, 0, 'rangeEnd', '100');
    expect(body(draft).services[0]).toMatchObject({ rangeStart: 500, rangeEnd: 100 });
  });
});

describe('where the hub’s refusal points', () => {
  it('reads the config check’s paths, duplicates included', () => {
    const message =
      'The layout is not valid: /services/0/rangeStart rangeStart 500 is after rangeEnd 100; /services/1 ticket prefix A is also used at /services/0; ' +
      '/windows/2 window number 1 is also used at /windows/0; /windows/0/services/1 unknown service nope; /services/1/hours/0 opening 17:00 is not before closing 08:00.';
    expect(locateHubProblems(message)).toEqual([
      { path: 'services/0/rangeStart', text: '/services/0/rangeStart rangeStart 500 is after rangeEnd 100' },
      { path: 'services/1/prefix', text: '/services/1 ticket prefix A is also used at /services/0' },
      { path: 'windows/2/number', text: '/windows/2 window number 1 is also used at /windows/0' },
      { path: 'windows/0/services', text: '/windows/0/services/1 unknown service nope' },
      { path: 'services/1/hours', text: '/services/1/hours/0 opening 17:00 is not before closing 08:00' },
    ]);
  });

  it('reads the schema check’s paths and skips fields the form does not show', () => {
    expect(locateHubProblems('body/services/2/prefix must match pattern "^[A-Z]{1,2}$"')).toEqual([{ path: 'services/2/prefix', text: '/services/2/prefix must match pattern "^[A-Z]{1,2}$"' }]);
    expect(locateHubProblems('body/services/0/nameEn must NOT have more than 60 characters')).toEqual([]);
    expect(locateHubProblems('Service B still has tickets in the queue (B001); remove it after they are served.')).toEqual([]);
  });
});

/** GET /api/admin/layout of a hall with departments and two kiosks (one limited to 公安). */
function hubLayoutWithDepartments(): Layout {
  const layout = hubLayout();
  return {
    ...layout,
    services: layout.services.map((s) => (s.id === 'B' ? { ...s, department: 'rs' } : s)),
    departments: [{ id: 'police', name: '公安', nameEn: 'Police' }, { id: 'rs', name: '人社', oldField: 1 }],
    kiosks: [{ id: 'k1', name: '一楼取号机' }, { id: 'k2', departments: ['police'], services: ['A'] }],
  };
}

describe('departments and what each kiosk offers', () => {
  it('sends departments, services’ departments and kiosks back as the hub sent them', () => {
    expect(body(toDraft(hubLayoutWithDepartments()))).toEqual(hubLayoutWithDepartments());
  });

  it('leaves both sections out for a hub that sends neither', () => {
    const sent = body(toDraft(hubLayout()));
    expect('departments' in sent).toBe(false);
    expect('kiosks' in sent).toBe(false);
  });

  it('adds a department, assigns a service to it and limits a kiosk to it, by key until the id is final', () => {
    let draft = addDepartment(toDraft(hubLayoutWithDepartments()));
    const added = draft.departments[2]!;
    expect(added).toMatchObject({ id: 'dept3', name: '' });
    draft = updateDepartment(draft, 2, 'name', ' 不动产 ');
    draft = updateDepartment(draft, 2, 'nameEn', 'Real estate');
    draft = updateDepartment(draft, 2, 'id', 'estate');
    draft = updateService(draft, 0, 'department', added.key);
    draft = setKioskLimited(draft, 0, true);
    draft = chooseForKiosk(draft, 0, 'department', added.key, true);
    const sent = body(draft);
    expect(sent.departments?.[2]).toEqual({ id: 'estate', name: '不动产', nameEn: 'Real estate' });
    expect(sent.services[0]?.department).toBe('estate');
    expect(sent.kiosks?.[0]).toEqual({ id: 'k1', name: '一楼取号机', departments: ['estate'] });
  });

  it('keeps an existing department’s id, drops an emptied English name, and clears a service’s department with 「无」', () => {
    let draft = updateDepartment(toDraft(hubLayoutWithDepartments()), 0, 'id', 'changed');
    draft = updateDepartment(draft, 0, 'nameEn', '');
    draft = updateService(draft, 1, 'department', '');
    const sent = body(draft);
    expect(sent.departments?.[0]).toEqual({ id: 'police', name: '公安' });
    expect('department' in (sent.services[1] ?? {})).toBe(false);
  });

  it('reorders departments (the kiosk’s order)', () => {
    const draft = moveDepartment(toDraft(hubLayoutWithDepartments()), 1, -1);
    expect(body(draft).departments?.map((d) => d.id)).toEqual(['rs', 'police']);
    expect(moveDepartment(draft, 0, -1)).toBe(draft);
  });

  it('refuses to remove a department services still belong to, naming them', () => {
    const draft = toDraft(hubLayoutWithDepartments());
    expect(removeDepartment(draft, 1)).toEqual({ ok: false, services: ['社保医保'] });
  });

  it('removes an unused department from the list and from every kiosk’s choice', () => {
    const result = removeDepartment(toDraft(hubLayoutWithDepartments()), 0);
    if (!result.ok) throw new Error('refused');
    const sent = body(result.draft);
    expect(sent.departments?.map((d) => d.id)).toEqual(['rs']);
    expect(sent.kiosks?.[1]).toEqual({ id: 'k2', services: ['A'] });
  });

  it('offers every service again when a kiosk is set back to all, and ticks in the hall’s order', () => {
    let draft = setKioskLimited(toDraft(hubLayoutWithDepartments()), 1, false);
    expect(body(draft).kiosks?.[1]).toEqual({ id: 'k2' });
    draft = setKioskLimited(draft, 1, true);
    draft = chooseForKiosk(draft, 1, 'service', 'A', false);
    draft = chooseForKiosk(draft, 1, 'service', 'B', true);
    draft = chooseForKiosk(draft, 1, 'service', 'A', true);
    draft = chooseForKiosk(draft, 1, 'department', 'police', false);
    expect(body(draft).kiosks?.[1]).toEqual({ id: 'k2', services: ['A', 'B'] });
  });

  it('takes a removed service off the kiosks’ choice', () => {
    const draft = removeService(toDraft(hubLayoutWithDepartments()), 0);
    expect(body({ ...draft, windows: draft.windows.filter((w) => w.services.length > 0) }).kiosks?.[1]).toEqual({ id: 'k2', departments: ['police'] });
  });

  it('marks an unnamed department and a limited kiosk with nothing ticked', () => {
    let draft = addDepartment(toDraft(hubLayoutWithDepartments()));
    draft = setKioskLimited(draft, 0, true);
    const result = fromDraft(draft);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'departments/2/name', code: 'required' },
      { path: 'kiosks/0/offer', code: 'no-offer' },
    ]);
  });

  it('points the hub’s department refusals at the department fields', () => {
    const message = 'The layout is not valid: /departments/1 department id rs is also used at /departments/0; /services/1/department unknown department rs (known: police).';
    expect(locateHubProblems(message)).toEqual([
      { path: 'departments/1/id', text: '/departments/1 department id rs is also used at /departments/0' },
      { path: 'services/1/department', text: '/services/1/department unknown department rs (known: police)' },
    ]);
  });
});
