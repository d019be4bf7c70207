/**
 * ID cards just read on a kiosk's reader, held briefly for that kiosk so the visitor can pick a service.
 * Only the masked/hashed person and the green-channel flag are kept; the card's raw fields are dropped at
 * once. The page sees an opaque handle and the masked name; the ticket request names the handle, so a
 * card read on one kiosk can only be used by the page that was shown it.
 */
import { randomBytes } from 'node:crypto';
import type { PersonRecord } from '../domain/identity-policy';
import type { HeldCardView } from '../protocol/kiosk';

/** How long a read card stays usable: long enough to choose a service, short enough for the next visitor. */
export const CARD_HOLD_MS = 60_000;

export interface PendingCard {
  readonly handle: string;
  readonly kioskId: string;
  readonly person: PersonRecord;
  readonly isGreenChannel: boolean;
  readonly expiresAt: number;
  /** The idempotency key of the request that used it: a retry of that request may still resolve it. */
  readonly usedWithKey?: string;
  readonly isUsed: boolean;
}

export class PendingCards {
  private readonly byKiosk = new Map<string, PendingCard>();

  constructor(private readonly now: () => number) {}

  /** A new card replaces whatever the kiosk held: the person at the reader is the one in front of it. */
  hold(kioskId: string, person: PersonRecord, isGreenChannel: boolean): PendingCard {
    const card: PendingCard = { handle: randomBytes(18).toString('base64url'), kioskId, person, isGreenChannel, expiresAt: this.now() + CARD_HOLD_MS, isUsed: false };
    this.byKiosk.set(kioskId, card);
    return card;
  }

  /** The unused, unexpired card of a kiosk, as its page may see it (protocol/kiosk.ts): masked name and flag, never the number. */
  view(kioskId: string): HeldCardView | undefined {
    const card = this.live(kioskId);
    if (!card || card.isUsed) return undefined;
    return { handle: card.handle, ...(card.person.nameMasked ? { nameMasked: card.person.nameMasked } : {}), isGreenChannel: card.isGreenChannel, expiresAt: card.expiresAt };
  }

  /** The card behind a handle, if still usable by a request with this idempotency key. */
  resolve(handle: string, idempotencyKey: string | undefined): PendingCard | undefined {
    for (const kioskId of this.byKiosk.keys()) {
      const card = this.live(kioskId);
      if (card?.handle !== handle) continue;
      if (!card.isUsed) return card;
      return idempotencyKey !== undefined && card.usedWithKey === idempotencyKey ? card : undefined;
    }
    return undefined;
  }

  markUsed(handle: string, idempotencyKey: string | undefined): void {
    for (const [kioskId, card] of this.byKiosk) {
      if (card.handle === handle) this.byKiosk.set(kioskId, { ...card, isUsed: true, ...(idempotencyKey ? { usedWithKey: idempotencyKey } : {}) });
    }
  }

  /** The visitor pressed "cancel" or walked away. */
  clear(kioskId: string): void {
    this.byKiosk.delete(kioskId);
  }

  private live(kioskId: string): PendingCard | undefined {
    const card = this.byKiosk.get(kioskId);
    if (card && card.expiresAt <= this.now()) {
      this.byKiosk.delete(kioskId);
      return undefined;
    }
    return card;
  }
}
