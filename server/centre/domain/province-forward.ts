/**
 * The centre's rules for 好差评 records it forwards to the province (docs/province.md, `city-centre`). Pure.
 *
 * - What a hall is told: a record the platform has not answered yet is `forwarded` (the centre holds it; the
 *   hall asks again later), otherwise the platform's own answer.
 * - What the centre refuses to hold: a record carrying a personal field. The hall leaves them out
 *   (server/domain/province-via-centre.ts); this is the centre's own check, by field name (the names the
 *   provinces' interfaces use for the rater, the certificate, a phone) and by a value that is a mobile
 *   number. ID-number-like values are not tested by value: a 办件编号 has the same 18-digit shape.
 */
import type { ProvinceForwardState } from '../../protocol/uplink';

export type StoredState = 'pending' | 'retrying' | 'accepted' | 'duplicate' | 'rejected';

export function forwardStateOf(state: StoredState): ProvinceForwardState {
  return state === 'pending' || state === 'retrying' ? 'forwarded' : state;
}

const PERSONAL_KEYS = new Set([
  'name', 'username', 'personname', 'ratername', 'applicantname', 'applicant', 'contactname', 'realname',
  'certkey', 'certno', 'certnum', 'certificateno', 'idcard', 'idno', 'idnumber', 'cardno', 'identity', 'sfzh',
  'phone', 'mobile', 'mobilephone', 'telephone', 'tel', 'contactphone', 'usertel', 'userphone', 'usermobile',
  'evaluatedpersoninfo', 'email',
]);

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

/** The record's fields the centre will not hold (empty: it may be stored). */
export function personalFieldsIn(record: Readonly<Record<string, string | number>>): string[] {
  return Object.entries(record)
    .filter(([key, value]) => PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, '')) || (typeof value === 'string' && MOBILE.test(value.replace(/[\s-]/g, ''))))
    .map(([key]) => key);
}
