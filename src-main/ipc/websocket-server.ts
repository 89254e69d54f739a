/**
 * Browser mode: the renderer served over HTTP on loopback and the contract over a WebSocket.
 *
 * Anyone on this machine can reach a loopback port, and any web page the user visits can try
 * to, so every request must prove it came from the person who started the server: a random
 * per-run token (query or cookie), the exact Host (against DNS rebinding) and, for the
 * WebSocket, the exact Origin (against cross-site WebSocket hijacking).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dispatch } from './dispatch.js';
import type { EventHub } from './event-hub.js';
import { serveConnection } from './web/connection.js';
import { MAX_MESSAGE_BYTES, WS_PATH } from './web/protocol.js';
import {
  hostAllowed,
  originAllowed,
  queryToken,
  requestAuthorized,
  tokenCookie,
} from './web/request-guard.js';
import { securityHeaders } from './web/security-headers.js';
import { findStaticFile } from './web/static-files.js';
import { createToken, tokenMatches } from './web/token.js';

export interface WebServerOptions {
  app: { dispatch: Dispatch; hub: EventHub };
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
}

export interface WebServer {
  /** Open this in a browser: it carries the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startWebServer({ app, rendererDir, port = 0 }: WebServerOptions): Promise<WebServer> {
  const token = createToken();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('connection', (socket) => serveConnection(socket, app));

  let boundPort = 0;
  const server = createServer((request, response) => {
    handleHttp(request, response, { rendererDir, port: boundPort, token }).catch(() => {
      if (!response.headersSent) plain(response, 500, 'Internal error', boundPort);
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, boundPort, token);
    if (refusal) return rejectUpgrade(socket, refusal);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  // A client that vanishes mid-request must not take the server down.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  boundPort = address.port;

  return {
    url: `http://${LOOPBACK}:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface HttpContext {
  rendererDir: string;
  port: number;
  token: string;
}

async function handleHttp(request: IncomingMessage, response: ServerResponse, ctx: HttpContext) {
  if (!hostAllowed(request, ctx.port)) return plain(response, 421, 'Misdirected request', ctx.port);
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${ctx.port}`);
  if (!requestAuthorized(request, url, ctx.port, ctx.token))
    return plain(response, 403, 'Forbidden', ctx.port);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return plain(response, 405, 'Method not allowed', ctx.port);
  }
  if (url.pathname === WS_PATH) return plain(response, 426, 'Upgrade required', ctx.port);

  const file = await findStaticFile(ctx.rendererDir, url.pathname);
  if (!file) return plain(response, 404, 'Not found', ctx.port);

  const headers: Record<string, string | number> = {
    ...securityHeaders(ctx.port),
    'Content-Type': file.contentType,
    'Content-Length': file.size,
    'Cache-Control': 'no-store',
  };
  // A valid token in the query: remember it for the page's assets and reloads.
  if (tokenMatches(queryToken(url), ctx.token)) headers['Set-Cookie'] = tokenCookie(ctx.port, ctx.token);
  response.writeHead(200, headers);
  if (request.method === 'HEAD') return response.end();
  const stream = file.stream();
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function plain(response: ServerResponse, status: number, text: string, port: number): void {
  response.writeHead(status, {
    ...securityHeaders(port),
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(`${text}\n`);
}

interface Refusal {
  status: number;
  reason: string;
}

function upgradeRefusal(request: IncomingMessage, port: number, token: string): Refusal | undefined {
  if (!hostAllowed(request, port)) return { status: 421, reason: 'Misdirected Request' };
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
  if (url.pathname !== WS_PATH) return { status: 404, reason: 'Not Found' };
  if (!originAllowed(request, port)) return { status: 403, reason: 'Forbidden' };
  if (!requestAuthorized(request, url, port, token)) return { status: 403, reason: 'Forbidden' };
  return undefined;
}

function rejectUpgrade(socket: Duplex, { status, reason }: Refusal): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
