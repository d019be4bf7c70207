/**
 * Reader response status (SW1 SW2 SW3). The meaning lives in SW3; SW1/SW2 vary by vendor for
 * some failures ("XX XX 81"), so only SW3 is decoded.
 */

/** Every SW3 the reference documents, by what it means for the driver. */
export const STATUS_BY_SW3 = {
  0x90: 'ok',
  0x9f: 'card-found',
  0x80: 'no-card',
  0x81: 'select-failed',
  0x41: 'read-failed',
  0x10: 'checksum-error',
  0x11: 'length-error',
  0x21: 'bad-command',
  0x24: 'unrecognised-error',
  0x31: 'card-auth-failed',
  0x32: 'reader-auth-failed',
  0x33: 'verify-failed',
  0x40: 'wrong-card',
  0x47: 'random-failed',
  0x60: 'self-test-failed',
  0x66: 'not-authorised',
  // The source table is cut off here; "no content for this item" is common usage, unverified.
  0x91: 'no-content',
} as const;

/** A decoded status; 'unknown' for any SW3 the reference does not list. */
export type ReaderStatus = (typeof STATUS_BY_SW3)[keyof typeof STATUS_BY_SW3] | 'unknown';

/** Short English descriptions for logs and health reasons (never personal data). */
export const STATUS_DESCRIPTIONS: Readonly<Record<ReaderStatus, string>> = {
  ok: 'operation succeeded',
  'card-found': 'card found',
  'no-card': 'no card on the reader',
  'select-failed': 'select card failed',
  'read-failed': 'read card failed',
  'checksum-error': 'reader reports a checksum error in our frame',
  'length-error': 'reader reports a length error in our frame',
  'bad-command': 'reader does not know the command',
  'unrecognised-error': 'reader reports an unrecognised error',
  'card-auth-failed': 'card-to-reader authentication failed',
  'reader-auth-failed': 'reader-to-card authentication failed',
  'verify-failed': 'card information verification failed',
  'wrong-card': 'wrong card type',
  'random-failed': 'could not get a random number from the card',
  'self-test-failed': 'reader self-test failed',
  'not-authorised': 'reader not authorised',
  'no-content': 'no content for this item',
  unknown: 'unknown status',
};

/** Maps a response's status bytes to a status name (SW1/SW2 are vendor detail, not interpreted). */
export function decodeStatus(response: { readonly sw3: number }): ReaderStatus {
  const table: Readonly<Record<number, ReaderStatus | undefined>> = STATUS_BY_SW3;
  return table[response.sw3] ?? 'unknown';
}

/** Status bytes for a status name (the simulator's side); 'unknown' encodes as SW3 0x24. */
export function encodeStatus(status: ReaderStatus): readonly [number, number, number] {
  for (const [sw3, name] of Object.entries(STATUS_BY_SW3)) {
    if (name === status) return [0x00, 0x00, Number(sw3)];
  }
  return [0x00, 0x00, 0x24];
}
