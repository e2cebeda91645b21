/**
 * The JSON-RPC server: fastify on one port, HTTP POST and WebSocket upgrade on `/`, `GET /health`.
 *
 * Everything about methods lives in `methods.ts` (the table) and `dispatch.ts` (the envelope);
 * this file only moves bytes: body limits, CORS, connection limits, keep-alive pings, shutdown.
 */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { NodeApi } from '../node/api.ts';
import { RpcConnection } from './connection.ts';
import * as system from './handlers/system.ts';
import { Dispatcher, errorResponse } from './dispatch.ts';
import { internalError, invalidRequest, requestTooBig } from './errors.ts';
import { METHODS, MethodRegistry } from './methods.ts';
import { corsOriginAllowed, DEFAULT_CORS, unsafeMethodsAllowed, type RpcMethodsPolicy } from './policy.ts';
import type { MethodTable, ServerContext } from './types.ts';

const MIB = 1024 * 1024;

export interface RpcServerOptions {
  api: NodeApi;
  host: string;
  /** 0 picks a free port (see `RpcServer.port`). */
  port: number;
  /** The rpc module's logger (pass a child, e.g. `{ module: 'rpc' }`); silent when omitted. */
  logger?: Logger;
  /** Allowed browser origins (`:*` = any port) or 'all'. Default: Substrate's localhost + polkadot.js.org list. */
  cors?: string[] | 'all';
  /** Concurrent WebSocket connections (default 100); more are refused with HTTP 429. */
  maxConnections?: number;
  /** Default 1024; beyond it subscribe calls fail with -32006. */
  maxSubscriptionsPerConnection?: number;
  /** Largest HTTP body / WS message (default 15 MiB): HTTP 413 / JSON-RPC -32007. */
  maxRequestBytes?: number;
  /** Largest serialized response (default 15 MiB): JSON-RPC -32008 instead. */
  maxResponseBytes?: number;
  /** `--rpc-methods`: default 'auto' = unsafe methods allowed only on a loopback host. */
  methodsPolicy?: RpcMethodsPolicy;
  /** More table rows (e.g. a test method or an optional module); names must not collide. */
  extraMethods?: MethodTable;
  /** WebSocket ping period (default 30 s, like Substrate); 3 missed pongs in a row drop the socket. */
  pingIntervalMs?: number;
}

export interface RpcServer {
  /** The port actually bound. */
  readonly port: number;
  /** Close every socket (WS close 1001), stop listening, end all subscriptions. */
  close(): Promise<void>;
}

interface WsEntry {
  socket: WebSocket;
  connection: RpcConnection;
  awaitingPong: boolean;
  missedPongs: number;
}

const MAX_MISSED_PONGS = 3;
const CLOSE_GRACE_MS = 1000;

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function rawDataLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

