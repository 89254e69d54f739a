/**
 * The browser-mode wire format, one JSON text message each way. Type-only for the renderer:
 * client → server `{id, name, input}`; server → client `{id, envelope}` (a reply) or
 * `{event, payload}` (an event). A message the server cannot read gets a reply with `id: null`.
 */
import type { Envelope, EventName, EventPayload } from '../contract.js';

export type RequestId = string | number;

export interface WsRequest {
  id: RequestId;
  name: string;
  input?: unknown;
}

export interface WsReply {
  id: RequestId | null;
  envelope: Envelope;
}

export type WsEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export type WsServerMessage = WsReply | WsEvent;

/** Both ends refuse bigger messages; the largest real input (10,000 image refs) is far below. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export const WS_PATH = '/ws';
