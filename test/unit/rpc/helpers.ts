/** Test helpers: start the real server on 127.0.0.1:0 and talk to it over real HTTP and WebSocket. */
import { WebSocket } from 'ws';
import { startRpcServer, type RpcServer, type RpcServerOptions } from '../../../src/rpc/server.ts';
import { FakeNode } from './fake-node.ts';

export interface Harness {
  node: FakeNode;
  server: RpcServer;
  http: string;
  ws: string;
}

export async function startHarness(opts: Partial<RpcServerOptions> = {}, node = new FakeNode()): Promise<Harness> {
  const server = await startRpcServer({ api: node, host: '127.0.0.1', port: 0, ...opts });
  return { node, server, http: `http://127.0.0.1:${server.port}/`, ws: `ws://127.0.0.1:${server.port}/` };
}

/** POST a raw body; returns status and parsed JSON (or the raw text when it is not JSON). */
export async function post(url: string, body: string): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

let nextId = 1;

export interface RpcResponse {
  jsonrpc: string;
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** One call over HTTP. */
export async function httpCall(url: string, method: string, params?: unknown[]): Promise<RpcResponse> {
  const id = nextId++;
  const { json } = await post(url, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  return json as RpcResponse;
}

export interface WsMessage {
  raw: string;
  json: Record<string, unknown>;
}

/** A WebSocket client that records every text message in arrival order. */
export class WsClient {
  readonly messages: WsMessage[] = [];
  readonly pings: number[] = [];
  private waiters: { pred: (m: WsMessage) => boolean; resolve: (m: WsMessage) => void }[] = [];
  private id = 1000;
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const raw = data.toString();
      const msg = { raw, json: JSON.parse(raw) as Record<string, unknown> };
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(msg)) return true;
        w.resolve(msg);
        return false;
      });
    });
    socket.on('ping', () => this.pings.push(Date.now()));
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  static async connect(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    const client = new WsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Resolve with the first recorded (or future) message matching `pred`. */
  waitFor(pred: (m: WsMessage) => boolean, timeoutMs = 3000): Promise<WsMessage> {
    const found = this.messages.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  async call(method: string, params?: unknown[]): Promise<RpcResponse> {
    const id = this.id++;
    this.sendRaw(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    const m = await this.waitFor((msg) => msg.json.id === id);
    return m.json as unknown as RpcResponse;
  }

  /** Notifications of a subscription, in order. */
  notifications(subscription: string): WsMessage[] {
    return this.messages.filter((m) => (m.json.params as { subscription?: unknown } | undefined)?.subscription === subscription);
  }

  async nthNotification(subscription: string, n: number, timeoutMs = 3000): Promise<WsMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.notifications(subscription);
      if (list.length > n) return list[n]!;
      if (Date.now() > deadline) throw new Error(`no notification #${n} for ${subscription} (have ${list.length})`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    if (this.closeCode === undefined) {
      this.socket.close();
      await this.closed;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