export async function startRpcServer(opts: RpcServerOptions): Promise<RpcServer> {
  const { api, host } = opts;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const maxConnections = opts.maxConnections ?? 100;
  const maxSubscriptions = opts.maxSubscriptionsPerConnection ?? 1024;
  const maxRequestBytes = opts.maxRequestBytes ?? 15 * MIB;
  const maxResponseBytes = opts.maxResponseBytes ?? 15 * MIB;
  const maxBufferedBytes = Math.max(64 * MIB, 2 * maxResponseBytes);
  const pingIntervalMs = opts.pingIntervalMs ?? 30_000;
  const cors = opts.cors ?? DEFAULT_CORS;

  const registry = MethodRegistry.from(METHODS, opts.extraMethods ?? {});
  const serverContext: ServerContext = {
    api,
    logger,
    startingBlock: api.best().number,
    methodNames: registry.names,
    unsafeAllowed: unsafeMethodsAllowed(opts.methodsPolicy ?? 'auto', host),
    maxResponseBytes,
  };
  const dispatcher = new Dispatcher(registry, serverContext, { maxResponseBytes });
  const sockets = new Set<WsEntry>();

  // fastify's own logger stays off: per-request logging halves throughput (deps-limits §3.8).
  const app = Fastify({ logger: false, bodyLimit: maxRequestBytes, forceCloseConnections: true });

  // Take the body as text whatever its content type; JSON errors must become -32700, not HTTP 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(websocket, {
    // Messages between maxRequestBytes and this hard cap get a -32007 answer; beyond it ws closes with 1009.
    options: { maxPayload: 2 * maxRequestBytes },
    errorHandler: (err, socket) => {
      logger.debug({ err }, 'websocket error');
      socket.terminate();
    },
  });

  app.setErrorHandler((err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-type', 'application/json; charset=utf-8');
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorResponse(null, requestTooBig(maxRequestBytes)));
    }
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) logger.error({ err }, 'HTTP request failed');
    return reply.code(status).send(errorResponse(null, status < 500 ? invalidRequest(err.message) : internalError()));
  });

  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin !== undefined && corsOriginAllowed(origin, cors)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-allow-methods', 'POST, GET, OPTIONS');
      reply.header('access-control-allow-headers', 'content-type');
      reply.header('access-control-max-age', '86400');
    }
    if (req.ws && sockets.size >= maxConnections) {
      logger.warn({ maxConnections }, 'refusing WebSocket connection: limit reached');
      return reply.code(429).send('Too many connections. Please try again later.');
    }
  });

  app.options('/*', (_req, reply) => reply.code(204).send());

  app.post('/', async (req, reply) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const out = await dispatcher.handleMessage(body);
    reply.header('content-type', 'application/json; charset=utf-8');
    return reply.send(out.text ?? '');
  });

  app.route({
    method: 'GET',
    url: '/',
    handler: (_req, reply) => reply.code(405).header('allow', 'POST').send('Used HTTP Method is not allowed. POST is required'),
    wsHandler: (socket: WebSocket) => onSocket(socket),
  });

  app.get('/health', (_req, reply) => reply.send(system.health([], { api, server: serverContext })));
  app.get('/health/readiness', (_req, reply) => {
    const h = api.health();
    const ready = !h.isSyncing && (h.peers > 0 || !h.shouldHavePeers);
    return reply.code(ready ? 200 : 500).send();
  });

  function onSocket(socket: WebSocket): void {
    socket.on('error', (err) => logger.debug({ err }, 'websocket error'));
    if (sockets.size >= maxConnections) {
      socket.close(1013, 'Too many connections');
      return;
    }
    const connection = new RpcConnection(socket, { maxSubscriptions, maxBufferedBytes, logger });
    const entry: WsEntry = { socket, connection, awaitingPong: false, missedPongs: 0 };
    sockets.add(entry);
    socket.on('pong', () => {
      entry.awaitingPong = false;
      entry.missedPongs = 0;
    });
    socket.on('message', (data) => {
      entry.missedPongs = 0;
      if (rawDataLength(data) > maxRequestBytes) {
        connection.sendText(errorResponse(null, requestTooBig(maxRequestBytes)));
        return;
      }
      dispatcher.handleMessage(rawDataToString(data), connection).then(
        (out) => {
          if (out.text !== undefined) connection.sendText(out.text);
          for (const f of out.afterSend) f();
        },
        (err: unknown) => logger.error({ err }, 'dispatch failed'),
      );
    });
    socket.on('close', () => {
      sockets.delete(entry);
      connection.dispose();
    });
  }

  // Keep-alive. Substrate pings every 30 s and drops a peer that stops answering.
  // polkadot-api does NOT see pings: it drops a socket after 40 s without a *text* message. Legacy
  // subscriptions on a 12 s chain produce enough traffic; an idle dev chain may not. The place for a
  // periodic text message is here, per socket, based on `connection.lastTextSentAt` (e.g. the
  // chainHead_v1 work can emit a follow event when a follow subscription has been silent ~20 s).
  const keepAlive = setInterval(() => {
    for (const entry of sockets) {
      if (entry.awaitingPong && ++entry.missedPongs >= MAX_MISSED_PONGS) {
        logger.debug({ connection: entry.connection.id }, 'websocket stopped answering pings; dropping it');
        entry.socket.terminate();
        continue;
      }
      entry.awaitingPong = true;
      try {
        entry.socket.ping();
      } catch (err) {
        logger.debug({ err }, 'websocket ping failed');
      }
    }
  }, pingIntervalMs);
  keepAlive.unref();

  try {
    await app.listen({ host, port: opts.port });
  } catch (err) {
    clearInterval(keepAlive);
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port;
  logger.info({ host, port, unsafeMethods: serverContext.unsafeAllowed }, 'JSON-RPC server listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearInterval(keepAlive);
      const pending = [...sockets].map(
        ({ socket, connection }) =>
          new Promise<void>((resolve) => {
            connection.dispose();
            if (socket.readyState === socket.CLOSED) return resolve();
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, CLOSE_GRACE_MS);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close(1001, 'Server shutting down');
          }),
      );
      await Promise.all(pending);
      sockets.clear();
      await app.close();
    })());

  return { port, close };
}
