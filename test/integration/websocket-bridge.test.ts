import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type App, createApp } from '../../src-main/ipc/app.js';
import { ContractError, createClient } from '../../src-main/ipc/client.js';
import { startWebServer, type WebServer } from '../../src-main/ipc/websocket-server.js';
import { connectWebSocketBridge } from '../../src-renderer/src/transport/websocket-bridge.js';

/**
 * The renderer's browser-mode bridge against the real server and engine. Node 20 has no
 * WebSocket global: `ws` stands in, sending the Origin a browser on the page would send.
 */
const host = inject('dockerHost');

let work: string;
let app: App;
let server: WebServer;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stevedore-bridge-'));
  await mkdir(join(work, 'renderer'));
  await writeFile(join(work, 'renderer', 'index.html'), '<!doctype html>');
  app = await createApp({
    env: { DOCKER_HOST: host, DOCKER_CONFIG: join(work, 'docker-config') },
    configDir: join(work, 'config'),
    transport: 'websocket',
  });
  server = await startWebServer({ app, rendererDir: join(work, 'renderer') });
  const origin = `http://127.0.0.1:${server.port}`;
  vi.stubGlobal(
    'WebSocket',
    class PageWebSocket extends WebSocket {
      constructor(url: string) {
        super(url, { origin });
        // Browsers let an 'error' go unheard (a 'close' follows); Node's EventEmitter would throw.
        this.on('error', () => {});
      }
    },
  );
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

const wsUrl = (token: string) => `ws://127.0.0.1:${server.port}/ws?token=${token}`;

describe('connectWebSocketBridge', () => {
  it('calls procedures through a client and hears events', async () => {
    const client = createClient(await connectWebSocketBridge(wsUrl(server.token)));
    expect(await client.call('app.info', {})).toMatchObject({ transport: 'websocket' });
    expect(Array.isArray(await client.call('images.list', {}))).toBe(true);
    const error = await client.call('images.inspect', { image: 'stevedore-none/missing:1' }).catch((e) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('NOT_FOUND');

    const heard = new Promise((resolve) => client.on('task.updated', resolve));
    app.tasks.start('test', 'A task the page should hear about', async () => null);
    expect(await heard).toMatchObject({ title: 'A task the page should hear about' });
  });

  it('rejects with DISCONNECTED when the first connection is refused', async () => {
    const error = await connectWebSocketBridge(wsUrl('wrong')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DISCONNECTED' });
  });

  it('fails the pending call with DISCONNECTED when the socket drops, then reconnects', async () => {
    const bridge = await connectWebSocketBridge(wsUrl(server.token));
    // The server closes a socket that sends more than 1 MiB: a real drop, not a simulated one.
    const dropped = await bridge.procedures['images.list']({ engineId: 'x'.repeat(1024 * 1024) });
    expect(dropped).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    await expect
      .poll(async () => (await bridge.procedures['tasks.list']({})).ok, { timeout: 10_000, interval: 100 })
      .toBe(true);
  });
});
