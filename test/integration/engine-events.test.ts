import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import type { EngineError } from '../../src-main/core/engine/errors.js';
import { watchImageEvents } from '../../src-main/core/engine/events.js';
import type { EngineEndpoint, ImageEvent } from '../../src-main/core/engine/types.js';
import { type Dockerd, startDockerd } from '../support/dockerd.js';
import { buildScratchImage } from '../support/images.js';

const run = randomUUID().slice(0, 8);

/** Records what a watch reports, in order. */
function recorder() {
  const events: ImageEvent[] = [];
  const connections: { reachable: boolean; error?: EngineError }[] = [];
  return {
    events,
    connections,
    handlers: {
      onEvent: (event: ImageEvent) => events.push(event),
      onConnection: (reachable: boolean, error?: EngineError) =>
        connections.push(error ? { reachable, error } : { reachable }),
    },
  };
}

describe('watchImageEvents on the shared engine', () => {
  const endpoint: EngineEndpoint = {
    id: 'env',
    name: 'DOCKER_HOST',
    url: inject('dockerHost'),
    source: 'env',
  };
  const docker = connect(endpoint);

  it('sees a tag made through the raw API within 2 s, with the image id', async () => {
    const id = await buildScratchImage(docker, `stevedore-it-${run}/events:1`, { 'e.txt': 'e' });
    const seen = recorder();
    const watch = watchImageEvents(() => docker, seen.handlers);
    try {
      await vi.waitFor(() => expect(seen.connections).toEqual([{ reachable: true }]), { timeout: 5000 });
      const started = Date.now();
      await docker.getImage(id).tag({ repo: `stevedore-it-${run}/events`, tag: '2' });
      await vi.waitFor(
        () => expect(seen.events).toContainEqual(expect.objectContaining({ action: 'tag', id })),
        {
          timeout: 2000,
          interval: 20,
        },
      );
      expect(Date.now() - started).toBeLessThan(2000);
      const tagEvent = seen.events.find((event) => event.action === 'tag');
      expect(Math.abs(Date.parse(tagEvent?.time ?? '') - Date.now())).toBeLessThan(60_000);
    } finally {
      watch.stop();
    }
    // After stop nothing more arrives.
    const count = seen.events.length;
    await docker.getImage(id).remove({ force: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.events).toHaveLength(count);
  });
});

describe('watchImageEvents across an engine restart', () => {
  let dockerd: Dockerd;
  beforeAll(async () => {
    dockerd = await startDockerd();
  });
  afterAll(async () => {
    await dockerd?.stop();
  });

  it('reports the loss, reconnects when the engine is back, and events flow again', async () => {
    const endpoint: EngineEndpoint = {
      id: 'user:restart',
      name: 'restart',
      url: dockerd.host,
      source: 'user',
    };
    const docker = connect(endpoint);
    const seen = recorder();
    const watch = watchImageEvents(() => docker, seen.handlers, { minDelayMs: 50, maxDelayMs: 400 });
    try {
      await vi.waitFor(() => expect(seen.connections).toHaveLength(1), { timeout: 5000 });
      await dockerd.restart();
      await vi.waitFor(() => expect(seen.connections).toHaveLength(3), { timeout: 10_000 });
      expect(seen.connections[0]).toEqual({ reachable: true });
      expect(seen.connections[1]?.reachable).toBe(false);
      expect(seen.connections[1]?.error?.code).toBe('ENGINE_UNREACHABLE');
      expect(seen.connections[1]?.error?.message).toContain(dockerd.host);
      expect(seen.connections[2]).toEqual({ reachable: true });

      const id = await buildScratchImage(docker, `stevedore-it-${run}/after-restart:1`, { 'a.txt': 'a' });
      await vi.waitFor(
        () => expect(seen.events).toContainEqual(expect.objectContaining({ action: 'tag', id })),
        {
          timeout: 2000,
          interval: 20,
        },
      );
    } finally {
      watch.stop();
    }
  });
});
