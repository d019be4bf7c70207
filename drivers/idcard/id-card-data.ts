/** The identity fields read from one card. Handed to the hub once per insertion; never logged. */
export interface IdCardData {
  readonly name: string;
  readonly sex: IdCardSex;
  /** Ethnic group name without the 族 suffix, e.g. '汉'; the raw two-digit code if unlisted. */
  readonly nation: string;
  /** 'YYYY-MM-DD'. */
  readonly birthDate: string;
  readonly address: string;
  /** 18 characters, last may be 'X'. Decoded as printed on the card, not validated here. */
  readonly idNumber: string;
  /** 签发机关, the issuing public security bureau. */
  readonly authority: string;
  /** 'YYYY-MM-DD'. */
  readonly validFrom: string;
  /** 'YYYY-MM-DD', or {@link VALID_LONG_TERM} for cards printed 长期. */
  readonly validTo: string;
}

/** GB/T 2261.1 sex codes 1 and 2; any other code (0 unknown, 9 unspecified) is 'unknown'. */
export type IdCardSex = 'male' | 'female' | 'unknown';

/** `validTo` of a card that never expires (printed 长期). */
export const VALID_LONG_TERM = 'long-term';
