/**
 * The Bridge over a WebSocket (browser mode). Procedures are a Proxy that sends whatever name is
 * asked for: the server validates names and inputs, so no schema code ships to the page.
 */
import type { Bridge, BridgeProcedures } from '../../../src-main/ipc/bridge.js';
import type { Envelope, EventName } from '../../../src-main/ipc/contract.js';
import type { WsServerMessage } from '../../../src-main/ipc/web/protocol.js';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

type Listener = (payload: unknown) => void;

function disconnected(message: string): Envelope<never> {
  return { ok: false, error: { code: 'DISCONNECTED', message } };
}

/** Resolves once the first connection is open; later drops reconnect with back-off. */
export function connectWebSocketBridge(url: string): Promise<Bridge> {
  const pending = new Map<number, (envelope: Envelope) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = FIRST_RETRY_MS;

  const failPending = (message: string) => {
    for (const resolve of pending.values()) resolve(disconnected(message));
    pending.clear();
  };

  const receive = (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    let message: WsServerMessage;
    try {
      message = JSON.parse(event.data) as WsServerMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    } else if (typeof message.id === 'number') {
      pending.get(message.id)?.(message.envelope);
      pending.delete(message.id);
    }
  };

  const call = (name: string, input: unknown): Promise<Envelope> => {
    if (socket?.readyState !== WebSocket.OPEN) {
      return Promise.resolve(disconnected('Not connected to Stevedore; reconnecting'));
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket?.send(JSON.stringify({ id, name, input }));
    });
  };

  const byName = new Map<string, (input: unknown) => Promise<Envelope>>();
  const procedures = new Proxy({} as BridgeProcedures, {
    get(_target, name) {
      // Not `then` and friends: only contract-shaped names (`images.list`) are procedures.
      if (typeof name !== 'string' || !name.includes('.')) return undefined;
      let invoke = byName.get(name);
      if (!invoke) {
        invoke = (input: unknown) => call(name, input);
        byName.set(name, invoke);
      }
      return invoke;
    },
  });

  const bridge: Bridge = {
    procedures,
    on(event: EventName, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };

  return new Promise((resolve, reject) => {
    let everOpened = false;
    const open = () => {
      const current = new WebSocket(url);
      socket = current;
      current.addEventListener('message', receive);
      current.addEventListener('open', () => {
        retryMs = FIRST_RETRY_MS;
        if (!everOpened) {
          everOpened = true;
          resolve(bridge);
        }
      });
      current.addEventListener('close', () => {
        failPending('The connection to Stevedore dropped; reconnecting');
        if (!everOpened) {
          const error = new Error('Cannot reach the Stevedore server: is `stevedore serve` still running?');
          reject(Object.assign(error, { code: 'DISCONNECTED' }));
          return;
        }
        const jitter = Math.random() * retryMs * 0.2;
        setTimeout(open, retryMs + jitter);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      });
    };
    open();
  });
}
