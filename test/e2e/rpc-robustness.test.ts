/**
 * Robustness acceptance (issue 3): a real `--dev --tmp` node process gets malformed JSON, bad
 * requests, unknown methods, wrong params, oversized requests and 1,000 random byte strings as
 * extrinsics, over one WebSocket and over HTTP. Every request gets a JSON-RPC error with the
 * right code (never -32603 "Internal error" for bad input) and the node keeps producing blocks.
 * Also: `state_getKeysPaged` over `System.Account`, page size 2, start key exclusive.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { fromHex, toHex } from '../../src/primitives/hex.ts';
import { twox128 } from '../../src/primitives/hashing.ts';
import { verifySignature } from '../../src/primitives/crypto.ts';
import { FAST_PROFILE } from '../../src/runtime/constants.ts';
import { signExtrinsic } from '../../src/runtime/extrinsic/sign.ts';
import { createRuntime } from '../../src/runtime/runtime.ts';
import { startNode, waitFor, type JsonHeader, type NodeProcess } from '../helpers/node-process.ts';

let node: NodeProcess;

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

interface RpcReply {
  jsonrpc?: string;
  id?: unknown;
  result?: unknown;
  error?: RpcError;
}

/** Codes a bad extrinsic may get: bad format, verification, invalid, unknown validity (and bad params). */
const BAD_EXTRINSIC_CODES = new Set([1001, 1002, 1010, 1011, -32602]);

/** mulberry32: a small deterministic PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function compactPrefix(n: number): number[] {
  if (n < 64) return [n << 2];
  if (n < 1 << 14) return [((n << 2) | 1) & 0xff, n >> 6];
  throw new RangeError('too long for this helper');
}

/**
 * 1,000 random byte strings of random length 0–300 (deterministic). A fifth are raw random bytes;
 * the others are shaped to get further into the decoder and the pool: random bytes behind a
 * correct compact length; a signed (0x84, `Id` address) or unsigned (0x04) body of random bytes;
 * and a real signed transfer with 1–3 random bytes changed (a bad signature, nonce, era, …).
 */
function randomExtrinsics(count: number, seed: number, valid: Uint8Array): string[] {
  const rand = prng(seed);
  const byte = () => Math.floor(rand() * 256);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(rand() * 301);
    const body = Array.from({ length: len }, byte);
    let bytes: number[];
    switch (i % 5) {
      case 0:
        bytes = body;
        break;
      case 4: {
        bytes = [...valid];
        const flips = 1 + Math.floor(rand() * 3);
        for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] ^= 1 + Math.floor(rand() * 255);
        break;
      }
      case 1:
        bytes = [...compactPrefix(body.length), ...body];
        break;
      case 2: {
        const signed = [0x84, 0x00, ...body];
        bytes = [...compactPrefix(signed.length), ...signed];
        break;
      }
      default: {
        const unsigned = [0x04, ...body];
        bytes = [...compactPrefix(unsigned.length), ...unsigned];
      }
    }
    out.push(toHex(Uint8Array.from(bytes)));
  }
  return out;
}

/**
 * POST a body larger than the server accepts. The server answers 413 from the declared length
 * and closes, so send the headers first and the body only if no answer came (writing 16 MiB into
 * a closing socket ends in a broken pipe before the response can be read).
 */
function postOversized(body: string): Promise<{ status: number; json: RpcReply | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(node.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    let answered = false;
    const timer = setTimeout(() => {
      if (!answered) req.end(body);
    }, 2000);
    req.on('response', (res) => {
      answered = true;
      clearTimeout(timer);
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json: RpcReply | undefined;
        try {
          json = JSON.parse(text) as RpcReply;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json });
        req.destroy();
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, json: undefined }));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      if (!answered) reject(err);
    });
    req.flushHeaders();
  });
}

