import type { DeviceSimulator } from '../device';
import { encodeBaseInfo, type EncodeBaseInfoOptions } from '../idcard/base-info';
import { commandOf, encodeResponse, toRequest, type IdCardCommand } from '../idcard/frame';
import { FrameParser } from '../idcard/frame-parser';
import type { IdCardData } from '../idcard/id-card-data';
import { encodeStatus, type ReaderStatus } from '../idcard/status';

/** Behaviour switches of {@link IdCardSimulator}. */
export interface IdCardSimulatorOptions {
  /**
   * Imitate readers that answer "no card" after a successful read until the card is lifted and
   * put back (reference §2.5). Default false: find-card keeps answering "found" while a card lies
   * there, the harder case for the driver's once-per-insertion rule.
   */
  readonly findFailsAfterRead?: boolean;
  /** Card-type marker written into every card's text block ('I', 'J'), to test refusal. */
  readonly cardTypeMarker?: string;
}

/** The fixed 8-byte IIN a find-card success carries; the driver ignores it. */
const DUMMY_IIN = Buffer.from('0000000000000000', 'hex');
/** Select-card success carries the card serial number; any 8 bytes will do. */
const DUMMY_SERIAL = Buffer.from('0102030405060708', 'hex');

/**
 * The far side of a GA/T 467 reader: parses the host's frames (split or not) and answers with
 * real response frames, including the 256-byte UCS-2 text block and a dummy 1024-byte photo.
 * Works under MemoryLink, whose unplug/replug imitate the cable; the card survives an unplug.
 */
export class IdCardSimulator implements DeviceSimulator {
  private readonly parser = new FrameParser();
  private card: IdCardData | undefined;
  private selected = false;
  private readSinceInsert = false;
  private corruptNext = false;
  private silent = false;
  private readonly log: IdCardCommand[] = [];
  private badRequests = 0;

  constructor(private readonly options: IdCardSimulatorOptions = {}) {}

  /** Lays a card on the reader (replacing any card already there). */
  insertCard(card: IdCardData): void {
    this.card = card;
    this.selected = false;
    this.readSinceInsert = false;
  }

  removeCard(): void {
    this.card = undefined;
    this.selected = false;
    this.readSinceInsert = false;
  }

  /** Flips the checksum of the next reply, as line noise would. */
  setCorruptNextReply(): void {
    this.corruptNext = true;
  }

  /** While silent the reader swallows requests and answers nothing (powered off, wrong baud). */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Commands received so far, in order, for assertions. */
  get commands(): readonly IdCardCommand[] {
    return this.log;
  }

  /** Requests that failed their checksum or named an unknown command. */
  get rejectedRequests(): number {
    return this.badRequests;
  }

  receive(bytes: Buffer, reply: (bytes: Buffer) => void): void {
    for (const parsed of this.parser.push(bytes)) {
      if (this.silent) continue;
      if (parsed.type === 'bad-checksum') {
        this.badRequests += 1;
        this.send(reply, 'checksum-error');
        continue;
      }
      const request = toRequest(parsed.body);
      const command = request === undefined ? undefined : commandOf(request);
      if (command === undefined) {
        this.badRequests += 1;
        this.send(reply, request === undefined ? 'length-error' : 'bad-command');
        continue;
      }
      this.log.push(command);
      this.answer(command, reply);
    }
  }

  private answer(command: IdCardCommand, reply: (bytes: Buffer) => void): void {
    switch (command) {
      case 'samStatus':
        this.send(reply, 'ok');
        return;
      case 'findCard': {
        const visible = this.card !== undefined && !(this.options.findFailsAfterRead === true && this.readSinceInsert);
        if (visible) this.send(reply, 'card-found', DUMMY_IIN);
        else this.send(reply, 'no-card');
        return;
      }
      case 'selectCard':
        this.selected = this.card !== undefined;
        if (this.selected) this.send(reply, 'ok', DUMMY_SERIAL);
        else this.send(reply, 'select-failed');
        return;
      case 'readBaseInfo': {
        if (this.card === undefined || !this.selected) {
          this.send(reply, 'read-failed');
          return;
        }
        const encodeOptions: EncodeBaseInfoOptions =
          this.options.cardTypeMarker === undefined ? {} : { cardTypeMarker: this.options.cardTypeMarker };
        this.send(reply, 'ok', encodeBaseInfo(this.card, encodeOptions));
        this.readSinceInsert = true;
        this.selected = false;
        return;
      }
    }
  }

  private send(reply: (bytes: Buffer) => void, status: ReaderStatus, data?: Uint8Array): void {
    const frame = encodeResponse(encodeStatus(status), data);
    if (this.corruptNext) {
      this.corruptNext = false;
      const last = frame.length - 1;
      frame[last] = (frame[last] ?? 0) ^ 0xff;
    }
    reply(frame);
  }
}
