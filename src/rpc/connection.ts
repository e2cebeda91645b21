/**
 * One WebSocket client: its subscriptions (with the per-connection limit), the ordering rule
 * "subscribe response before the first notification", and per-connection state for handlers.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { tooManySubscriptions } from './errors.ts';
import type { SubscriptionSink, Teardown } from './types.ts';

/** What the connection needs from the socket (a `ws` WebSocket fits). */
export interface ConnectionTransport {
  send(text: string): void;
  /** Bytes queued by the socket but not yet written to the network. */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

export interface ConnectionOptions {
  maxSubscriptions: number;
  /** Close the connection when the client lets this many bytes pile up unread. */
  maxBufferedBytes: number;
  logger: Logger;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random 16-character alphanumeric id, like Substrate's `RandomStringIdProvider::new(16)`. */
export function randomSubscriptionId(length = 16): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      // 248 = 4 * 62: reject the top values so every character is equally likely.
      if (b < 248) out += ID_ALPHABET[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

type SubState = 'pending' | 'active' | 'closed';

export class Subscription implements SubscriptionSink {
  private state: SubState = 'pending';
  private queue: string[] = [];
  private teardown: Teardown | undefined;
  private endRequested = false;

  constructor(
    private readonly connection: RpcConnection,
    readonly id: string,
    /** Canonical subscribe method name; unsubscribe calls must belong to the same kind. */
    readonly kind: string,
    readonly notification: string,
  ) {}

  get closed(): boolean {
    return this.state === 'closed' || this.endRequested;
  }

  send(result: unknown): void {
    if (this.closed) return;
    let text: string;
    try {
      text = JSON.stringify({
        jsonrpc: '2.0',
        method: this.notification,
        params: { subscription: this.id, result: result === undefined ? null : result },
      });
    } catch (err) {
      this.connection.logger.error({ err, method: this.notification }, 'notification is not serializable; dropped');
      return;
    }
    if (this.state === 'pending') this.queue.push(text);
    else this.connection.sendText(text);
  }

  end(): void {
    if (this.closed) return;
    this.endRequested = true;
    if (this.state === 'active') this.close();
  }

  /** Called once the subscribe response is on the wire: flush queued notifications. */
  activate(): void {
    if (this.state !== 'pending') return;
    this.state = 'active';
    const queued = this.queue;
    this.queue = [];
    for (const text of queued) this.connection.sendText(text);
    if (this.endRequested) this.close();
  }

  setTeardown(teardown: Teardown | void): void {
    if (!teardown) return;
    if (this.state === 'closed') this.runTeardown(teardown);
    else this.teardown = teardown;
  }

  /** Stop it: no more notifications, teardown runs, the id is forgotten. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.queue = [];
    this.connection.forget(this);
    const t = this.teardown;
    this.teardown = undefined;
    if (t) this.runTeardown(t);
  }

  private runTeardown(t: Teardown): void {
    try {
      t();
    } catch (err) {
      this.connection.logger.warn({ err, kind: this.kind }, 'subscription teardown failed');
    }
  }
}

let nextConnectionId = 1;

export class RpcConnection {
  readonly id = nextConnectionId++;
  /**
   * Per-connection state for handler namespaces that need more than a subscription
   * (e.g. chainHead_v1 follow state and operation ids), keyed by namespace.
   */
  readonly extensions = new Map<string, unknown>();
  /** Time of the last text frame sent; the place to decide on periodic messages (see server.ts). */
  lastTextSentAt = Date.now();
  private readonly subscriptions = new Map<string, Subscription>();
  private disposed = false;

  constructor(
    private readonly transport: ConnectionTransport,
    private readonly opts: ConnectionOptions,
  ) {}

  get logger(): Logger {
    return this.opts.logger;
  }

  get isOpen(): boolean {
    return !this.disposed;
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  sendText(text: string): void {
    if (this.disposed) return;
    if (this.transport.bufferedAmount > this.opts.maxBufferedBytes) {
      this.opts.logger.warn({ connection: this.id, buffered: this.transport.bufferedAmount }, 'client is not reading; closing its connection');
      this.transport.close(1008, 'Client too slow');
      this.dispose();
      return;
    }
    this.transport.send(text);
    this.lastTextSentAt = Date.now();
  }

  /** Reserve a subscription id (pending until `activate()`); throws -32006 over the limit. */
  openSubscription(kind: string, notification: string): Subscription {
    if (this.subscriptions.size >= this.opts.maxSubscriptions) throw tooManySubscriptions(this.opts.maxSubscriptions);
    let id = randomSubscriptionId();
    while (this.subscriptions.has(id)) id = randomSubscriptionId();
    const sub = new Subscription(this, id, kind, notification);
    this.subscriptions.set(id, sub);
    return sub;
  }

  subscription(id: string): Subscription | undefined {
    return this.subscriptions.get(id);
  }

  /** Unsubscribe call: true when a subscription of that kind with that id existed. */
  unsubscribe(kind: string, id: string): boolean {
    const sub = this.subscriptions.get(id);
    if (!sub || sub.kind !== kind) return false;
    sub.close();
    return true;
  }

  /** @internal called by Subscription.close */
  forget(sub: Subscription): void {
    if (this.subscriptions.get(sub.id) === sub) this.subscriptions.delete(sub.id);
  }

  /** The socket is gone: end every subscription. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const sub of [...this.subscriptions.values()]) sub.close();
    this.extensions.clear();
  }
}
