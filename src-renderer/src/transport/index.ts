import type { Bridge } from '../../../src-main/ipc/bridge.js';
import { takeToken } from './token.js';
import { connectWebSocketBridge } from './websocket-bridge.js';

export type { Bridge };

/** Electron's preload bridge when there is one; otherwise browser mode over `/ws` on this host. */
export function connectBridge(): Promise<Bridge> {
  if (window.stevedore) return Promise.resolve(window.stevedore);
  const token = takeToken();
  const url = new URL('/ws', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  if (token) url.searchParams.set('token', token);
  return connectWebSocketBridge(url.href);
}
