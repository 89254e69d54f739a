import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { callChannel, eventChannel } from '../../src-main/ipc/bridge.js';
import { type Envelope, procedureNames } from '../../src-main/ipc/contract.js';
import { type EventReceiver, serveElectronIpc } from '../../src-main/ipc/electron-server.js';
import { EventHub } from '../../src-main/ipc/event-hub.js';
import { createIpcBridge } from '../../src-main/ipc/ipc-bridge.js';
import { createUrlTrust } from '../../src-main/ipc/trusted-origin.js';

const APP_URL = 'file:///opt/stevedore/out/renderer/index.html';
const isTrustedUrl = createUrlTrust({ fileUrl: APP_URL });
const isTrustedFrame = (frame: WebFrameMain | null | undefined) => !!frame && isTrustedUrl(frame.url);

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** A fake of Electron's ipcMain (Electron cannot run here): keeps handlers and lets a test invoke them. */
class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, senderUrl: string | null, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = senderUrl === null ? null : ({ url: senderUrl } as WebFrameMain);
    return handler({ senderFrame } as IpcMainInvokeEvent, input);
  }
}

/** A fake of a window's WebContents: records what main sends it. */
function fakeContents(url = APP_URL) {
  const sent: [string, unknown][] = [];
  let destroyed = false;
  let onDestroyed = () => {};
  const contents = {
    mainFrame: { url } as WebFrameMain,
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
    isDestroyed: () => destroyed,
    once: (_event: string, listener: () => void) => {
      onDestroyed = listener;
      return contents;
    },
  } as unknown as EventReceiver;
  const destroy = () => {
    destroyed = true;
    onDestroyed();
  };
  return { contents, sent, destroy };
}

function serve() {
  const ipcMain = new FakeIpcMain();
  const hub = new EventHub();
  const dispatch = vi.fn(
    async (name: unknown): Promise<Envelope> => ({ ok: true, value: `called ${String(name)}` }),
  );
  const server = serveElectronIpc(ipcMain, { dispatch, hub }, isTrustedFrame);
  return { ipcMain, hub, dispatch, server };
}

describe('serveElectronIpc', () => {
  it('registers one handler per procedure, and close removes them all', () => {
    const { ipcMain, server } = serve();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(procedureNames.map(callChannel).sort());
    server.close();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('dispatches a call from our own renderer', async () => {
    const { ipcMain, dispatch } = serve();
    const reply = await ipcMain.invoke(callChannel('images.list'), APP_URL, { engineId: 'env' });
    expect(reply).toEqual({ ok: true, value: 'called images.list' });
    expect(dispatch).toHaveBeenCalledWith('images.list', { engineId: 'env' });
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['another file', 'file:///tmp/evil.html'],
    ['a look-alike file', `${APP_URL}.evil`],
    ['a look-alike origin', 'http://localhost:5173.evil.example/'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['a frame that is gone', null],
  ])('refuses a call from %s with UNTRUSTED_SENDER and never dispatches it', async (_what, url) => {
    const { ipcMain, dispatch } = serve();
    const reply = await ipcMain.invoke(callChannel('images.remove'), url, { images: ['x'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('trusts the dev server by origin only', async () => {
    const trust = createUrlTrust({ fileUrl: APP_URL, devServerUrl: 'http://localhost:5173' });
    expect(trust('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(trust('http://localhost:5174/')).toBe(false);
    expect(trust('https://localhost:5173/')).toBe(false);
    expect(trust('not a url')).toBe(false);
  });

  it('sends hub events to attached contents until they are destroyed', () => {
    const { hub, server } = serve();
    const window = fakeContents();
    server.attach(window.contents);
    const payload = { engineId: 'env', event: { action: 'tag', id: 'sha256:1', time: 't' } };
    hub.emit('images.changed', payload);
    expect(window.sent).toEqual([[eventChannel('images.changed'), payload]]);
    window.destroy();
    hub.emit('images.changed', payload);
    expect(window.sent).toHaveLength(1);
  });

  it('sends nothing to contents that navigated away from the app', () => {
    const { hub, server } = serve();
    const window = fakeContents('https://evil.example/');
    server.attach(window.contents);
    hub.emit('images.changed', { engineId: 'env', event: { action: 'tag', id: 'x', time: 't' } });
    expect(window.sent).toEqual([]);
  });
});

describe('the preload bridge', () => {
  function bridgeOverFakePort() {
    const invoked: [string, unknown][] = [];
    const subscribed: string[] = [];
    let deliver: (payload: unknown) => void = () => {};
    const bridge = createIpcBridge({
      invoke: async (channel, input) => {
        invoked.push([channel, input]);
        return { ok: true, value: null };
      },
      subscribe: (channel, listener) => {
        subscribed.push(channel);
        deliver = listener;
        return () => subscribed.splice(subscribed.indexOf(channel), 1);
      },
    });
    return { bridge, invoked, subscribed, deliver: (payload: unknown) => deliver(payload) };
  }

  it('has exactly one function per procedure, each invoking its own channel', async () => {
    const { bridge, invoked } = bridgeOverFakePort();
    expect(Object.keys(bridge.procedures).sort()).toEqual([...procedureNames].sort());
    await bridge.procedures['images.tag']({ image: 'a', target: 'b' });
    expect(invoked).toEqual([[callChannel('images.tag'), { image: 'a', target: 'b' }]]);
  });

  it('subscribes to known events only and hands the listener the payload alone', () => {
    const { bridge, subscribed, deliver } = bridgeOverFakePort();
    const listener = vi.fn();
    const off = bridge.on('task.updated', listener);
    expect(subscribed).toEqual([eventChannel('task.updated')]);
    deliver({ id: 't1' });
    expect(listener).toHaveBeenCalledWith({ id: 't1' });
    off();
    expect(subscribed).toEqual([]);
    expect(() => bridge.on('stevedore:call:images.remove' as never, () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on('task.updated', 'not a function' as never)).toThrow(/function/);
  });
});
