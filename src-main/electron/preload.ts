/**
 * Runs in the sandboxed renderer before the page. Exposes one function per contract procedure
 * and a validated event subscription; ipcRenderer itself never reaches the page.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { Envelope } from '../ipc/contract.js';
import { createIpcBridge } from '../ipc/ipc-bridge.js';

const bridge = createIpcBridge({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Envelope>,
  subscribe(channel, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld('stevedore', bridge);
