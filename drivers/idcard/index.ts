/** Public surface of the ID card reader driver: what the hub and the simulator import. */
export { IdCardReader } from './id-card-reader';
export type { CardFailure, IdCardReaderOptions, IdCardReaderStats } from './reader-options';
// The reader's clock is the drivers-wide one; `ReaderTimers` stays as its public name here.
export { systemTimers, type Timers as ReaderTimers } from '../timers';
export type { IdCardData, IdCardSex } from './id-card-data';
export { VALID_LONG_TERM } from './id-card-data';
export { decodeBaseInfo, encodeBaseInfo, type BaseInfoProblem, type BaseInfoResult } from './base-info';
export { encodeRequest, encodeResponse, encodeFrame, type IdCardCommand, type ResponseFrame } from './frame';
export { FrameParser, type ParsedFrame } from './frame-parser';
export { decodeStatus, type ReaderStatus } from './status';
