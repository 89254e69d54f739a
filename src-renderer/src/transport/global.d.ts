import type { Bridge } from '../../../src-main/ipc/bridge.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    stevedore?: Bridge;
  }
}
