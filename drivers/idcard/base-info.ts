/**
 * The read-base-info (30 01) payload: text length (2, BE), photo length (2, BE), a 256-byte
 * UCS-2 LE text block, then the WLT photo. The photo is never read or copied: a queue system
 * has no use for it and it is sensitive personal information (PIPL; GB/T 45574-2025).
 */
import { compactToIsoDate } from '../identity';
import { VALID_LONG_TERM, type IdCardData, type IdCardSex } from './id-card-data';
import { nationCode, nationName } from './nations';

/** Size of the text block on a resident ID card. */
export const TEXT_BLOCK_LENGTH = 256;
/** Size of the WLT photo block on a resident ID card. */
export const PHOTO_BLOCK_LENGTH = 1024;

/** Byte offset and length of each field inside the text block (reference §2.6). */
export const TEXT_FIELDS = {
  name: [0, 30],
  sex: [30, 2],
  nation: [32, 4],
  birthDate: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  authority: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  reserved: [220, 36],
} as const;

type TextField = keyof typeof TEXT_FIELDS;

/** Offset of the card-type marker inside the reserved area (vendor practice, unverified). */
const CARD_TYPE_OFFSET = 248;

/** Why a base-info payload could not be decoded. Messages never contain card data. */
export type BaseInfoProblem = 'truncated' | 'bad-text-length' | 'unsupported-card-type' | 'bad-field';

/** Result of {@link decodeBaseInfo}. */
export type BaseInfoResult =
  | { readonly ok: true; readonly card: IdCardData }
  | { readonly ok: false; readonly code: BaseInfoProblem; readonly message: string };

function fail(code: BaseInfoProblem, message: string): BaseInfoResult {
  return { ok: false, code, message };
}

function readField(text: Buffer, field: TextField): string {
  const [offset, length] = TEXT_FIELDS[field];
  // Fields are padded with spaces (0x0020); some readers pad with NULs instead.
  return text.toString('utf16le', offset, offset + length).replaceAll('\u0000', '').trim();
}

function decodeSex(code: string): IdCardSex {
  if (code === '1') return 'male';
  if (code === '2') return 'female';
  return 'unknown';
}

/**
 * Decodes the data of a successful read-base-info response (everything after SW1..SW3).
 * Foreigners' permanent residence cards and HK/Macao/Taiwan residence permits ('I'/'J' marker)
 * have another layout and are refused rather than misread.
 */
export function decodeBaseInfo(data: Buffer): BaseInfoResult {
  if (data.length < 4) return fail('truncated', 'base info shorter than its length header');
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  if (textLength < TEXT_BLOCK_LENGTH) return fail('bad-text-length', 'text block shorter than 256 bytes');
  if (data.length < 4 + textLength + photoLength) return fail('truncated', 'base info shorter than declared');
  const text = data.subarray(4, 4 + TEXT_BLOCK_LENGTH);

  const marker = text.toString('utf16le', CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2);
  if (marker === 'I' || marker === 'J') {
    return fail('unsupported-card-type', 'residence permit or foreigner card: layout not supported');
  }

  const birthDate = compactToIsoDate(readField(text, 'birthDate'));
  const validFrom = compactToIsoDate(readField(text, 'validFrom'));
  const validToRaw = readField(text, 'validTo');
  const validTo = validToRaw === '长期' ? VALID_LONG_TERM : compactToIsoDate(validToRaw);
  const idNumber = readField(text, 'idNumber').toUpperCase();
  const name = readField(text, 'name');
  if (birthDate === undefined || validFrom === undefined || validTo === undefined) {
    return fail('bad-field', 'a date field is not a valid YYYYMMDD date');
  }
  if (name === '' || idNumber === '') return fail('bad-field', 'name or ID number field is empty');

  return {
    ok: true,
    card: {
      name,
      sex: decodeSex(readField(text, 'sex')),
      nation: nationName(readField(text, 'nation')),
      birthDate,
      address: readField(text, 'address'),
      idNumber,
      authority: readField(text, 'authority'),
      validFrom,
      validTo,
    },
  };
}

function writeField(text: Buffer, field: TextField, value: string): void {
  const [offset, length] = TEXT_FIELDS[field];
  const bytes = Buffer.from(value, 'utf16le');
  if (bytes.length > length) throw new RangeError(`card field ${field} is longer than ${length / 2} characters`);
  text.set(bytes, offset);
}

function compactDate(value: string): string {
  return value === VALID_LONG_TERM ? '长期' : value.replaceAll('-', '');
}

/** Options for {@link encodeBaseInfo}. */
export interface EncodeBaseInfoOptions {
  /** Card-type marker at offset 248 ('I', 'J'), to test refusal of non-resident cards. */
  readonly cardTypeMarker?: string;
  /** Photo bytes; defaults to 1024 bytes of a dummy pattern (the real WLT is never needed). */
  readonly photo?: Uint8Array;
}

/**
 * Builds the data of a read-base-info response from card fields: the inverse of
 * {@link decodeBaseInfo}, for the simulator and tests.
 */
export function encodeBaseInfo(card: IdCardData, options: EncodeBaseInfoOptions = {}): Buffer {
  // Space-padded UCS-2 LE: 0x20 0x00 repeated.
  const text = Buffer.from(' '.repeat(TEXT_BLOCK_LENGTH / 2), 'utf16le');
  writeField(text, 'name', card.name);
  writeField(text, 'sex', card.sex === 'male' ? '1' : card.sex === 'female' ? '2' : '0');
  writeField(text, 'nation', nationCode(card.nation) ?? '97');
  writeField(text, 'birthDate', compactDate(card.birthDate));
  writeField(text, 'address', card.address);
  writeField(text, 'idNumber', card.idNumber);
  writeField(text, 'authority', card.authority);
  writeField(text, 'validFrom', compactDate(card.validFrom));
  writeField(text, 'validTo', compactDate(card.validTo));
  if (options.cardTypeMarker !== undefined) text.write(options.cardTypeMarker.slice(0, 1), CARD_TYPE_OFFSET, 'utf16le');

  const photo = options.photo ?? Buffer.alloc(PHOTO_BLOCK_LENGTH, 0x57);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(TEXT_BLOCK_LENGTH, 0);
  header.writeUInt16BE(photo.length, 2);
  return Buffer.concat([header, text, photo]);
}
