/**
 * What of a 好差评 record may pass through the city centre (server/domain/province-via-centre.ts, the hall's
 * side) and what the centre itself refuses to hold (server/centre/domain/province-forward.ts).
 */
import { describe, expect, it } from 'vitest';
import { centreAllowedFields, centreSafeRecord, personalPlatformFields } from '../../server/domain/province-via-centre';
import { forwardStateOf, personalFieldsIn } from '../../server/centre/domain/province-forward';

const mapping = {
  fields: { recordId: 'assessId', caseNumber: 'projectNo', handler: 'proManager', level: 'satisfaction', comment: 'writingEvaluation', raterName: 'userName' },
  clerk: 'username' as const,
  constants: { proStatus: '3' },
};
const ctx = { staffNames: new Set(['王芳']) };

describe('a record on its way to the city centre', () => {
  it('keeps mapped non-personal fields and constants, and nothing else', () => {
    const out = centreSafeRecord({ assessId: 'r.1.0', projectNo: 'P1', proManager: 'clerk1', satisfaction: 2, userName: '张*', proStatus: '3', extra: 'x' }, mapping, ctx);
    expect(out).toEqual({ assessId: 'r.1.0', projectNo: 'P1', proManager: 'clerk1', satisfaction: 2, proStatus: '3' });
  });

  it('drops the clerk when the mapping sends names, and scrubs the comment', () => {
    expect([...personalPlatformFields({ ...mapping, clerk: 'name' })].sort()).toEqual(['proManager', 'userName']);
    expect(centreAllowedFields({ ...mapping, clerk: 'name' }).has('proManager')).toBe(false);
    const out = centreSafeRecord({ writingEvaluation: '王芳态度差，电话13812345678，身份证110101199003077777', proManager: '王芳' }, { ...mapping, clerk: 'name' }, ctx);
    expect(out).toEqual({ writingEvaluation: '…态度差，电话…，身份证…' });
  });

  it('leaves a comment that was nothing but personal data as an ellipsis, and an empty one out', () => {
    expect(centreSafeRecord({ writingEvaluation: '13812345678' }, mapping, ctx)).toEqual({ writingEvaluation: '…' });
    expect(centreSafeRecord({ writingEvaluation: '  ' }, mapping, ctx)).toEqual({});
  });
});

describe('the centre’s own check', () => {
  it('names the personal fields by key (any case, with _ or -) and mobile numbers by value', () => {
    expect(personalFieldsIn({ userName: '张三', CERT_KEY: 'k', 'mobile-phone': '1', projectNo: '330106202611270001', note: '138 1234 5678' })).toEqual(['userName', 'CERT_KEY', 'mobile-phone', 'note']);
    expect(personalFieldsIn({ assessId: 'r.1.0', projectNo: '330106202611270001', taskName: '社保业务', satisfaction: 5 })).toEqual([]);
  });

  it('tells a hall "forwarded" until the platform answered', () => {
    expect(['pending', 'retrying', 'accepted', 'duplicate', 'rejected'].map((s) => forwardStateOf(s as Parameters<typeof forwardStateOf>[0]))).toEqual(['forwarded', 'forwarded', 'accepted', 'duplicate', 'rejected']);
  });
});
