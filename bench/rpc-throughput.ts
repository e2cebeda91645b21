/**
 * JSON-RPC server throughput: `npx tsx bench/rpc-throughput.ts [seconds]` (default 3 per figure).
 * Starts the real server on 127.0.0.1 against the in-memory test node and measures
 * `chain_getBlockHash [1]` over HTTP (keep-alive node:http client) and over WebSocket (several clients with
 * requests in flight). The client runs in the same process, so the figures are a lower bound.
 * Prints figures only.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { startRpcServer } from '../src/rpc/server.ts';
import { FakeNode } from '../test/unit/rpc/fake-node.ts';

const seconds = Number(process.argv[2] ?? 3);
const server = await startRpcServer({ api: new FakeNode(), host: '127.0.0.1', port: 0 });
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getBlockHash', params: [1] });

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };

function post(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function httpFigure(concurrency: number): Promise<void> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      await post();
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  console.log(`HTTP POST (keep-alive), ${concurrency} concurrent: ${Math.round(done / ((performance.now() - start) / 1000))} req/s`);
}

async function wsFigure(clients: number, inFlight: number): Promise<void> {
  const sockets = await Promise.all(
    Array.from({ length: clients }, () => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    })),
  );
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          let outstanding = 0;
          ws.on('message', () => {
            done++;
            outstanding--;
            if (performance.now() < end) {
              ws.send(body);
              outstanding++;
            } else if (outstanding === 0) resolve();
          });
          for (let i = 0; i < inFlight; i++) {
            ws.send(body);
            outstanding++;
          }
        }),
    ),
  );
  console.log(`WS, ${clients} clients x ${inFlight} in flight: ${Math.round(done / ((performance.now() - start) / 1000))} req/s`);
  for (const ws of sockets) ws.close();
}

await httpFigure(1);
await httpFigure(32);
await wsFigure(1, 1);
await wsFigure(16, 10);
agent.destroy();
await server.close();
