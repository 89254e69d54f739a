import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDockerode } from '../../src-main/core/engine/lazy-dependencies.js';

const require = createRequire(import.meta.url);
const loaded = (pattern: RegExp) => Object.keys(require.cache).some((path) => pattern.test(path));

describe('loadDockerode', () => {
  it('loads dockerode without its BuildKit session and SSH code, which load when first used', () => {
    const Dockerode = loadDockerode();
    expect(typeof Dockerode).toBe('function');
    expect(loaded(/[\\/]@grpc[\\/]grpc-js[\\/]/)).toBe(false);
    expect(loaded(/[\\/]ssh2[\\/]/)).toBe(false);

    // docker-modem calls its ssh module for ssh:// engines: the stand-in must hand over to the real one.
    const fromDockerode = createRequire(require.resolve('dockerode'));
    const sshPath = join(dirname(fromDockerode.resolve('docker-modem')), 'ssh.js');
    const ssh = require.cache[sshPath]?.exports as (opts: object) => unknown;
    const agent = ssh({ host: '127.0.0.1', port: 1, username: 'nobody' });
    expect(agent).toBeTruthy();
    expect(loaded(/[\\/]ssh2[\\/]/)).toBe(true);
  });
});
