import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { z } from 'zod';
import { endpointOf } from './connect.js';
import { EngineError, toEngineError } from './errors.js';
import { jsonLineParser } from './json-lines.js';
import type { ImageEvent } from './types.js';

export interface ImageEventHandlers {
  onEvent(event: ImageEvent): void;
  /** Called when the stream is (re)established, and once when it is lost (not on every retry). */
  onConnection(reachable: boolean, error?: EngineError): void;
}

export interface WatchOptions {
  /** First retry delay; doubles per failure up to maxDelayMs, each with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** One message of GET /events, reduced to what identifies an image change. */
const rawEventSchema = z.object({
  Type: z.string().optional(),
  Action: z.string().optional(),
  status: z.string().optional(),
  id: z.string().optional(),
  Actor: z.object({ ID: z.string().optional() }).optional(),
  time: z.number().optional(),
  timeNano: z.number().optional(),
});

/**
 * Follows the engine's image events and keeps following them: when the stream ends or fails
 * it reconnects with exponential back-off and jitter. `docker` is asked for a client on every
 * attempt. stop() ends the stream, the pending request and the retry timer.
 */
export function watchImageEvents(
  docker: () => Dockerode,
  handlers: ImageEventHandlers,
  opts: WatchOptions = {},
): { stop(): void } {
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 5000;
  let stopped = false;
  let state: 'unknown' | 'up' | 'down' = 'unknown';
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let pending: AbortController | undefined;
  let stream: Readable | undefined;

  const notify = (call: () => void) => {
    if (stopped) return;
    try {
      call();
    } catch (error) {
      // A failing listener must not kill the stream or, from inside a socket callback, the process.
      console.error('An image event listener failed:', error);
    }
  };

  const lose = (error: EngineError) => {
    if (stopped) return;
    if (state !== 'down') {
      state = 'down';
      notify(() => handlers.onConnection(false, error));
    }
    const ceiling = Math.min(maxDelay, minDelay * 2 ** failures);
    failures += 1;
    timer = setTimeout(open, ceiling / 2 + (Math.random() * ceiling) / 2);
  };

  const open = async () => {
    timer = undefined;
    if (stopped) return;
    let client: Dockerode;
    try {
      client = docker();
    } catch (error) {
      lose(toEngineError(error));
      return;
    }
    const endpoint = endpointOf(client);
    const controller = new AbortController();
    pending = controller;
    let events: Readable;
    try {
      events = (await client.getEvents({
        filters: { type: ['image'] },
        abortSignal: controller.signal,
      })) as unknown as Readable;
    } catch (error) {
      if (pending === controller) pending = undefined;
      lose(toEngineError(error, endpoint));
      return;
    }
    pending = undefined;
    if (stopped) {
      events.destroy();
      return;
    }
    stream = events;
    failures = 0;
    state = 'up';
    notify(() => handlers.onConnection(true));

    const parser = jsonLineParser((value) => {
      const event = toImageEvent(value);
      if (event) notify(() => handlers.onEvent(event));
    });
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      if (stream === events) stream = undefined;
      events.destroy();
      const where = endpoint?.url ?? 'the engine';
      lose(
        error === undefined
          ? new EngineError('ENGINE_UNREACHABLE', `The engine at ${where} closed its event stream.`)
          : toEngineError(error, endpoint),
      );
    };
    events.on('data', (chunk: Buffer) => parser.write(chunk));
    events.on('error', end);
    events.on('end', () => end());
    events.on('close', () => end());
  };

  timer = setTimeout(open, 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      pending?.abort();
      stream?.destroy();
      stream = undefined;
    },
  };
}

function toImageEvent(value: unknown): ImageEvent | undefined {
  const parsed = rawEventSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const raw = parsed.data;
  if (raw.Type !== undefined && raw.Type !== 'image') return undefined;
  const action = raw.Action ?? raw.status;
  const id = raw.Actor?.ID ?? raw.id;
  if (!action || !id) return undefined;
  const millis =
    raw.timeNano !== undefined ? raw.timeNano / 1e6 : raw.time !== undefined ? raw.time * 1000 : Date.now();
  return { action, id, time: new Date(Math.floor(millis)).toISOString() };
}
