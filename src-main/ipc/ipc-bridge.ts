/**
 * The Bridge the Electron preload exposes, built from the contract's names over two narrow
 * functions. Free of Electron so the type tests can check it; the preload passes ipcRenderer in.
 */
import { type Bridge, type BridgeProcedures, callChannel, eventChannel } from './bridge.js';
import { type Envelope, isEventName, procedureNames } from './contract.js';

export interface IpcPort {
  invoke(channel: string, input: unknown): Promise<Envelope>;
  /** Subscribes to a channel; the listener gets the payload only, never Electron's event object. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createIpcBridge(ipc: IpcPort): Bridge {
  const procedures = Object.fromEntries(
    procedureNames.map((name) => [name, (input: unknown) => ipc.invoke(callChannel(name), input)]),
  ) as BridgeProcedures;
  return {
    procedures,
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event).slice(0, 100)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return ipc.subscribe(eventChannel(event), (payload) => listener(payload as never));
    },
  };
}
