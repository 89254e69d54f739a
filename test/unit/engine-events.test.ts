import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { EngineError } from '../../src-main/core/engine/errors.js';
import { watchImageEvents } from '../../src-main/core/engine/events.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchImageEvents without an engine', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-events-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the loss once, keeps retrying with back-off, and stop() ends the retries', async () => {
    const url = `unix://${join(dir, 'missing.sock')}`;
    let attempts = 0;
    const connections: [boolean, string | undefined][] = [];
    const watch = watchImageEvents(
      () => {
        attempts += 1;
        return connect({ id: 'default', name: 'default', url, source: 'default' });
      },
      { onEvent: () => {}, onConnection: (reachable, error) => connections.push([reachable, error?.code]) },
      { minDelayMs: 5, maxDelayMs: 20 },
    );
    await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(5), { timeout: 2000 });
    watch.stop();
    const stoppedAt = attempts;
    await sleep(100);
    expect(attempts).toBe(stoppedAt);
    expect(connections).toEqual([[false, 'ENGINE_UNREACHABLE']]);
  });

  it('treats a client that cannot be made as a lost connection', async () => {
    const errors: (EngineError | undefined)[] = [];
    const watch = watchImageEvents(
      () => {
        throw new EngineError('TLS_ERROR', 'No ca.pem, cert.pem or key.pem in /nowhere.');
      },
      { onEvent: () => {}, onConnection: (_reachable, error) => errors.push(error) },
      { minDelayMs: 5, maxDelayMs: 10 },
    );
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    watch.stop();
    expect(errors[0]?.code).toBe('TLS_ERROR');
  });

  it('does nothing at all when stopped before the first attempt', async () => {
    const factory = vi.fn(() =>
      connect({ id: 'default', name: 'default', url: 'unix:///nowhere.sock', source: 'default' }),
    );
    const onConnection = vi.fn();
    watchImageEvents(factory, { onEvent: () => {}, onConnection }).stop();
    await sleep(50);
    expect(factory).not.toHaveBeenCalled();
    expect(onConnection).not.toHaveBeenCalled();
  });
});