async function postRaw(body: string | Buffer): Promise<{ status: number; json: RpcReply | RpcReply[] | undefined }> {
  const res = await fetch(node.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  let json: RpcReply | RpcReply[] | undefined;
  try {
    json = JSON.parse(text) as RpcReply;
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

let httpId = 1;
async function httpCall(method: string, params?: unknown): Promise<RpcReply> {
  const { json } = await postRaw(JSON.stringify({ jsonrpc: '2.0', id: httpId++, method, params }));
  return json as RpcReply;
}

/** One WebSocket with replies matched by id. */
class Socket {
  private next = 1;
  private readonly pending = new Map<number, (r: RpcReply) => void>();
  private readonly unmatched: RpcReply[] = [];
  private readonly waiters: ((r: RpcReply) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as RpcReply;
      const resolve = typeof reply.id === 'number' ? this.pending.get(reply.id) : undefined;
      if (resolve) {
        this.pending.delete(reply.id as number);
        resolve(reply);
      } else {
        const w = this.waiters.shift();
        if (w) w(reply);
        else this.unmatched.push(reply);
      }
    });
  }

  static async open(url: string): Promise<Socket> {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { maxPayload: 64 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Socket(ws);
  }

  call(method: string, params?: unknown): Promise<RpcReply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Send raw text; resolves with the next reply that carries no known id (e.g. `id: null`). */
  raw(text: string | Buffer): Promise<RpcReply> {
    return new Promise((resolve) => {
      const queued = this.unmatched.shift();
      if (queued) resolve(queued);
      else this.waiters.push(resolve);
      this.ws.send(text);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.ws.close();
  }
}

async function bestNumber(): Promise<number> {
  return Number((await node.rpc<JsonHeader>('chain_getHeader')).number);
}

beforeAll(async () => {
  node = await startNode(['--dev', '--tmp']);
}, 60_000);

afterAll(async () => {
  await node?.stop();
});

describe('malformed and invalid requests', () => {
  it('answers malformed JSON with -32700 and a bad request object with -32600 (HTTP and WS)', async () => {
    for (const body of ['{"jsonrpc":"2.0","id":1,"method":', 'not json at all', '\u0000\u0001']) {
      const { json } = await postRaw(body);
      expect((json as RpcReply).error?.code, body).toBe(-32700);
    }
    for (const body of ['{"jsonrpc":"2.0","id":1}', '{"jsonrpc":"2.0","id":1,"method":42}', '42', '[]']) {
      const { json } = await postRaw(body);
      const reply = Array.isArray(json) ? json[0] : json;
      expect(reply?.error?.code, body).toBe(-32600);
    }
    const ws = await Socket.open(node.url);
    expect((await ws.raw('{"jsonrpc":"2.0","id":1,"method":')).error?.code).toBe(-32700);
    expect((await ws.raw('{"jsonrpc":"2.0","id":"x"}')).error?.code).toBe(-32600);
    expect(ws.isOpen).toBe(true);
    expect((await ws.call('system_health')).result).toBeDefined();
    ws.close();
  });

  it('answers unknown methods with -32601 "Method not found"', async () => {
    for (const method of ['nope', 'state_getStorageX', 'author_', '', 'rpc_methods ']) {
      expect((await httpCall(method, [])).error, method).toMatchObject({ code: -32601, message: 'Method not found' });
    }
  });

  it('answers wrong params with -32602 (and the state limits with their own codes)', async () => {
    const cases: [string, unknown][] = [
      ['chain_getBlockHash', ['xyz']],
      ['chain_getBlockHash', [-1]],
      ['chain_getHeader', ['0x1234']],
      ['state_getStorage', [123]],
      ['state_getStorage', ['0xzz']],
      ['state_getKeysPaged', ['0x', 'ten']],
      ['state_call', ['Core_version', 7]],
      ['author_submitExtrinsic', [42]],
      ['author_submitExtrinsic', ['0xnothex']],
      ['author_submitExtrinsic', []],
      ['system_accountNextIndex', ['not-an-address']],
      ['payment_queryInfo', [{}]],
      ['state_getReadProof', ['0x00']],
      ['state_queryStorageAt', ['0x00']],
    ];
    for (const [method, params] of cases) {
      const reply = await httpCall(method, params);
      expect(reply.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602);
    }
    expect((await httpCall('state_getKeysPaged', ['0x', 1001])).error?.code).toBe(4002);
    expect((await httpCall('state_call', ['NoSuch_api', '0x'])).error?.code).toBe(4003);
  });

  it('refuses an oversized request with -32007 and keeps serving (HTTP 413; WS connection stays open)', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'author_submitExtrinsic', params: [`0x${'ab'.repeat(8 * 1024 * 1024)}`] });
    expect(big.length).toBeGreaterThan(15 * 1024 * 1024);
    const http = await postOversized(big);
    expect(http.status).toBe(413);
    expect(http.json?.error?.code).toBe(-32007);

    const ws = await Socket.open(node.url);
    const reply = await ws.raw(big);
    expect(reply.error?.code).toBe(-32007);
    expect(ws.isOpen).toBe(true);
    expect((await ws.call('system_health')).error).toBeUndefined();
    ws.close();
    expect((await httpCall('system_health')).error).toBeUndefined();
  });
});

describe('1,000 random byte strings as extrinsics', () => {
  let xts: string[] = [];

  beforeAll(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    const [alice, bob] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];
    const rt = createRuntime(FAST_PROFILE, { verifySignature });
    const genesisHash = fromHex(await node.rpc<string>('chain_getBlockHash', [0]));
    const transfer = signExtrinsic(
      rt.runtime,
      { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: 1_000_000_000n } },
      { publicKey: alice.publicKey, type: 'sr25519', sign: (m) => alice.sign(m) },
      { nonce: 0, genesisHash },
    );
    xts = randomExtrinsics(1000, 0x5eed, transfer);
  });

  function tally(replies: RpcReply[]): Map<number, number> {
    const codes = new Map<number, number>();
    for (const r of replies) {
      expect(r.result, `unexpectedly accepted: ${JSON.stringify(r)}`).toBeUndefined();
      const code = r.error!.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    return codes;
  }

  it('each gets an error with an expected code over one WebSocket (submit and submitAndWatch)', async () => {
    const ws = await Socket.open(node.url);
    const replies = await Promise.all(xts.map((x) => ws.call('author_submitExtrinsic', [x])));
    const codes = tally(replies);
    for (const code of codes.keys()) expect(BAD_EXTRINSIC_CODES, `code ${code}: ${JSON.stringify(replies.find((r) => r.error?.code === code))}`).toContain(code);
    expect(codes.has(-32603)).toBe(false);
    // The subscribe call itself fails for a transaction the pool refuses.
    const watched = await Promise.all(xts.slice(0, 100).map((x) => ws.call('author_submitAndWatchExtrinsic', [x])));
    for (const code of tally(watched).keys()) expect(BAD_EXTRINSIC_CODES).toContain(code);
    expect(ws.isOpen).toBe(true);
    ws.close();
    console.log(`random extrinsics over WS: ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 120_000);

  it('each gets an error with an expected code over HTTP', async () => {
    const replies: RpcReply[] = [];
    for (let i = 0; i < xts.length; i += 25) {
      replies.push(...(await Promise.all(xts.slice(i, i + 25).map((x) => httpCall('author_submitExtrinsic', [x])))));
    }
    const codes = tally(replies);
    for (const code of codes.keys()) expect(BAD_EXTRINSIC_CODES).toContain(code);
    console.log(`random extrinsics over HTTP: ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 120_000);

  it('fee queries on them fail with the payment RPC\'s codes (1 runtime, 2 decode)', async () => {
    const replies = await Promise.all(xts.slice(0, 200).map((x) => httpCall('payment_queryInfo', [x])));
    for (const r of replies) {
      if (r.result !== undefined) continue; // a random body can be a well-formed unsigned call
      expect([1, 2], JSON.stringify(r)).toContain(r.error!.code);
    }
  }, 60_000);

  it('leaves the node running: blocks keep coming and system_health answers', async () => {
    expect(node.child.exitCode).toBeNull();
    const before = await bestNumber();
    await waitFor('a new best block', async () => ((await bestNumber()) > before ? true : undefined), 30_000);
    expect((await httpCall('system_health')).result).toMatchObject({ isSyncing: false });
    expect((await httpCall('author_pendingExtrinsics')).result).toEqual([]);
    // Nothing was logged at error level (pino level 50+: e.g. a handler that threw unexpectedly).
    expect(node.output()).not.toMatch(/"level":(50|60)/);
  }, 60_000);
});

describe('state_getKeysPaged', () => {
  it('iterates System.Account two keys at a time, start key exclusive: every key once, in order', async () => {
    const prefix = toHex(new Uint8Array([...twox128(new TextEncoder().encode('System')), ...twox128(new TextEncoder().encode('Account'))]));
    const at = await node.rpc<string>('chain_getBlockHash');
    const all = await node.rpc<string[]>('state_getKeys', [prefix, at]);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let start: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const keys: string[] = await node.rpc<string[]>('state_getKeysPaged', [prefix, 2, start, at]);
      expect(keys.length).toBeLessThanOrEqual(2);
      seen.push(...keys);
      if (keys.length < 2) break;
      start = keys[1]!;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    for (const k of seen) expect(k.startsWith(prefix)).toBe(true);
    // The start key itself is excluded; a start key between keys starts at the next one.
    const fromSecond = await node.rpc<string[]>('state_getKeysPaged', [prefix, 2, all[1], at]);
    expect(fromSecond).toEqual(all.slice(2, 4));
    const between = `${all[0]}00`;
    expect(await node.rpc<string[]>('state_getKeysPaged', [prefix, 1, between, at])).toEqual([all[1]]);
  });
});
