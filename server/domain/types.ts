/**
 * The hall's entities as the rules see them. Plain readonly data: storage maps rows to these,
 * the rules return new values, nothing here does I/O.
 */
import type { PauseReason, Priority, RatingChannel, RatingScore, TicketStatus, WindowState } from '../protocol/model';
import type { ServiceGuide } from '../protocol/layout';

export interface OpeningHours {
  /** 'HH:MM' local time in the hall's time zone. */
  readonly from: string;
  readonly to: string;
}

export interface Service {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** One or two capital letters printed before the number, unique in the hall. */
  readonly prefix: string;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly defaultServiceMinutes: number;
  readonly waitLimitMinutes: number;
  readonly serviceLimitMinutes: number;
  readonly dailyCap?: number;
  /** Empty means open whenever the hall is. */
  readonly hours: readonly OpeningHours[];
  /** 一次性告知: materials, basis, 承诺时限, fees; absent when the hall has written none. */
  readonly guide?: ServiceGuide;
  /** Id of its department (config `departments:`); absent: none. The kiosk groups by it. */
  readonly department?: string;
}

export interface WindowServing {
  readonly serviceId: string;
  /** Relative weight in call-next: a waiting minute of this service counts `weight` times. */
  readonly weight: number;
}

export interface Window {
  readonly id: string;
  readonly number: number;
  readonly name: string;
  readonly area?: string;
  /** In priority order (一窗通办 windows list several). */
  readonly serves: readonly WindowServing[];
}

export interface WindowStatus {
  readonly windowId: string;
  readonly state: WindowState;
  readonly staffId?: string;
  readonly pauseReason?: PauseReason;
  readonly pauseNote?: string;
  readonly since: number;
  readonly isAutoCall: boolean;
  readonly currentTicketId?: string;
}

export interface Ticket {
  readonly id: string;
  readonly day: string;
  readonly serviceId: string;
  /** Daily sequence for issued tickets; absent for segments created by a transfer or return. */
  readonly seq?: number;
  readonly number: string;
  readonly priority: Priority;
  readonly priorityReason?: string;
  readonly status: TicketStatus;
  readonly closeReason?: string;
  readonly trackToken: string;
  /** When the visitor first arrived: kept across transfers so they do not start again at the back. */
  readonly arrivedAt: number;
  readonly issuedAt: number;
  /** Appointment slot start: appointment priority applies from then (minus the grace). */
  readonly dueAt?: number;
  /** Only this window may call it (transfer to a named window, return from its park pool). */
  readonly targetWindowId?: string;
  /** Service to come back to after this one (transfer with return). */
  readonly returnServiceId?: string;
  /** Whether this segment is a return after a transfer: it goes ahead of normal tickets. */
  readonly isReturn: boolean;
  readonly previousId?: string;
  readonly windowId?: string;
  readonly staffId?: string;
  readonly calledAt?: number;
  readonly firstCalledAt?: number;
  readonly callCount: number;
  readonly finishedAt?: number;
  readonly parkedUntil?: number;
  readonly note?: string;
  readonly personHash?: string;
  readonly personMasked?: string;
  readonly nameMasked?: string;
  readonly kioskId?: string;
  readonly waitingAhead: number;
  readonly estimatedWaitMinutes: number;
}

export interface Rating {
  readonly id: string;
  readonly ticketId: string;
  readonly serviceId: string;
  readonly windowId: string;
  readonly staffId?: string;
  readonly score: RatingScore;
  readonly tags: readonly string[];
  readonly comment?: string;
  readonly channel: RatingChannel;
  readonly finishedAt: number;
  readonly ratedAt: number;
}

/** The call-next ordering policies a hall can choose (docs/call-policy.md). */
export type CallOrder = 'weighted-wait' | 'service-order' | 'arrival';

export interface HallPolicy {
  readonly callOrder: CallOrder;
  /** Green channel, returns and due appointments go first. */
  readonly priorityFirst: boolean;
  /** Appointment priority starts this many minutes before the slot. */
  readonly appointmentEarlyMinutes: number;
  /** An appointment checked in later than this after its slot start becomes a normal ticket. */
  readonly appointmentLateMinutes: number;
  readonly recallLimit: number;
  readonly parkMinutes: number;
  readonly ratingTimeoutSeconds: number;
  /** Rating by phone stays open this long after finish. */
  readonly phoneRatingHours: number;
  readonly greenChannelAge?: number;
  readonly perPersonDailyLimit: number;
}
