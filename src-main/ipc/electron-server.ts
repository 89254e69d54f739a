/**
 * The contract over Electron IPC: one `ipcMain.handle` per procedure, events pushed to attached
 * windows. Types come from 'electron' but no code does, so tests drive it with a fake ipcMain.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { callChannel, eventChannel } from './bridge.js';
import { type Envelope, procedureNames } from './contract.js';
import type { Dispatch } from './dispatch.js';
import type { EventHub } from './event-hub.js';

export type FrameTrust = (frame: WebFrameMain | null | undefined) => boolean;

/** What events need from a window's contents. */
export type EventReceiver = Pick<WebContents, 'send' | 'isDestroyed' | 'once'> & {
  mainFrame: WebFrameMain | null;
};

export interface ElectronIpcServer {
  /** Sends every hub event to these contents until they are destroyed. */
  attach(contents: EventReceiver): () => void;
  /** Removes every handler and stops forwarding events. */
  close(): void;
}

const UNTRUSTED: Envelope = {
  ok: false,
  error: { code: 'UNTRUSTED_SENDER', message: 'This frame may not call Stevedore' },
};

export function serveElectronIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  app: { dispatch: Dispatch; hub: EventHub },
  isTrustedFrame: FrameTrust,
): ElectronIpcServer {
  for (const name of procedureNames) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, input: unknown) =>
      isTrustedFrame(event.senderFrame) ? app.dispatch(name, input) : UNTRUSTED,
    );
  }

  const targets = new Set<EventReceiver>();
  const unsubscribe = app.hub.subscribe((name, payload) => {
    for (const contents of targets) {
      if (contents.isDestroyed()) targets.delete(contents);
      // A window that navigated away (it should not be able to) gets nothing.
      else if (isTrustedFrame(contents.mainFrame)) contents.send(eventChannel(name), payload);
    }
  });

  return {
    attach(contents) {
      targets.add(contents);
      const detach = () => targets.delete(contents);
      contents.once('destroyed', detach);
      return () => void detach();
    },
    close() {
      unsubscribe();
      targets.clear();
      for (const name of procedureNames) ipcMain.removeHandler(callChannel(name));
    },
  };
}
