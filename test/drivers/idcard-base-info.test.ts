import { describe, expect, it } from 'vitest';
import { decodeBaseInfo, encodeBaseInfo, TEXT_FIELDS } from '../../drivers/idcard/base-info';
import { encodeRequest, toResponse } from '../../drivers/idcard/frame';
import { FrameParser } from '../../drivers/idcard/frame-parser';
import { VALID_LONG_TERM, type IdCardData } from '../../drivers/idcard/id-card-data';
import { decodeStatus } from '../../drivers/idcard/status';
import { IdCardSimulator } from '../../drivers/sim/idcard-simulator';

/** A clearly fake demo person; the ID number has a valid check digit (computed, not real). */
const ZHANG_SAN: IdCardData = {
  name: '张三',
  sex: 'male',
  nation: '汉',
  birthDate: '1990-03-07',
  address: '北京市东城区演示路1号',
  idNumber: '110101199003070011',
  authority: '北京市公安局东城分局',
  validFrom: '2015-06-01',
  validTo: '2035-06-01',
};

/** Sends requests to the simulator and collects its reply frames, as the reader would. */
function ask(simulator: IdCardSimulator, command: Parameters<typeof encodeRequest>[0]): Buffer[] {
  const replies: Buffer[] = [];
  simulator.receive(encodeRequest(command), (bytes) => replies.push(bytes));
  return replies;
}

describe('base info decoding', () => {
  it('decodes a simulator-made 1295-byte read-base-info frame field by field', () => {
    const simulator = new IdCardSimulator();
    simulator.insertCard(ZHANG_SAN);
    ask(simulator, 'selectCard');
    const [frame] = ask(simulator, 'readBaseInfo');
    expect(frame?.length).toBe(1295);

    const parsed = new FrameParser().push(frame ?? Buffer.alloc(0));
    expect(parsed).toHaveLength(1);
    const first = parsed[0];
    if (first?.type !== 'frame') throw new Error('expected a frame');
    const response = toResponse(first.body);
    if (response === undefined) throw new Error('expected a response');
    expect(decodeStatus(response)).toBe('ok');
    expect(decodeBaseInfo(response.data)).toEqual({ ok: true, card: ZHANG_SAN });
  });

  it('follows the reference layout: UCS-2 LE, space padded, text at frame offset 14', () => {
    const data = encodeBaseInfo(ZHANG_SAN);
    const text = data.subarray(4, 260);
    const [nameAt, nameLength] = TEXT_FIELDS.name;
    expect(text.subarray(nameAt, nameAt + 6).toString('hex')).toBe('205f094e2000');
    expect(text.subarray(nameAt, nameAt + nameLength).toString('utf16le')).toBe('张三' + ' '.repeat(13));
    expect(text.subarray(30, 32).toString('utf16le')).toBe('1');
    expect(text.subarray(32, 36).toString('utf16le')).toBe('01');
    expect(text.subarray(122, 158).toString('utf16le')).toBe(ZHANG_SAN.idNumber);
    expect(data.length).toBe(4 + 256 + 1024);
  });

  it('maps female, other nations, long-term validity and NUL padding', () => {
    const card: IdCardData = { ...ZHANG_SAN, name: '李四', sex: 'female', nation: '维吾尔', validTo: VALID_LONG_TERM };
    const data = encodeBaseInfo(card);
    // Some readers pad with NULs rather than spaces.
    data.fill(0, 4 + 4 + 2, 4 + 30);
    expect(decodeBaseInfo(data)).toEqual({ ok: true, card });
    expect(data.subarray(4 + 204, 4 + 208).toString('utf16le')).toBe('长期');
  });

  it('keeps an unlisted nation code rather than guessing', () => {
    const data = encodeBaseInfo(ZHANG_SAN);
    data.write('77', 4 + 32, 'utf16le');
    const result = decodeBaseInfo(data);
    expect(result.ok && result.card.nation).toBe('77');
  });

  it.each(['I', 'J'])('refuses a card with type marker %s (different layout)', (marker) => {
    const result = decodeBaseInfo(encodeBaseInfo(ZHANG_SAN, { cardTypeMarker: marker }));
    expect(result).toMatchObject({ ok: false, code: 'unsupported-card-type' });
  });

  it('refuses truncated data and bad dates without quoting the card', () => {
    const data = encodeBaseInfo(ZHANG_SAN);
    expect(decodeBaseInfo(data.subarray(0, 200))).toMatchObject({ ok: false, code: 'truncated' });
    const badDate = Buffer.from(data);
    badDate.write('19900230', 4 + 36, 'utf16le');
    const result = decodeBaseInfo(badDate);
    expect(result).toMatchObject({ ok: false, code: 'bad-field' });
    expect(JSON.stringify(result)).not.toContain('1990');
  });

  it('never copies the photo into the decoded card', () => {
    const result = decodeBaseInfo(encodeBaseInfo(ZHANG_SAN, { photo: Buffer.alloc(1024, 0xab) }));
    expect(Object.keys(result.ok ? result.card : {}).sort()).toEqual(Object.keys(ZHANG_SAN).sort());
  });
});
