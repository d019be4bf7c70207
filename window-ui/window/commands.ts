/**
 * Sends window verbs. One press = one idempotency key, made before the first attempt and reused for every
 * retry (callApi's quick retries, and again after the hub comes back from a restart), so the hub applies
 * the press exactly once. Only one command is in flight at a time; presses meanwhile are ignored.
 */
import { ApiError, callApi, newIdempotencyKey } from '../../ui-client/hub-client';
import type { WindowCommandReply } from '../../server/protocol/events';
import type { WindowVerb } from '../../server/protocol/http';

export interface InFlight {
  readonly verb: WindowVerb;
  readonly key: string;
  /** The hub could not be reached: the press waits for the connection and is then retried with its key. */
  isWaitingForHub: boolean;
}

export interface CommandHooks {
  token(): string;
  windowId(): string;
  changed(): void;
  succeeded(verb: WindowVerb, reply: WindowCommandReply | undefined): void;
  failed(error: ApiError): void;
}

export class CommandRunner {
  private current: InFlight | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly hooks: CommandHooks) {}

  get inFlight(): InFlight | undefined {
    return this.current;
  }

  /** The socket is back: a press waiting for the hub is retried now. */
  hubIsBack(): void {
    this.wakeUp?.();
  }

  async run(verb: WindowVerb, body: Record<string, unknown> = {}): Promise<void> {
    if (this.current) return;
    const flight: InFlight = { verb, key: newIdempotencyKey(), isWaitingForHub: false };
    this.current = flight;
    this.hooks.changed();
    try {
      for (;;) {
        try {
          const reply = await callApi<WindowCommandReply | undefined>(`/api/windows/${encodeURIComponent(this.hooks.windowId())}/${verb}`, {
            method: 'POST',
            token: this.hooks.token(),
            body,
            idempotencyKey: flight.key,
          });
          this.hooks.succeeded(verb, reply);
          return;
        } catch (error) {
          const apiError = error instanceof ApiError ? error : new ApiError('internal', String(error), 0);
          if (!isHubAway(apiError)) {
            this.hooks.failed(apiError);
            return;
          }
          flight.isWaitingForHub = true;
          this.hooks.changed();
          await this.waitForHub();
        }
      }
    } finally {
      this.current = undefined;
      this.hooks.changed();
    }
  }

  private waitForHub(): Promise<void> {
    return new Promise((resolve) => {
      // Retry when the socket reconnects, or every few seconds in case the socket is slower than HTTP.
      const timer = setTimeout(done, 4000);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

/** Network failure (status 0) or a hub that is starting or stopping (503). */
function isHubAway(error: ApiError): boolean {
  return error.status === 0 || error.status === 503 || error.status === 502;
}
