import WebSocket from 'ws';
import { type ErrorShape, toErrorShape } from '../../core/errors.js';
import type { Dispatch } from '../dispatch.js';
import type { EventHub } from '../event-hub.js';
import type { RequestId, WsServerMessage } from './protocol.js';

const MAX_ID_LENGTH = 100;

/** What one browser tab needs from the app. */
export interface ConnectionDeps {
  dispatch: Dispatch;
  hub: EventHub;
}

/**
 * Serves one WebSocket: forwards every hub event, answers every request with an envelope.
 * Nothing a client sends can throw out of here; a bad message gets an INVALID_MESSAGE reply.
 */
export function serveConnection(socket: WebSocket, { dispatch, hub }: ConnectionDeps): void {
  const send = (message: WsServerMessage) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      // A value JSON cannot carry (a BigInt, a cycle) is a bug: report it to the caller, not the log.
      if (!('id' in message)) return;
      text = JSON.stringify({ id: message.id, envelope: { ok: false, error: toErrorShape(error) } });
    }
    socket.send(text);
  };
  const refuse = (id: RequestId | null, message: string) => {
    const error: ErrorShape = { code: 'INVALID_MESSAGE', message };
    send({ id, envelope: { ok: false, error } });
  };

  const unsubscribe = hub.subscribe((event, payload) => send({ event, payload } as WsServerMessage));
  socket.on('close', unsubscribe);
  // An oversized frame or a protocol error: ws has already sent its close code (1009, 1002, ...).
  socket.on('error', () => socket.terminate());

  socket.on('message', (data, isBinary) => {
    if (isBinary) return refuse(null, 'messages must be JSON text');
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return refuse(null, 'message is not valid JSON');
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return refuse(null, 'message must be an object {id, name, input}');
    }
    const { id, name, input } = message as Record<string, unknown>;
    if (!isRequestId(id)) return refuse(null, 'message needs an id: a string or a finite number');
    if (typeof name !== 'string') return refuse(id, 'message needs a procedure name');
    void dispatch(name, input).then((envelope) => send({ id, envelope }));
  });
}

function isRequestId(id: unknown): id is RequestId {
  return (
    (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= MAX_ID_LENGTH)
  );
}
