/**
 * What a transport hands the renderer: one function per procedure and one way to listen to events.
 * The Electron preload builds it over ipcRenderer; browser mode builds it over a WebSocket.
 * Type-only: the renderer imports no schema code.
 */
import type { Envelope, EventName, EventPayload, InputOf, ProcedureName, ReplyOf } from './contract.js';

export type BridgeProcedures = {
  [N in ProcedureName]: (input: InputOf<N>) => Promise<Envelope<ReplyOf<N>>>;
};

export interface Bridge {
  procedures: BridgeProcedures;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Electron channel names; shared by the preload and the main-side IPC server. */
export const callChannel = (name: ProcedureName) => `stevedore:call:${name}`;
export const eventChannel = (name: EventName) => `stevedore:event:${name}`;
