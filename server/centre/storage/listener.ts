/**
 * LISTEN on the centre's channels over a connection of its own, reconnecting with back-off when PostgreSQL
 * goes away. After a reconnect `onResume` runs: notifications sent while the connection was down are lost,
 * so whoever listens refreshes what it shows.
 */
import type pg from 'pg';
import { openClient } from './pool';

export interface ListenerOptions {
  readonly url: string;
  readonly channels: readonly string[];
  onNotify(channel: string, payload: string): void;
  onResume?(): void;
  onError?(error: Error): void;
}

export class CentreListener {
  private client?: pg.Client;
  private isStopped = false;
  private retryMs = 250;
  private timer?: NodeJS.Timeout;
  private hasConnected = false;

  constructor(private readonly options: ListenerOptions) {}

  /** Resolves once listening (the first time); later reconnects happen in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = openClient(this.options.url, 'hallq-centre-listen');
    client.on('notification', (message) => this.options.onNotify(message.channel, message.payload ?? ''));
    client.on('error', (error) => {
      this.options.onError?.(error);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.options.channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.isStopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 250;
    if (this.hasConnected) this.options.onResume?.();
    this.hasConnected = true;
  }

  /** The listening connection broke: drop it and connect again after a pause. */
  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.scheduleConnect();
  }

  private scheduleConnect(): void {
    if (this.isStopped || this.timer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().catch((error: Error) => {
        this.options.onError?.(error);
        this.scheduleConnect();
      });
    }, wait);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
