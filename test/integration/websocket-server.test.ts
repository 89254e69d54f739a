import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { connect } from '../../src-main/core/engine/connect.js';
import type { ImageSummary } from '../../src-main/core/engine/types.js';
import { type App, createApp } from '../../src-main/ipc/app.js';
import { EventHub, type EventListener } from '../../src-main/ipc/event-hub.js';
import type { WsServerMessage } from '../../src-main/ipc/web/protocol.js';
import { startWebServer, type WebServer } from '../../src-main/ipc/websocket-server.js';
import { buildScratchImage } from '../support/images.js';

const host = inject('dockerHost');
const docker = connect({ id: 'env', name: 'DOCKER_HOST', url: host, source: 'env' });
const run = randomUUID().slice(0, 8);
const SECRET = `secret-${run}`;

/** The app's hub, counted: every WebSocket subscribes on open and must unsubscribe on close. */
class CountingHub extends EventHub {
  active = 0;
  override subscribe(listener: EventListener): () => void {
    this.active++;
    const off = super.subscribe(listener);
    return () => {
      this.active--;
      off();
    };
  }
}

let work: string;
let app: App;
let hub: CountingHub;
let server: WebServer;
let imageId: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-web-'));
  const renderer = join(work, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Stevedore</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("app");');
  // Beside the renderer, not in it: no URL may reach it.
  await writeFile(join(work, 'secret.txt'), SECRET);

  imageId = await buildScratchImage(docker, `stevedore-it-${run}/web:1`, { 'w.txt': run });
  app = await createApp({
    env: { DOCKER_HOST: host, DOCKER_CONFIG: join(work, 'docker-config') },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
  // The engine watch announces every (re)connection; wait for it so events are not missed.
  const watching = new Promise<void>((resolve) => {
    const off = app.hub.subscribe((name) => {
      if (name === 'images.changed') {
        off();
        resolve();
      }
    });
  });
  hub = new CountingHub();
  app.hub.subscribe((name, payload) => hub.emit(name, payload));
  server = await startWebServer({ app: { dispatch: app.dispatch, hub }, rendererDir: renderer });
  await watching;
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await docker
    .getImage(imageId)
    .remove({ force: true })
    .catch(() => {});
  await rm(work, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path goes out byte for byte, headers exactly as given. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const withToken = (path: string, token = server.token) =>
  `${path}${path.includes('?') ? '&' : '?'}token=${token}`;

/** `null` leaves the token or the Origin header out. */
interface SocketOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
  path?: string;
  cookie?: string;
}

/** Opens a WebSocket as a browser would; resolves with the socket or the HTTP status that refused it. */
function openSocket(opts: SocketOptions = {}): Promise<WebSocket | number> {
  const {
    token = server.token,
    origin = `http://127.0.0.1:${server.port}`,
    host: hostHeader = `127.0.0.1:${server.port}`,
    path = '/ws',
  } = opts;
  const url = `ws://127.0.0.1:${server.port}${path}${token === null ? '' : `?token=${token}`}`;
  const headers: Record<string, string> = { Host: hostHeader };
  if (opts.cookie) headers.Cookie = opts.cookie;
  const socket = new WebSocket(url, { headers, ...(origin === null ? {} : { origin }) });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

async function openOk(opts?: SocketOptions): Promise<WebSocket> {
  const socket = await openSocket(opts);
  if (typeof socket === 'number') throw new Error(`the handshake was refused with ${socket}`);
  return socket;
}

/** Waits for the first message that `match` accepts. */
function nextMessage(
  socket: WebSocket,
  match: (message: WsServerMessage) => boolean,
): Promise<WsServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching message within 10 s')), 10_000);
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (!match(message)) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

async function call(socket: WebSocket, id: number | string, name: unknown, input: unknown) {
  const reply = nextMessage(socket, (m) => 'id' in m && m.id === id);
  socket.send(JSON.stringify({ id, name, input }));
  const message = await reply;
  if (!('envelope' in message)) throw new Error('not a reply');
  return message.envelope;
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('HTTP', () => {
  it('refuses a request without the token, or with a wrong one, with 403', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get(withToken('/', 'wrong'))).status).toBe(403);
    expect((await get(withToken('/', `${server.token}x`))).status).toBe(403);
    expect((await get('/', { Cookie: `stevedore-token-${server.port}=wrong` })).status).toBe(403);
  });

  it('serves index.html for the token, sets an HttpOnly SameSite=Strict cookie and strict headers', async () => {
    const answer = await get(withToken('/'));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<title>Stevedore</title>');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['set-cookie']).toEqual([
      `stevedore-token-${server.port}=${server.token}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
    const csp = answer.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('serves assets to the cookie with their content type', async () => {
    const cookie = `stevedore-token-${server.port}=${server.token}`;
    const answer = await get('/assets/app.js', { Cookie: `theme=dark; ${cookie}` });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/missing.js', { Cookie: cookie })).status).toBe(404);
    expect((await get(withToken('/'), {}, 'POST')).status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    expect((await get(withToken('/'), { Host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await get(withToken('/'), { Host: '127.0.0.1' })).status).toBe(421);
    expect((await get(withToken('/'), { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/..%5c..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('never serves a file outside the renderer: %s', async (path) => {
    const answer = await get(withToken(path));
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain(SECRET);
  });
});

describe('WebSocket', () => {
  it('refuses a handshake without the token, with a wrong one, from another origin or host', async () => {
    expect(await openSocket({ token: null })).toBe(403);
    expect(await openSocket({ token: 'wrong' })).toBe(403);
    expect(await openSocket({ origin: 'https://evil.example' })).toBe(403);
    expect(await openSocket({ origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await openSocket({ origin: null })).toBe(403);
    expect(await openSocket({ host: `evil.example:${server.port}` })).toBe(421);
    expect(await openSocket({ path: '/other' })).toBe(404);
    expect(hub.active).toBe(0);
  });

  it('accepts the cookie instead of the query, from localhost too', async () => {
    const socket = await openOk({
      token: null,
      cookie: `stevedore-token-${server.port}=${server.token}`,
      origin: `http://localhost:${server.port}`,
      host: `localhost:${server.port}`,
    });
    socket.close();
    await closed(socket);
  });

  it('answers images.list with the engine images', async () => {
    const socket = await openOk();
    const envelope = await call(socket, 1, 'images.list', {});
    expect(envelope.ok).toBe(true);
    const images = (envelope as { value: ImageSummary[] }).value;
    expect(images.find((image) => image.id === imageId)?.repoTags).toEqual([`stevedore-it-${run}/web:1`]);
    socket.close();
    await closed(socket);
  });

  it('answers bad messages with an error reply and keeps serving', async () => {
    const socket = await openOk();
    const invalid = nextMessage(socket, (m) => 'id' in m && m.id === null);
    socket.send('{not json');
    expect(await invalid).toMatchObject({
      id: null,
      envelope: { ok: false, error: { code: 'INVALID_MESSAGE' } },
    });
    const noId = nextMessage(socket, (m) => 'id' in m && m.id === null);
    socket.send(JSON.stringify({ name: 'images.list' }));
    expect(await noId).toMatchObject({ envelope: { error: { code: 'INVALID_MESSAGE' } } });
    const binary = nextMessage(socket, (m) => 'id' in m && m.id === null);
    socket.send(Buffer.from([1, 2, 3]));
    expect(await binary).toMatchObject({ envelope: { error: { code: 'INVALID_MESSAGE' } } });
    expect(await call(socket, 'n', 42, {})).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
    expect(await call(socket, 2, 'images.explode', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(socket, 3, 'images.tag', { image: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await call(socket, 4, 'tasks.list', {})).ok).toBe(true);
    socket.close();
    await closed(socket);
  });

  it('closes a socket that sends more than 1 MiB, and the server lives on', async () => {
    const socket = await openOk();
    const code = closed(socket);
    socket.send(JSON.stringify({ id: 1, name: 'images.list', input: { engineId: 'x'.repeat(1024 * 1024) } }));
    expect(await code).toBe(1009);
    const next = await openOk();
    expect((await call(next, 1, 'tasks.list', {})).ok).toBe(true);
    next.close();
    await closed(next);
  });

  it('pushes images.changed when an image is tagged on the engine', async () => {
    const socket = await openOk();
    const changed = nextMessage(
      socket,
      (m) => 'event' in m && m.event === 'images.changed' && m.payload.event.action === 'tag',
    );
    await docker.getImage(imageId).tag({ repo: `stevedore-it-${run}/web`, tag: 'retagged' });
    const message = await changed;
    expect(message).toMatchObject({
      event: 'images.changed',
      payload: { engineId: 'env', event: { action: 'tag', id: imageId } },
    });
    socket.close();
    await closed(socket);
  });

  it('drops the hub subscription of every closed socket', async () => {
    const sockets = await Promise.all([openOk(), openOk(), openOk()]);
    expect(hub.active).toBe(3);
    await Promise.all(
      sockets.map((socket) => {
        const done = closed(socket);
        socket.close();
        return done;
      }),
    );
    await expect.poll(() => hub.active).toBe(0);
  });
});
