import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, endpointOf } from '../../src-main/core/engine/connect.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';

describe('connect', () => {
  let dir: string;
  let server: Server;
  let socket: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stevedore-connect-'));
    socket = join(dir, 'engine.sock');
    // A plain HTTP server on a unix socket: what is under test is where the client dials.
    server = createServer((req, res) => res.end(req.url === '/_ping' ? 'OK' : 'unexpected'));
    await new Promise<void>((resolve) => server.listen(socket, resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['tcp://192.0.2.1:2375', 'tcp://[not a url'])(
    'dials its own endpoint even when DOCKER_HOST is %s',
    async (dockerHost) => {
      const saved = process.env.DOCKER_HOST;
      process.env.DOCKER_HOST = dockerHost;
      try {
        const endpoint: EngineEndpoint = {
          id: 'context:x',
          name: 'x',
          url: `unix://${socket}`,
          source: 'context',
        };
        const docker = connect(endpoint);
        expect(process.env.DOCKER_HOST).toBe(dockerHost);
        await expect(docker.ping()).resolves.toEqual(Buffer.from('OK'));
        expect(endpointOf(docker)).toBe(endpoint);
      } finally {
        if (saved === undefined) delete process.env.DOCKER_HOST;
        else process.env.DOCKER_HOST = saved;
      }
    },
  );

  it('refuses a URL it cannot dial', () => {
    const endpoint: EngineEndpoint = { id: 'user:x', name: 'x', url: 'ftp://x', source: 'user' };
    expect(() => connect(endpoint)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
