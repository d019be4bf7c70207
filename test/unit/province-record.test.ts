import { describe, expect, it } from 'vitest';
import { buildProvinceRecord, type ProvinceMapping, type ProvinceSource } from '../../server/domain/province-record';
import { testConfig } from '../support/hub';
import { provinceSection } from '../support/province-sim';

const mapping: ProvinceMapping = testConfig((f) => (f.province = provinceSection('http://127.0.0.1:1/x'))).province!;
const source: ProvinceSource = {
  recordId: 'r1.1.0',
  rating: { score: 2, tags: ['slow', 'not-mapped'], comment: '等太久', channel: 'keypad', ratedAt: Date.parse('2026-11-27T01:02:03Z') },
  assessNumber: 1, ticketNumber: 'A003', caseNumber: '330106202611270001', userProp: 2,
  service: { id: 'A', name: '社保' }, windowNumber: 1, clerk: { username: 'clerk1', name: '王芳' }, raterName: '张*', corrections: {},
};

describe('the province record', () => {
  it('maps the canonical fields through the configured names, codes and date format', () => {
    const built = buildProvinceRecord(source, mapping, 'Asia/Shanghai');
    expect(built).toEqual({ ok: true, record: expect.objectContaining({ assessId: 'r1.1.0', pf: '5', satisfaction: 2, evalDetail: '511', assessTime: '2026-11-27 09:02:03', userProp: 2, proManager: 'clerk1', projectNo: '330106202611270001' }) });
  });
  it('sends personal data only when the mapping names a field for it', () => {
    const without = buildProvinceRecord(source, mapping, 'Asia/Shanghai');
    expect(JSON.stringify(without)).not.toContain('张*');
    const withName = buildProvinceRecord(source, { ...mapping, fields: { ...mapping.fields, raterName: 'userName' }, clerk: 'name' }, 'Asia/Shanghai');
    expect(withName).toEqual({ ok: true, record: expect.objectContaining({ userName: '张*', proManager: '王芳' }) });
  });
  it('says what is missing instead of sending a record without a case number; corrections fill it', () => {
    const { caseNumber: _drop, ...rest } = source;
    expect(buildProvinceRecord(rest, mapping, 'Asia/Shanghai')).toEqual({ ok: false, missing: ['caseNumber'] });
    expect(buildProvinceRecord({ ...rest, corrections: { caseNumber: 'X1234' } }, mapping, 'Asia/Shanghai').ok).toBe(true);
  });
});
